"""Indicator performance per pillar: approved actuals, life actual, achievement and status."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.analysis.queries import approved_values, indicator_definitions
from app.analysis.sources import Source
from indicators.achievement import assess
from indicators.cumulation import PeriodValue, life_actual, ordered
from indicators.types import AchievementStatus, Cumulation, Measure


@dataclass(frozen=True)
class Reading:
    """One side's approved actuals of an indicator and what they achieve."""

    periods: tuple[tuple[str, Decimal | None], ...]
    actual: Decimal | None
    achievement: Decimal | None
    status: AchievementStatus


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with its baseline and life target, read on both sides of a comparison."""

    pillar: str
    level: str
    code: str
    name: str
    unit: str
    measure: str
    baseline: Decimal | None
    target: Decimal | None
    a: Reading
    b: Reading


def performance(
    session: Session, a: Source, b: Source, pillar: str
) -> dict[str, list[IndicatorRow]]:
    """Return the indicators grouped by pillar, read on both sources, in three queries."""
    definitions = indicator_definitions(session, pillar)
    values_a, values_b = approved_values(session, a), approved_values(session, b)
    grouped: dict[str, list[IndicatorRow]] = {}
    for row in definitions:
        item = IndicatorRow(
            pillar=row.pillar or "",
            level=row.level,
            code=row.code,
            name=row.name,
            unit=row.unit,
            measure=row.measure,
            baseline=row.baseline_value,
            target=row.life_target,
            a=reading(row, values_a.get(row.code, [])),
            b=reading(row, values_b.get(row.code, [])),
        )
        grouped.setdefault(item.pillar, []).append(item)
    return grouped


def reading(definition: Any, values: list[PeriodValue]) -> Reading:
    """Combine an indicator's period values under its cumulation rule and assess them."""
    measure, cumulation = Measure(definition.measure), Cumulation(definition.cumulation)
    items = ordered(values)
    actual = life_actual(items, cumulation, measure)
    if measure is Measure.QUALITATIVE:
        ratio, status = None, AchievementStatus.NOT_ASSESSED
    else:
        ratio, status = assess(actual, definition.baseline_value, definition.life_target)
    periods = tuple((str(v.period), _period_figure(v, measure)) for v in items)
    return Reading(periods, actual, ratio, status)


def _period_figure(value: PeriodValue, measure: Measure) -> Decimal | None:
    if measure is Measure.PERCENTAGE and value.numerator is not None and value.denominator:
        return value.numerator / value.denominator * 100
    return value.value
