"""A period's readiness: what still waits before its report is issued or the period locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, event

from app.progress.readiness import Readiness, period_readiness
from tests.app import factories

DUE = dt.date(2019, 10, 30)  # factories.period("2019Q3") is due 30 days after the quarter


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """Collect the SQL statements sent while the test runs."""
    found: list[str] = []

    def collect(*args: Any) -> None:
        found.append(args[2])

    event.listen(engine, "before_cursor_execute", collect)
    yield found
    event.remove(engine, "before_cursor_execute", collect)


def quarter(session, extra: int = 0):
    """A 2019Q3 period with one report in each state, unstarted and cancelled projects."""
    period = factories.period(session, "2019Q3")
    for code, status in (("P-SUB", "submitted"), ("P-DRA", "draft"), ("P-RET", "returned")):
        project = factories.project(session, code)
        ind = factories.indicator(session, project, f"{code}-I")
        factories.report(session, project, period, status, values={ind: "4"})
    approved = factories.project(session, "P-APP", status="completed")
    factories.report(session, approved, period, "approved", values={
        factories.indicator(session, approved, "P-APP-I"): "7"
    })  # fmt: skip
    factories.project(session, "P-NEW")
    factories.project(session, "P-GONE", status="cancelled")
    factories.project(session, "P-OCT", entity="UNOCT", status="pipeline")
    for k in range(extra):
        factories.project(session, f"P-X{k}", entity="UNDP")
    return period


def test_counts_each_kind_of_pending_work(db_session) -> None:
    period = quarter(db_session)
    found = period_readiness(db_session, period, DUE + dt.timedelta(days=1))
    assert (found.submitted, found.in_progress, found.approved) == (1, 2, 1)
    assert found.not_started == 2  # P-NEW and P-OCT; a cancelled project owes nothing
    assert found.unapproved_values == 3
    assert found.overdue == 4  # the draft, the returned one and the two unstarted
    assert found.pending


def test_nothing_is_overdue_on_the_due_date_and_an_entity_counts_its_own(db_session) -> None:
    period = quarter(db_session)
    assert period_readiness(db_session, period, DUE).overdue == 0
    unoct = factories.entity_id(db_session, "UNOCT")
    own = period_readiness(db_session, period, DUE + dt.timedelta(days=1), unoct)
    assert (own.submitted, own.in_progress, own.not_started, own.overdue) == (0, 0, 1, 1)
    assert own.unapproved_values == 0


def test_an_empty_period_is_ready(db_session) -> None:
    period = factories.period(db_session, "2019Q4")
    found = period_readiness(db_session, period, DUE)
    assert (found.submitted, found.not_started, found.unapproved_values) == (0, 0, 0)
    assert not found.pending


def test_two_statements_whatever_the_portfolio(db_session, statements) -> None:
    period = quarter(db_session, extra=25)
    statements.clear()
    found = period_readiness(db_session, period, DUE)
    assert found.not_started == 27 and len(statements) <= 2


counts = st.integers(min_value=0, max_value=500)


@given(counts, counts, counts, counts, counts, st.integers(-40, 40))
def test_overdue_is_what_is_unsubmitted_once_the_due_date_has_passed(
    submitted: int, in_progress: int, approved: int, not_started: int, values: int, shift: int
) -> None:
    today = DUE + dt.timedelta(days=shift)
    found = Readiness(
        "2019Q3", "open", DUE, today, submitted, in_progress, approved, not_started, values
    )
    assert found.overdue == (in_progress + not_started if shift > 0 else 0)
    assert found.overdue <= in_progress + not_started
    assert found.pending == bool(submitted or in_progress or not_started or values)
