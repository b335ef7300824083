"""The long lists: homes show their first rows and link to paged lists, the overdue list is
computed in SQL as the rows compute it, pages beyond the last say so, and the logframe links
needs found by a bounded search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.portfolio import project_needs
from app.models.progress import ReportingPeriod
from app.paging import HOME_ROWS, PER_PAGE
from app.progress import due
from tests.app import factories


def quarter(session: Session, key: str, status: str = "open") -> ReportingPeriod:
    """Return the period of a quarter, added if missing, with the status asked for."""
    found = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == key))
    found = found or factories.period(session, key, status)
    found.status = status
    return found


def portfolio(session: Session, count: int) -> list[Any]:
    """Add `count` UNODC projects with reports in 2019Q3 (open, due): every third submitted,
    every third a draft, the rest not started; and a locked 2019Q2 with a missing report."""
    open_, locked = quarter(session, "2019Q3"), quarter(session, "2019Q2", "locked")
    projects = [factories.project(session, f"PL-{k:03d}") for k in range(count)]
    for k, project in enumerate(projects):
        if k % 3 != 2:
            factories.report(session, project, open_, ("submitted", "draft")[k % 3])
        if k % 4 == 0:
            factories.report(session, project, locked, "draft")
    session.commit()
    return projects


def test_the_overdue_list_in_sql_is_what_the_rows_call_overdue(db_session: Session) -> None:
    portfolio(db_session, 13)
    today = dt.date.today()
    expected = [row for row in due.due_everywhere(db_session, today) if row.overdue]
    assert len(expected) >= 8  # the drafts and the not started of 2019Q3
    assert due.overdue_reports(db_session, today) == expected
    assert due.overdue_reports(db_session, today, 3) == expected[:3]


def test_the_admin_home_shows_the_first_rows_and_links_to_all(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    portfolio(db_session, 4 * HOME_ROWS)
    login(make_user("admin"))
    page = client.get("/").get_data(as_text=True)
    overdue = len([r for r in due.due_everywhere(db_session, dt.date.today()) if r.overdue])
    queued = len(due.review_queue(db_session))
    assert f"See all overdue reports ({overdue})" in page
    assert f"See all reports to review ({queued})" in page
    assert queued > HOME_ROWS and page.count(">Review</a>") == HOME_ROWS
    listed = client.get("/overdue").get_data(as_text=True)
    assert listed.count("<tr><td><bdi>UNODC</bdi>") == min(overdue, PER_PAGE)


def test_a_page_beyond_the_last_says_so_and_links_to_it(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    portfolio(db_session, 4)
    login(make_user("admin"))
    for path, last in (("/overdue?page=7", "/overdue?page=1"), ("/needs?page=99", "page=1"),
                       ("/projects?page=12&pillar=II", "pillar=II"),
                       ("/review-queue?page=999999", "/review-queue?page=1")):  # fmt: skip
        response = client.get(path)
        text = response.get_data(as_text=True)
        assert response.status_code == 200, path
        assert "There is no page" in text and "Go to the last page" in text, path
        assert last in text, path


def test_the_paged_lists_keep_to_their_roles(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    portfolio(db_session, 3)
    other = factories.project(db_session, "PL-UNDP", entity="UNDP")
    factories.report(db_session, other, quarter(db_session, "2019Q3"), "draft")
    db_session.commit()
    login(make_user("focal_point", "UNODC"))
    assert client.get("/review-queue").status_code == 403
    assert client.get("/overdue").status_code == 403
    mine = client.get("/due").get_data(as_text=True)
    assert "PL-000" in mine and "PL-UNDP" not in mine
    login(make_user("reviewer"))
    assert client.get("/due").status_code == 403
    assert "PL-000" in client.get("/review-queue").get_data(as_text=True)


def test_the_needs_page_searches_codes_and_text_literally(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    factories.need(db_session, "PL-N-ALPHA", description="Border 100% screening")
    factories.need(db_session, "PL-N-BETA", description="Courts")
    db_session.commit()
    login(make_user("viewer"))
    found = client.get("/needs?q=n-alph").get_data(as_text=True)
    assert "PL-N-ALPHA" in found and "PL-N-BETA" not in found
    literal = client.get("/needs?q=0%25").get_data(as_text=True)  # "0%" is text, no wildcard
    assert "PL-N-ALPHA" in literal and "PL-N-BETA" not in literal
    assert 'value="n-alph"' in client.get("/needs?q=n-alph").get_data(as_text=True)


def linked(session: Session, project_id: int) -> set[int]:
    """Return the ids of the needs linked to a project."""
    stmt = select(project_needs.c.need_id).where(project_needs.c.project_id == project_id)
    return set(session.scalars(stmt))


def test_the_logframe_searches_needs_instead_of_listing_them_all(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    project = factories.project(db_session, "PL-LF")
    kenya = [factories.need(db_session, f"PL-K{k:02d}") for k in range(60)]
    secret = factories.need(db_session, "PL-SECRET", confidential=True)
    project.needs.append(kenya[0])
    db_session.commit()
    login(make_user("focal_point", "UNODC"))
    url = f"/projects/{project.id}/logframe"
    assert 'name="need_id"' not in client.get(url).get_data(as_text=True)
    found = client.get(f"{url}?member_state=KEN").get_data(as_text=True)
    assert found.count('name="need_id"') == 50 and "narrow the search" in found
    assert f'value="{kenya[0].id}"' not in found  # already linked: listed above, not offered
    narrow = client.get(f"{url}?q=PL-K5").get_data(as_text=True)
    assert narrow.count('name="need_id"') == 10 and "PL-SECRET" not in narrow
    hidden = client.get(f"{url}?q=PL-S").get_data(as_text=True)
    assert "PL-SECRET" not in hidden and f'value="{secret.id}"' not in hidden


def test_linking_ticked_needs_is_all_or_nothing_and_audited(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    project = factories.project(db_session, "PL-LINK")
    one, two, three = (factories.need(db_session, f"PL-L{k}") for k in range(3))
    secret = factories.need(db_session, "PL-LS", confidential=True)
    project.needs.append(three)
    db_session.commit()
    login(make_user("focal_point", "UNODC"))
    url, pid = f"/projects/{project.id}/needs", project.id
    events = db_session.scalar(select(func.count(AuditEvent.id)))
    assert client.post(url, data={"need_id": [one.id, three.id]}).status_code == 302
    assert linked(db_session, pid) == {three.id}  # three is linked already: nothing written
    assert client.post(url, data={"need_id": [one.id, secret.id]}).status_code == 404
    assert linked(db_session, pid) == {three.id}
    for bad in ({}, {"need_id": "abc"}, {"need_id": str(2**40)}):
        refused = client.post(url, data=bad, follow_redirects=True)
        assert refused.status_code == 200 and 'class="flash error' in refused.get_data(as_text=True)
    assert linked(db_session, pid) == {three.id}
    done = client.post(url, data={"need_id": [one.id, two.id]}, follow_redirects=True)
    assert "2 needs linked." in done.get_data(as_text=True)
    assert linked(db_session, pid) == {one.id, two.id, three.id}
    assert db_session.scalar(select(func.count(AuditEvent.id))) == events + 2


def test_the_overdue_list_filters_by_entity_and_keeps_it_across_pages(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    portfolio(db_session, 3 * PER_PAGE)  # two thirds overdue: two pages
    other = factories.project(db_session, "PL-UNDP", entity="UNDP")
    factories.report(db_session, other, quarter(db_session, "2019Q3"), "draft")
    db_session.commit()
    login(make_user("admin"))
    every = client.get("/overdue").get_data(as_text=True)
    assert "/overdue?page=2" in every
    undp = client.get("/overdue?entity=UNDP").get_data(as_text=True)
    assert "PL-UNDP" in undp and "PL-000" not in undp and "page=2" not in undp
    unodc = client.get("/overdue?entity=UNODC").get_data(as_text=True)
    assert "entity=UNODC" in unodc and "page=2" in unodc and "PL-UNDP" not in unodc
    queue = client.get("/review-queue?entity=UNDP").get_data(as_text=True)
    assert "PL-000" not in queue  # UNDP has no submitted report
    ignored = client.get("/overdue?entity=NOPE").get_data(as_text=True)
    assert "/overdue?page=2" in ignored  # an unknown entity is no filter


def test_an_audit_trail_filters_by_kind_of_object_across_pages(
    db_session: Session, client: FlaskClient, make_user: Callable, login: Any
) -> None:
    project = factories.project(db_session, "PL-AUD")
    for k in range(2 * PER_PAGE + 10):  # each kind fills more than a page
        kind = "output" if k % 2 else "indicator"
        event = AuditEvent(action="update", object_type=kind, object_id=str(k))
        event.project_id, event.entity_id = project.id, project.entity_id
        db_session.add(event)
    db_session.commit()
    login(make_user("admin"))
    url = f"/projects/{project.id}/audit"
    every = client.get(url).get_data(as_text=True)
    assert every.count("<tr><td>") == PER_PAGE and '<option value="output"' in every
    outputs = client.get(f"{url}?object=output&page=2").get_data(as_text=True)
    assert "indicator #" not in outputs and outputs.count("output #") == 5
    assert "55 events" in outputs and "object=output" in outputs
    indicators = client.get(f"{url}?object=indicator").get_data(as_text=True)
    assert indicators.count("indicator #") == PER_PAGE
    assert "object=indicator&amp;page=2" in indicators
    assert "output #" in client.get(f"{url}?object=nothing").get_data(as_text=True)
