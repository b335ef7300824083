"""The home page says what is due, what waits for review, and what is overdue."""

from __future__ import annotations

from app.progress import services as entry
from tests.app.progress_data import period, world
from tests.app.test_progress_workflow import complete


def test_focal_point_sees_own_entity_reports_with_status_and_overdue(
    client, db_session, make_user, login
):
    w = world(db_session)
    world(db_session, "UNOCT", "OTHER-1")
    late = period(db_session, "2019Q2", due_in_days=-5)
    focal = make_user("focal_point", "UNODC")
    entry.save_draft(
        db_session, focal, entry.load_scope(db_session, w.project, w.period), complete(w), 0
    )
    login(focal)
    page = client.get("/").get_data(as_text=True)
    assert "What's due for UNODC" in page
    assert "OTHER-1" not in page
    assert f"/projects/{w.project.id}/reports/2019Q3" in page
    assert f"/projects/{w.project.id}/reports/{late.key}" in page
    assert "Continue" in page and "not started" in page
    assert "1 report overdue" in page


def test_reviewer_sees_the_queue_with_author_and_admin_sees_overdue(
    client, db_session, make_user, login
):
    w = world(db_session)
    period(db_session, "2019Q2", due_in_days=-5)
    focal = make_user("focal_point", "UNODC")
    entry.submit(
        db_session, focal, entry.load_scope(db_session, w.project, w.period), complete(w), 0
    )
    login(make_user("reviewer"))
    page = client.get("/").get_data(as_text=True)
    assert "Reports to review" in page and focal.email in page and "/review" in page
    assert "Overdue reports" not in page
    login(make_user("admin"))
    page = client.get("/").get_data(as_text=True)
    assert "Overdue reports across entities" in page and "2019Q2" in page


def test_viewer_gets_a_start_page(client, make_user, login):
    login(make_user("viewer"))
    page = client.get("/").get_data(as_text=True)
    assert "Compact results tracker" in page and "/needs" in page
    assert "Reports to review" not in page
