"""Locking a period happens only from its confirmation page, after its readiness summary."""

from __future__ import annotations

from app.progress import services as entry
from tests.app.logframe_fixtures import audit_count
from tests.app.progress_data import period, world
from tests.app.test_progress_workflow import complete


def pending_review(db_session, make_user):
    """A period with one report awaiting review and one project that never started."""
    w = world(db_session)
    world(db_session, code="P-2")
    focal = make_user("focal_point", "UNODC")
    scope = entry.load_scope(db_session, w.project, w.period)
    entry.submit(db_session, focal, scope, complete(w), 0)
    return w


def test_a_lock_without_confirmation_shows_the_summary_and_changes_nothing(
    client, db_session, make_user, login
) -> None:
    w = pending_review(db_session, make_user)
    login(make_user("admin"))
    events = audit_count(db_session)
    page = client.post(f"/periods/{w.period.id}/lock", data={"reason": "Closed"})
    assert page.status_code == 200
    text = page.text
    assert "Lock 2019Q3?" in text and 'id="readiness"' in text
    assert "1 report awaiting review" in text and "1 report not started" in text
    assert "3 values not approved" in text
    assert 'name="confirm"' in text and "Closed" in text  # the reason is carried over
    db_session.expire_all()
    assert w.period.status == "open" and audit_count(db_session) == events


def test_the_confirmation_page_needs_its_box_ticked_and_a_reason(
    client, db_session, make_user, login
) -> None:
    w = pending_review(db_session, make_user)
    login(make_user("admin"))
    url = f"/periods/{w.period.id}/lock"
    unticked = client.post(url, data={"reason": "Closed", "shown": "1"})
    assert unticked.status_code == 200 and 'id="confirm-error"' in unticked.text
    no_reason = client.post(url, data={"reason": " ", "confirm": "1"})
    assert no_reason.status_code == 200 and "Give a reason" in no_reason.text
    db_session.expire_all()
    assert w.period.status == "open"
    done = client.post(url, data={"reason": "Closed", "confirm": "1"})
    assert done.status_code == 302
    db_session.expire_all()
    assert w.period.status == "locked"


def test_the_periods_list_leads_to_the_confirmation_with_a_secondary_button(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    locked = period(db_session, "2019Q2")
    locked.status = "locked"
    db_session.flush()
    login(make_user("admin"))
    page = client.get("/periods").text
    lock_form = page.split(f'action="/periods/{w.period.id}/lock"')[1].split("</form>")[0]
    assert 'class="secondary"' in lock_form and "primary" not in lock_form
    assert 'name="confirm"' not in lock_form
    assert f'action="/periods/{locked.id}/reopen"' in page  # reopening stays one step
