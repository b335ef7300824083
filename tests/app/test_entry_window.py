"""F14: before a period's entry window opens, nothing in it is saved, submitted or approved."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import DomainError
from app.progress import services as entry
from app.progress import workflow
from app.progress.window import not_open_yet
from reports.formatting import fmt_long_date
from tests.app.progress_data import audit_events, fingerprint, report_of, world
from tests.app.test_progress_sheet import COL, download, rows_by_code, upload
from tests.app.test_progress_workflow import complete, scope_of, submitted

LATER = dt.timedelta(days=30)


def close_window(session, w) -> str:
    """Move the period's entry opening a month ahead; return the message users should see."""
    w.period.entry_opens_on = dt.date.today() + LATER
    session.flush()
    return f"Entry for {w.period.key} opens on {fmt_long_date(w.period.entry_opens_on)}."


def test_message_names_the_quarter_and_the_day() -> None:
    assert not_open_yet("2027Q1", dt.date(2027, 4, 1), dt.date(2027, 3, 31)) == (
        "Entry for 2027Q1 opens on 1 April 2027."
    )


@given(st.dates(), st.integers(-400, 400))
def test_window_is_open_from_its_first_day(opens: dt.date, offset: int) -> None:
    try:
        today = opens + dt.timedelta(days=offset)
    except OverflowError:
        return
    assert (not_open_yet("2019Q3", opens, today) is None) == (offset >= 0)


def test_service_refuses_save_submit_and_approve_before_the_window(db_session, make_user):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    message = close_window(db_session, w)
    calls = [
        lambda: entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w), 2),
        lambda: entry.submit(db_session, focal, scope_of(db_session, w), complete(w), 2),
        lambda: workflow.approve(db_session, reviewer, report, report.version),
        lambda: workflow.return_report(db_session, reviewer, report, report.version, "x"),
    ]
    for call in calls:
        with pytest.raises(DomainError) as raised:
            call()
        assert str(raised.value) == message
    assert report_of(db_session, w).status == "submitted"
    assert len(audit_events(db_session)) == 1


def test_report_page_says_when_entry_opens_and_refuses_a_post(client, db_session, make_user, login):
    w = world(db_session)
    message = close_window(db_session, w)
    login(make_user("focal_point", "UNODC"))
    page = client.get(w.url).get_data(as_text=True)
    assert message in page and "disabled" in page
    before = fingerprint(db_session)
    response = client.post(w.url, data=w.form() | {"action": "submit"})
    assert response.status_code == 409
    assert message in response.get_data(as_text=True)
    assert fingerprint(db_session) == before and report_of(db_session, w) is None


def test_workbook_upload_is_refused_before_the_window(client, db_session, make_user, login):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    ws.cell(row=rows["P-1-NUM"], column=COL["Value"]).value = 7
    message = close_window(db_session, w)
    before = fingerprint(db_session)
    response = upload(client, wb)
    assert response.status_code == 422
    assert f"Progress, row {rows['P-1-NUM']}: report: {message}" in response.get_data(as_text=True)
    assert fingerprint(db_session) == before and report_of(db_session, w) is None
