"""Highlights are chosen: the reviewer marks a narrative when approving (audited), and the
quarterly report quotes the marked ones only, at most HIGHLIGHTS_PER_PILLAR a pillar."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from app.models.progress import ProgressReport
from app.progress import services as entry
from app.progress import workflow
from app.quarterly.build import build_quarterly
from reports.content import HIGHLIGHTS_PER_PILLAR
from tests.app import factories
from tests.app.progress_data import audit_events, report_of, world
from tests.app.test_progress_workflow import complete


@pytest.fixture
def submitted(db_session, make_user):  # type: ignore[no-untyped-def]
    w = world(db_session)
    author = make_user("focal_point", "UNODC")
    scope = entry.load_scope(db_session, w.project, w.period)
    entry.submit(db_session, author, scope, complete(w), 0)
    return w, report_of(db_session, w)


def test_review_page_offers_the_highlight_mark(client, make_user, login, submitted) -> None:
    _, report = submitted
    login(make_user("reviewer"))
    page = client.get(f"/reports/{report.id}/review").get_data(as_text=True)
    assert 'name="highlight"' in page
    assert f"at most {HIGHLIGHTS_PER_PILLAR} marked narratives per pillar" in page


def test_approving_with_the_mark_is_audited_and_reopening_clears_it(
    client, db_session, make_user, login, submitted
) -> None:
    w, report = submitted
    reviewer = make_user("reviewer")
    login(reviewer)
    data = {"version": str(report.version), "comment": "", "highlight": "y"}
    assert client.post(f"/reports/{report.id}/approve", data=data).status_code == 302
    db_session.expire_all()
    report = report_of(db_session, w)
    assert report.status == "approved" and report.is_highlight is True
    (event,) = audit_events(db_session, "approve")
    assert event.before["is_highlight"] is False and event.after["is_highlight"] is True
    workflow.reopen(db_session, reviewer, report, report.version, "Figures to check")
    assert report_of(db_session, w).is_highlight is False
    (event,) = audit_events(db_session, "reopen")
    assert event.before["is_highlight"] is True and event.after["is_highlight"] is False


def test_approving_without_the_mark_leaves_it_off(
    client, db_session, make_user, login, submitted
) -> None:
    w, report = submitted
    login(make_user("reviewer"))
    data = {"version": str(report.version), "comment": ""}
    assert client.post(f"/reports/{report.id}/approve", data=data).status_code == 302
    db_session.expire_all()
    assert report_of(db_session, w).is_highlight is False


def test_report_quotes_marked_highlights_only_bounded_newest_first(db_session) -> None:
    period = factories.period(db_session, "2019Q3")
    marked = []
    for n in range(HIGHLIGHTS_PER_PILLAR + 3):
        project = factories.project(db_session, f"UNODC-{n:04}", pillar_code="II")
        report = factories.report(db_session, project, period, narrative=f"Narrative {n}")
        db_session.execute(
            update(ProgressReport)
            .where(ProgressReport.id == report.id)
            .values(
                is_highlight=n % 4 != 3,  # every fourth approved narrative is not marked
                reviewed_at=dt.datetime(2019, 10, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n),
            )
        )
        if n % 4 != 3:
            marked.append(n)
    other = factories.project(db_session, "UNOCT-0001", entity="UNOCT", pillar_code="I")
    factories.report(db_session, other, period, narrative="Pillar I, marked")
    db_session.execute(update(ProgressReport).where(ProgressReport.project_id == other.id).values(
        is_highlight=True))  # fmt: skip
    db_session.flush()
    report = build_quarterly(db_session, "2019Q3")
    by_pillar = {p.pillar.value: [h.text for h in p.highlights] for p in report.pillars}
    newest = [f"Narrative {n}" for n in sorted(marked, reverse=True)[:HIGHLIGHTS_PER_PILLAR]]
    assert by_pillar["II"] == newest
    assert by_pillar["I"] == ["Pillar I, marked"]
    assert "Narrative 3" not in str(by_pillar)  # approved, but not marked
