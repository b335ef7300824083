"""Output indicators rolled up per (pillar, outcome, unit, measure) by GROUP BY, then by unit key.

The rules are those of `indicators.aggregate.roll_up`: numbers add up, percentages combine
numerators and denominators (never percentages), qualitative indicators are counted, never
summed. SQL groups on the stored unit; Python then merges units that differ only in case or
spacing (`unit_key`), so its work is proportional to the number of groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.figures.indicator_queries import percent
from app.figures.indicator_sql import indicator_select
from app.models.logframe import Indicator
from indicators.aggregate import unit_key
from indicators.periods import PeriodKey
from indicators.types import Measure

SUMMED = ("value", "num", "den", "baseline", "life_target", "period_target", "yardstick")


@dataclass
class Group:
    """The output indicators of one pillar and outcome (or none) sharing a unit and a measure."""

    pillar: str
    outcome_id: int | None
    unit: str
    measure: Measure
    count: int
    usable: int
    complete: int
    sums: dict[str, Decimal | None]

    @property
    def actual(self) -> Decimal | None:
        """Return the sum for numbers, the combined percentage for percentages, else None."""
        if self.measure is Measure.PERCENTAGE:
            return percent(self.sums["num"], self.sums["den"]) if self.usable else None
        return self.sums["value"] if self.measure is Measure.NUMBER and self.usable else None

    @property
    def missing(self) -> int:
        """Return how many numbers or percentages had no usable figure."""
        return 0 if self.measure is Measure.QUALITATIVE else self.count - self.usable


def _group_select(period: PeriodKey) -> Any:
    ind = indicator_select(period).where(Indicator.outcome_id.is_(None)).subquery()
    to_date = ind.c.to_date
    yard = case((or_(to_date.is_(None), to_date == 0), ind.c.life_target), else_=to_date)
    number = ind.c.measure == Measure.NUMBER.value
    usable = case((number, ind.c.value), else_=ind.c.num)
    whole = and_(ind.c.value.is_not(None), ind.c.baseline.is_not(None), yard.is_not(None))
    keys = (ind.c.pillar, ind.c.parent_outcome, ind.c.unit, ind.c.measure)
    return select(
        *keys,
        func.count().label("count"),
        func.count(usable).label("usable"),
        func.sum(case((whole, 1), else_=0)).label("complete"),
        func.sum(case((number, ind.c.value))).label("value"),
        func.sum(ind.c.num).label("num"),
        func.sum(ind.c.den).label("den"),
        func.sum(ind.c.baseline).label("baseline"),
        func.sum(ind.c.life_target).label("life_target"),
        func.sum(ind.c.period_target).label("period_target"),
        func.sum(yard).label("yardstick"),
    ).group_by(*keys)


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else a + b


def _merge(found: dict[tuple[Any, ...], Group], row: Any) -> None:
    key = (row.pillar, row.parent_outcome, unit_key(row.unit), row.measure)
    sums = {name: getattr(row, name) for name in SUMMED}
    group = found.get(key)
    if group is None:
        found[key] = Group(
            row.pillar, row.parent_outcome, row.unit.strip(), Measure(row.measure),
            int(row.count), int(row.usable), int(row.complete), sums,
        )  # fmt: skip
        return
    group.count += int(row.count)
    group.usable += int(row.usable)
    group.complete += int(row.complete)
    group.sums = {name: _add(group.sums[name], sums[name]) for name in SUMMED}


def output_groups(session: Session, period: PeriodKey) -> list[Group]:
    """Return the rolled-up output indicators, ordered by pillar, outcome, unit and measure."""
    found: dict[tuple[Any, ...], Group] = {}
    stmt = _group_select(period).order_by("pillar", "parent_outcome", "unit", "measure")
    for row in session.execute(stmt):
        _merge(found, row)
    return list(found.values())
