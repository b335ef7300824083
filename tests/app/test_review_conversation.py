"""The review conversation (issue 14, point 2): focal points and reviewers comment on a report,
comments are kept for good and audited, the approval takes a comment, and after a decision the
reviewer goes on to the next report in the queue."""

from __future__ import annotations

import html

import pytest
from sqlalchemy import select, update

from app.models.audit import AuditEvent
from app.models.portfolio import Project
from app.models.progress import ProgressReport
from app.models.reference import Entity
from app.progress import workflow
from app.progress.comments import next_to_review
from tests.app.progress_data import audit_events, report_of, world
from tests.app.test_progress_workflow import submitted


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return html.unescape(response.get_data(as_text=True))


def _comment(client, report_id: int, body: str):
    return client.post(f"/reports/{report_id}/comments", data={"body": body})


def test_focal_point_and_reviewer_hold_a_conversation(client, db_session, make_user, login):
    """Measured: the reviewer's comment was one field that the next save overwrote."""
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    db_session.commit()
    login(reviewer)
    asked = _comment(client, report.id, "Please attach the assessment list.")
    assert asked.status_code == 302
    assert asked.headers["Location"].endswith(f"/reports/{report.id}/review#review-thread")
    login(focal)
    answered = _comment(client, report.id, "Attached to the next version.")
    assert answered.headers["Location"].endswith(f"{w.url}#review-thread")
    page = _page(client, w.url)
    first, second = "Please attach the assessment list.", "Attached to the next version."
    assert page.index(first) < page.index(second)
    assert reviewer.email in page and "(reviewer)" in page and "(focal point)" in page
    events = audit_events(db_session, "comment")
    assert [e.reason for e in events] == [first, second]
    assert {e.user_id for e in events} == {reviewer.id, focal.id}
    assert report_of(db_session, w).version == report.version  # a comment changes no figure


def test_comments_survive_later_decisions_and_are_append_only(db_session, make_user, client):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    db_session.commit()
    from tests.conftest import sign_in

    sign_in(client, reviewer)
    _comment(client, report.id, "Where do the 12 come from?")
    report = report_of(db_session, w)
    workflow.return_report(db_session, reviewer, report, report.version, "Add the source.")
    db_session.commit()
    page = _page(client, f"/reports/{report.id}/review")
    assert "Where do the 12 come from?" in page and "Add the source." in page
    with pytest.raises(Exception, match="append-only"):
        db_session.execute(
            update(AuditEvent).where(AuditEvent.action == "comment").values(reason="changed")
        )
    db_session.rollback()


@pytest.mark.parametrize(
    "body,problem", [("   ", "A comment is required."), ("x" * 5001, "at most 5,000 characters")]
)
def test_a_bad_comment_is_refused_beside_the_field(
    client, db_session, make_user, login, body, problem
):
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    db_session.commit()
    login(make_user("reviewer"))
    response = _comment(client, report.id, body)
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert 'id="thread-comment-error"' in page and problem in page
    assert audit_events(db_session, "comment") == []


def test_viewers_and_other_entities_cannot_comment(client, db_session, make_user, login):
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    db_session.commit()
    for user in (make_user("viewer"), make_user("focal_point", "UNDP"), make_user("cted")):
        login(user)
        assert _comment(client, report.id, "Hello").status_code == 403
    assert audit_events(db_session, "comment") == []


def test_the_approval_keeps_its_comment(client, db_session, make_user, login):
    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    db_session.commit()
    login(make_user("reviewer"))
    page = _page(client, f"/reports/{report.id}/review")
    assert 'id="approve-comment"' in page
    data = {"version": report.version, "comment": "Figures checked against the lists."}
    assert client.post(f"/reports/{report.id}/approve", data=data).status_code == 302
    assert [e.reason for e in audit_events(db_session, "approve")] == [data["comment"]]


def test_after_a_decision_the_reviewer_goes_to_the_next_report(
    client, db_session, make_user, login
):
    """Measured: there was no "next in queue" after a decision."""
    first, second = world(db_session), world(db_session, code="P-2")
    focal = make_user("focal_point", "UNODC")
    one, two = submitted(db_session, first, focal), submitted(db_session, second, focal)
    db_session.commit()
    reviewer = make_user("reviewer")
    login(reviewer)
    done = client.post(f"/reports/{one.id}/approve", data={"version": one.version})
    assert done.headers["Location"].endswith(f"/reports/{two.id}/review")
    assert "next report in the review queue" in _page(client, done.headers["Location"])
    last = client.post(
        f"/reports/{two.id}/return", data={"version": two.version, "comment": "Sources?"}
    )
    assert last.headers["Location"].endswith("/")
    assert "No other report awaits your review" in _page(client, "/")


def test_the_next_report_skips_own_entity_locked_periods_and_own_figures(db_session, make_user):
    mine, theirs, locked = (world(db_session, code=c) for c in ("P-1", "P-2", "P-3"))
    focal = make_user("focal_point", "UNODC")
    reports = [submitted(db_session, w, focal) for w in (mine, theirs, locked)]
    admin = make_user("admin")
    assert next_to_review(db_session, admin, after=reports[0].id) == reports[1].id
    unodc_admin = make_user("admin", "UNODC")
    assert next_to_review(db_session, unodc_admin, after=0) is None  # all UNODC's own
    db_session.execute(
        update(ProgressReport).where(ProgressReport.id == reports[1].id)
        .values(author_id=admin.id)
    )  # fmt: skip
    assert next_to_review(db_session, admin, after=reports[0].id) == reports[2].id
    locked.period.status = "locked"
    db_session.flush()
    assert next_to_review(db_session, admin, after=reports[0].id) is None


def test_the_demo_has_a_conversation_on_a_returned_report(client, db_session, app, login):
    from tests.app.test_round_trips import signed_in

    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    report = db_session.scalars(
        select(ProgressReport)
        .join(Project)
        .join(Entity)
        .where(ProgressReport.status == "returned", Entity.acronym == "UNODC")
    ).first()
    signed_in(client, "unodc@demo.example")
    page = _page(client, f"/projects/{report.project_id}/reports/{report.period.key}")
    assert "Returned by reviewer@demo.example" in page
    assert page.index("attendance lists; I will attach them") < page.index("Attach the lists")


def test_the_review_page_formats_figures_for_people(client, db_session, make_user, login):
    """Measured on the demo: 64.7059 % and 55.5556 on the review page, 1250 without separator."""
    from decimal import Decimal

    w = world(db_session)
    report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    number = next(v for v in report.values if v.indicator_id == w.number.id)
    number.value = Decimal(1250)
    share = next(v for v in report.values if v.indicator_id == w.percent.id)
    share.value, share.numerator, share.denominator = Decimal("64.7059"), 33, 51
    db_session.commit()
    login(make_user("reviewer"))
    page = _page(client, f"/reports/{report.id}/review")
    assert "1,250" in page and "64.71 %" in page and "64.7059" not in page
