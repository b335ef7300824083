"""The indicator queries of the quarterly report at scale: what they aggregate, same figures.

An outcome-only or per-entity query aggregates the values and targets of the indicators it
shows, not the whole portfolio's; the four-quarter history tags each value row in one quarter
slice only. Neither changes a figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, create_engine, event, literal, select

from app.figures.indicator_history import _fixed, _within
from app.figures.indicator_queries import indicator_figures
from app.models.logframe import Output
from app.models.portfolio import Project
from app.models.reference import Entity
from tests.app.test_indicator_sql import AS_OF, portfolio  # noqa: F401 - the shared fixture


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """Collect the SQL statements run on the test engine."""
    found: list[str] = []

    def collect(*args: Any) -> None:
        found.append(args[2])

    event.listen(engine, "before_cursor_execute", collect)
    yield found
    event.remove(engine, "before_cursor_execute", collect)


def _value_scans(sql: str) -> list[str]:
    """Return each FROM indicator_values ... up to its GROUP BY in a statement."""
    parts = sql.split("FROM indicator_values")[1:]
    return [part.split("GROUP BY")[0] for part in parts]


@pytest.mark.parametrize("scope", ["outcomes", "entity"])
def test_shown_indicators_only_are_aggregated(portfolio, statements, scope) -> None:  # type: ignore[no-untyped-def]  # noqa: E501, F811
    session = portfolio[0]
    entity = _an_entity(session) if scope == "entity" else None
    statements.clear()
    indicator_figures(session, AS_OF, entity, outcomes_only=scope == "outcomes")
    (sql,) = [s for s in statements if "indicator_values" in s]
    scans = _value_scans(sql)
    assert len(scans) == 2  # approved values up to the period, submitted ones of the period
    for scan in scans:
        assert "indicator_values.indicator_id IN (SELECT indicators" in scan, scan


def _an_entity(session: Any) -> str:
    stmt = select(Entity.acronym).join(Project, Project.entity_id == Entity.id)
    return str(session.scalar(stmt.join(Output, Output.project_id == Project.id).limit(1)))


def test_scoped_figures_equal_the_portfolio_figures(portfolio) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    session = portfolio[0]
    entity = _an_entity(session)
    every = {f.id: f for f in indicator_figures(session, AS_OF)}
    scoped = indicator_figures(session, AS_OF, entity)
    assert scoped
    assert all(f == every[f.id] for f in scoped)
    outcomes = indicator_figures(session, AS_OF, outcomes_only=True)
    assert all(f == every[f.id] for f in outcomes)


SQLITE = create_engine("sqlite://")
DAYS = st.dates(dt.date(2017, 1, 1), dt.date(2021, 12, 31))


@given(st.lists(DAYS, min_size=1, max_size=5, unique=True), DAYS)
def test_each_row_falls_in_one_quarter_slice_at_most(ends: list[dt.date], day: dt.date) -> None:
    """A value is tagged in the slice of the first quarter whose end it does not pass."""
    ends.sort()
    bounds = [_fixed(end.isoformat()) for end in ends]
    key = literal(day.isoformat())
    with SQLITE.connect() as connection:
        row = connection.execute(select(*(_within(key, bounds, n) for n in range(len(ends)))))
        inside = [bool(x) for x in row.one()]
    first = next((n for n, end in enumerate(ends) if day <= end), None)
    assert inside == [n == first for n in range(len(ends))]


def test_a_bound_is_a_date_or_a_period_key_only() -> None:
    assert str(_fixed("2019Q4")) == "'2019Q4'"
    with pytest.raises(ValueError):
        _fixed("2019'; --")
