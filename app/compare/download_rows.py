"""Every indicator of a comparison, read for the downloads from one ordered query.

One query lists the indicators (pillar, code); a second, in the same order, the approved values
of side A, those of side B and both sides' parts under each, in period order. Both are read as
streams and merged by indicator, so that memory holds one indicator's rows whatever the
portfolio's size, and each indicator's values arrive sorted (the database sorts them once).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from decimal import Decimal
from itertools import groupby
from operator import attrgetter
from typing import Any

from sqlalchemy import Integer, String, cast, literal, null, select, union_all
from sqlalchemy.orm import Session

from app.compare.indicator_parts import Found, breakdown, parts_select
from app.compare.indicator_performance import IndicatorRow, indicator_row, reading_of_ordered
from app.db import QUANTITY
from app.figures.data_source import AnySelect, Source
from app.figures.queries import approved_values_select, definitions_select
from indicators.cumulation import PeriodValue, ordered
from indicators.periods import PeriodKey

VALUES_A, VALUES_B, PARTS_A, PARTS_B = 1, 2, 3, 4
BATCH = 2000  # rows fetched at a time from the database's cursor


def _values(side: int, source: Source) -> AnySelect:
    """Select one side's approved values per code and period, tagged with the side."""
    found = approved_values_select(source).subquery()
    code, key, value, numerator, denominator = found.c
    nothing = cast(null(), String).label("category")
    return select(literal(side).label("side"), code.label("code"), key.label("key"), nothing,
                  value.label("value"), numerator.label("num"), denominator.label("den"),
                  cast(null(), Integer).label("flag"))  # fmt: skip


def _parts(side: int, source: Source) -> AnySelect:
    """Select one side's parts per code, period and category, tagged with the side."""
    found = parts_select(source).subquery()
    code, key, category, total, flag = found.c
    nothing = cast(null(), QUANTITY)
    return select(literal(side).label("side"), code.label("code"), key.label("key"),
                  category.label("category"), total.label("value"), nothing.label("num"),
                  nothing.label("den"), flag.label("flag"))  # fmt: skip


def values_query(a: Source, b: Source, pillar: str) -> AnySelect:
    """Select both sides' values and parts of every indicator (of a pillar), in the order of
    the definitions (pillar, code), then by side, period and category: narrow rows."""
    defs = definitions_select(pillar).order_by(None).subquery("defs")
    sides = (_values(VALUES_A, a), _values(VALUES_B, b), _parts(PARTS_A, a), _parts(PARTS_B, b))
    c = union_all(*sides).subquery("found").c
    return (
        select(c.code, c.side, c.key, c.category, c.value, c.num, c.den, c.flag)
        .join(defs, defs.c.code == c.code)
        .order_by(defs.c.pillar, c.code, c.side, c.key, c.category)
    )


def every_indicator(session: Session, a: Source, b: Source, pillar: str) -> Iterator[IndicatorRow]:
    """Yield every indicator read on both sources, streamed from two queries in one order.

    The definitions and the values come side by side (wide definition columns are not repeated
    on each value's row) and are merged as they stream: one indicator's rows in memory at a time.
    Both cursors are closed when the last indicator is sent, or when the download stops early.
    """
    periods: dict[str, PeriodKey] = {}  # a few quarters over many rows: parse each once
    with (
        closing(_stream(session, values_query(a, b, pillar))) as value_rows,
        closing(_stream(session, definitions_select(pillar))) as definitions,
    ):
        values = groupby(value_rows, key=attrgetter("code"))
        pending = next(values, None)
        for definition in definitions:
            rows: list[Any] = []
            if pending is not None and pending[0] == definition.code:
                rows, pending = list(pending[1]), next(values, None)
            yield _indicator(definition, rows, periods)


def _stream(session: Session, stmt: AnySelect) -> Generator[Any]:
    """Yield a query's rows, fetched a batch at a time (a server-side cursor on PostgreSQL),
    and close its cursor however the reading ends: an unfinished SQLite statement would keep
    its read lock on the database file, and every writer would wait on it."""
    # Options of this statement only: set on the connection they would outlive it (its
    # later statements, a savepoint's rollback, would open server-side cursors too).
    result = session.connection().execute(stmt, execution_options={"yield_per": BATCH})
    try:
        for partition in result.partitions():
            yield from partition
    finally:
        result.close()


def _indicator(definition: Any, rows: Sequence[Any], periods: dict[str, PeriodKey]) -> IndicatorRow:
    """Build one indicator's row from its definition and its rows of values and parts."""
    values: dict[int, list[PeriodValue]] = {VALUES_A: [], VALUES_B: []}
    parts: dict[int, Found] = {PARTS_A: ({}, set()), PARTS_B: ({}, set())}
    for row in rows:
        if row.side in values:
            period = periods.get(row.key) or periods.setdefault(row.key, PeriodKey.parse(row.key))
            values[row.side].append(PeriodValue(period, row.value, row.num, row.den))
        elif row.side in parts:
            figures, incomplete = parts[row.side]
            by_period = figures.setdefault(row.code, {}).setdefault(row.key, {})
            by_period[row.category] = Decimal(row.value)
            if row.flag:
                incomplete.add(row.code)
    return indicator_row(
        definition,
        reading_of_ordered(definition, ordered(values[VALUES_A])),
        reading_of_ordered(definition, ordered(values[VALUES_B])),
        breakdown(definition, parts[PARTS_A], parts[PARTS_B]),
    )
