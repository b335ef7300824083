"""A locked quarter: its reports leave the review queue, its unsent ones show as missing."""

from __future__ import annotations

import datetime as dt

from app.progress import due
from app.progress import services as entry
from tests.app import factories
from tests.app.progress_data import period, world
from tests.app.test_progress_workflow import complete

MISSING = "missing — quarter locked"


def lock(session, found) -> None:
    found.status = "locked"
    session.flush()


def test_a_locked_quarters_submitted_report_leaves_the_review_queue(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    other = world(db_session, "UNOCT", "OTHER-1", key="2019Q2")
    focal, octal = make_user("focal_point", "UNODC"), make_user("focal_point", "UNOCT")
    for user, item in ((focal, w), (octal, other)):
        scope = entry.load_scope(db_session, item.project, item.period)
        entry.submit(db_session, user, scope, complete(item), 0)
    lock(db_session, other.period)
    assert [q.project_code for q in due.review_queue(db_session)] == ["P-1"]
    login(make_user("reviewer"))
    page = client.get("/").text
    assert "P-1" in page and "OTHER-1" not in page


def test_unstarted_reports_of_a_locked_quarter_show_as_missing_without_a_start_button(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    late = period(db_session, "2019Q2", due_in_days=-5)
    lock(db_session, late)
    login(make_user("focal_point", "UNODC"))
    page = client.get("/").text
    assert MISSING in page and "2019Q2" in page
    assert f"/projects/{w.project.id}/reports/2019Q2" not in page  # no Start, no link
    assert f"/projects/{w.project.id}/reports/2019Q3" in page and "Start" in page
    assert "overdue" not in page  # a locked quarter's report can no longer be sent
    rows = due.due_for_entity(db_session, w.project.entity_id, dt.date.today())
    assert {(r.period_key, r.status, r.overdue) for r in rows} == {
        ("2019Q3", "not started", False),
        ("2019Q2", "missing", False),
    }
    assert "missing" not in due.OPEN_TO_EDIT  # so the workbook leaves it out


def test_a_draft_left_in_a_locked_quarter_is_missing_too(db_session, make_user) -> None:
    w = world(db_session, key="2019Q2")
    focal = make_user("focal_point", "UNODC")
    entry.save_draft(
        db_session, focal, entry.load_scope(db_session, w.project, w.period), complete(w), 0
    )
    lock(db_session, w.period)
    rows = due.due_for_entity(db_session, w.project.entity_id, dt.date.today())
    assert [(r.period_key, r.status) for r in rows] == [("2019Q2", "missing")]


def test_overdue_of_open_quarters_stays_and_old_locked_quarters_stay_away(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    open_late = period(db_session, "2019Q1", due_in_days=-5)
    lock(db_session, period(db_session, "2018Q4", due_in_days=-2))
    lock(db_session, period(db_session, "2017Q4", due_in_days=-400))  # over a year ago
    rows = due.due_for_entity(db_session, w.project.entity_id, dt.date.today())
    assert {r.period_key: (r.status, r.overdue) for r in rows} == {
        "2019Q3": ("not started", False),
        open_late.key: ("not started", True),
        "2018Q4": ("missing", False),
    }
    assert [r.period_key for r in due.overdue_reports(db_session, dt.date.today())] == ["2019Q1"]
    login(make_user("admin"))
    page = client.get("/").text
    assert "Overdue reports across entities" in page and "2018Q4" not in page
    factories.project(db_session, "P-DONE", status="completed")
    assert len(due.due_for_entity(db_session, w.project.entity_id, dt.date.today())) == 3
