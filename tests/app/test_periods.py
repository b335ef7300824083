"""Reporting periods: keys, default dates, lock and reopen with a reason, delete refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.models.progress import ReportingPeriod
from indicators.periods import parse_quarter
from tests.app.logframe_fixtures import add_value, audit_count, last_event


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2019Q3", dt.date(2019, 7, 1), dt.date(2019, 9, 30)),
        ("2020Q1", dt.date(2020, 1, 1), dt.date(2020, 3, 31)),
        ("2019Q4", dt.date(2019, 10, 1), dt.date(2019, 12, 31)),
    ],
)
def test_quarter_dates(key, start, end) -> None:
    assert parse_quarter(key) == (start, end)


@pytest.mark.parametrize("key", ["2019Q5", "2019q3", "19Q3", "1999Q1", "", "2019Q3 "])
def test_bad_quarters_are_refused(key) -> None:
    with pytest.raises(ValueError):
        parse_quarter(key)


def test_new_period_derives_its_dates(world, as_role, db_session) -> None:
    response = as_role("admin").post("/periods/new", data={"key": "2019Q4"})
    assert response.status_code == 302
    period = db_session.scalars(
        select(ReportingPeriod).where(ReportingPeriod.key == "2019Q4")
    ).one()
    assert (period.starts_on, period.ends_on) == (dt.date(2019, 10, 1), dt.date(2019, 12, 31))
    assert period.entry_opens_on == dt.date(2019, 12, 31)
    assert period.due_on == dt.date(2020, 1, 30) and period.status == "open"
    assert last_event(db_session).after["key"] == "2019Q4"


@pytest.mark.parametrize(("key", "message"), [("2019Q9", "YYYYQn"), ("2019Q3", "already exists")])
def test_bad_or_duplicate_key_is_a_field_error(world, as_role, key, message) -> None:
    response = as_role("admin").post("/periods/new", data={"key": key})
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_due_before_opening_is_refused(world, as_role, db_session) -> None:
    data = {"entry_opens_on": "2019-10-10", "due_on": "2019-10-01", "version": "1"}
    response = as_role("admin").post(f"/periods/{world.period.id}/edit", data=data)
    assert "cannot come before entry opens" in response.get_data(as_text=True)
    db_session.expire_all()
    assert world.period.due_on == dt.date(2019, 10, 30)


def test_lock_needs_a_reason_and_reopen_too(world, as_role, db_session) -> None:
    client = as_role("admin")
    events = audit_count(db_session)
    refused = client.post(
        f"/periods/{world.period.id}/lock",
        data={"reason": "  ", "confirm": "1"},
        follow_redirects=True,
    )
    assert "Give a reason" in refused.get_data(as_text=True)
    db_session.expire_all()
    assert world.period.status == "open" and audit_count(db_session) == events
    confirmed = {"reason": "Closed", "confirm": "1"}
    assert client.post(f"/periods/{world.period.id}/lock", data=confirmed).status_code == 302
    event = last_event(db_session)
    assert (event.action, event.reason) == ("lock", "Closed")
    assert event.before["status"] == "open" and event.after["status"] == "locked"
    client.post(f"/periods/{world.period.id}/reopen", data={"reason": "Late data from UNODC"})
    db_session.expire_all()
    assert world.period.status == "open" and last_event(db_session).action == "reopen"
    assert audit_count(db_session) == events + 2


def test_period_with_values_cannot_be_deleted(world, as_role, db_session) -> None:
    add_value(db_session, world)
    client = as_role("admin")
    response = client.post(f"/periods/{world.period.id}/delete", follow_redirects=True)
    assert "cannot be deleted" in response.get_data(as_text=True)
    assert db_session.get(ReportingPeriod, world.period.id) is not None


def test_period_list_shows_counts(world, as_role, db_session) -> None:
    add_value(db_session, world)
    page = as_role("admin").get("/periods").get_data(as_text=True)
    assert "2019Q3" in page and '<td class="num">1</td>' in page
