"""Indicator performance per pillar: approved actuals, life actual, achievement and status."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.compare.indicator_parts import Breakdown, breakdown, side_parts
from app.figures.data_source import Source
from app.figures.queries import approved_values_by_code, count_indicators, indicator_definitions
from indicators.achievement import assess
from indicators.cumulation import PeriodValue, actual_of_ordered, ordered
from indicators.types import AchievementStatus, Cumulation, Measure

PER_PAGE = 50


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
    breakdown: Breakdown | None = None  # a disaggregated indicator's parts on both sides


@dataclass(frozen=True)
class IndicatorPage:
    """One page of the indicator table, grouped by pillar, and where it sits in the whole."""

    groups: dict[str, list[IndicatorRow]]
    total: int
    page: int
    per_page: int

    @property
    def first(self) -> int:
        """Return the position of the page's first indicator (1-based, 0 when there is none)."""
        return min((self.page - 1) * self.per_page + 1, self.total)

    @property
    def last(self) -> int:
        """Return the position of the page's last indicator."""
        return min(self.page * self.per_page, self.total)

    @property
    def pages(self) -> int:
        """Return how many pages the whole table takes."""
        return page_count(self.total, self.per_page)


def page_count(total: int, per_page: int) -> int:
    """Return how many pages hold `total` items, at least one."""
    return max(1, -(-total // per_page))


def performance_page(
    session: Session, a: Source, b: Source, pillar: str, page: int, per_page: int | None = None
) -> IndicatorPage:
    """Return one page of indicators read on both sources, in four queries whatever the size
    (six when the page holds a disaggregated indicator: its parts on both sides).

    A page past the end shows the last page.
    """
    per_page = per_page or PER_PAGE
    total = count_indicators(session, pillar)
    page = min(max(page, 1), page_count(total, per_page))
    definitions = indicator_definitions(session, pillar, per_page, (page - 1) * per_page)
    grouped: dict[str, list[IndicatorRow]] = {}
    for item in _read(session, a, b, definitions):
        grouped.setdefault(item.pillar, []).append(item)
    return IndicatorPage(grouped, total, page, per_page)


def _read(session: Session, a: Source, b: Source, definitions: list[Any]) -> list[IndicatorRow]:
    """Read these indicators' approved values on both sources."""
    codes = [row.code for row in definitions]
    values_a = approved_values_by_code(session, a, codes)
    values_b = approved_values_by_code(session, b, codes)
    broken_down = [row.code for row in definitions if row.disaggregation]
    parts_a, parts_b = side_parts(session, a, broken_down), side_parts(session, b, broken_down)
    return [
        indicator_row(
            row,
            reading(row, values_a.get(row.code, [])),
            reading(row, values_b.get(row.code, [])),
            breakdown(row, parts_a, parts_b),
        )
        for row in definitions
    ]


def indicator_row(definition: Any, a: Reading, b: Reading, parts: Breakdown | None) -> IndicatorRow:
    """Return an indicator's definition with its readings on both sides."""
    return IndicatorRow(
        pillar=definition.pillar or "",
        level=definition.level,
        code=definition.code,
        name=definition.name,
        unit=definition.unit,
        measure=definition.measure,
        baseline=definition.baseline_value,
        target=definition.life_target,
        a=a,
        b=b,
        breakdown=parts,
    )


def reading(definition: Any, values: list[PeriodValue]) -> Reading:
    """Combine an indicator's period values under its cumulation rule and assess them."""
    return reading_of_ordered(definition, ordered(values))


def reading_of_ordered(definition: Any, items: list[PeriodValue]) -> Reading:
    """Return `reading` of values already in period order: they are not sorted again."""
    measure, cumulation = Measure(definition.measure), Cumulation(definition.cumulation)
    actual = actual_of_ordered(items, cumulation, measure)
    if measure is Measure.QUALITATIVE:
        ratio, status = None, AchievementStatus.NOT_ASSESSED
    else:
        ratio, status = assess(actual, definition.baseline_value, definition.life_target)
    periods = tuple((str(v.period), _period_figure(v, measure)) for v in items)
    return Reading(periods, actual, ratio, status)


def _period_figure(value: PeriodValue, measure: Measure) -> Decimal | None:
    if measure is Measure.PERCENTAGE and value.numerator is not None and value.denominator:
        return value.numerator / value.denominator * 100
    if measure is Measure.RATIO and value.numerator is not None and value.denominator:
        return value.numerator / value.denominator
    return value.value
