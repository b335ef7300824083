"""How an indicator's period values combine into a life-of-project actual.

The three rules, by ``Cumulation``:

- ``NON_CUMULATIVE``: each period's figure counts what happened in that period only, so the
  life actual is the sum of the periods. For a percentage the periods are combined by summing
  numerators and denominators (sum n / sum d * 100); percentages themselves are never added.
  A ratio (``Measure.RATIO``) combines the same way, without the x 100 (sum n / sum d).
- ``CUMULATIVE_SUM``: the figure entered for a period is already the running total since the
  start of the project, so the life actual is the latest figure entered (adding them would count
  earlier periods again).
- ``CUMULATIVE_LATEST``: the figure is a level or state at the time (e.g. "States with a law in
  force"); the latest figure entered stands.

Qualitative indicators are never summed: the latest figure entered stands, whatever the rule.
The life-of-project target is the overall target, never the sum of period targets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from indicators.periods import PeriodKey
from indicators.types import Cumulation, Measure

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class PeriodValue:
    """One period's actual; percentages carry their numerator and denominator."""

    period: PeriodKey
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def ordered(values: Iterable[PeriodValue]) -> list[PeriodValue]:
    """Sort values by period, refusing two values for the same period."""
    result = sorted(values, key=lambda v: v.period)
    for before, after in zip(result, result[1:], strict=False):
        if before.period == after.period:
            raise ValueError(f"two values for period {after.period}")
    return result


def latest_value(values: Iterable[PeriodValue]) -> Decimal | None:
    """Return the value of the latest period that has one."""
    known = [v for v in ordered(values) if v.value is not None]
    return known[-1].value if known else None


def combined_percentage(values: Iterable[PeriodValue], scale: Decimal = HUNDRED) -> Decimal | None:
    """Return sum of numerators / sum of denominators * scale over periods that have both
    (scale 100 for a share, 1 for a ratio)."""
    pairs = [
        (v.numerator, v.denominator)
        for v in values
        if v.numerator is not None and v.denominator is not None
    ]
    denominator = sum((d for _, d in pairs), Decimal(0))
    if not pairs or denominator == 0:
        return None
    return sum((n for n, _ in pairs), Decimal(0)) / denominator * scale


def life_actual(
    values: Iterable[PeriodValue], cumulation: Cumulation, measure: Measure = Measure.NUMBER
) -> Decimal | None:
    """Return the life-of-project actual under the indicator's cumulation rule (None if no data)."""
    return actual_of_ordered(ordered(values), cumulation, measure)


def actual_of_ordered(
    items: Sequence[PeriodValue], cumulation: Cumulation, measure: Measure = Measure.NUMBER
) -> Decimal | None:
    """Return `life_actual` of values already in period order (as `ordered` returns them),
    without sorting them again."""
    if measure is Measure.QUALITATIVE or cumulation is not Cumulation.NON_CUMULATIVE:
        return next((v.value for v in reversed(items) if v.value is not None), None)
    if measure is Measure.PERCENTAGE:
        return combined_percentage(items)
    if measure is Measure.RATIO:
        return combined_percentage(items, Decimal(1))
    known = [v.value for v in items if v.value is not None]
    return sum(known, Decimal(0)) if known else None


def life_parts(
    values: Iterable[PeriodValue], cumulation: Cumulation
) -> tuple[Decimal, Decimal] | None:
    """Return the (numerator, denominator) behind a percentage's life actual, None without any.

    Non-cumulative: the sums over periods that have both; cumulative: the latest such period.
    """
    pairs = [
        (v.numerator, v.denominator)
        for v in ordered(values)
        if v.numerator is not None and v.denominator is not None
    ]
    if not pairs:
        return None
    if cumulation is not Cumulation.NON_CUMULATIVE:
        return pairs[-1]
    return sum((n for n, _ in pairs), Decimal(0)), sum((d for _, d in pairs), Decimal(0))


def period_series(
    values: Iterable[PeriodValue], cumulation: Cumulation, measure: Measure = Measure.NUMBER
) -> list[tuple[PeriodKey, Decimal | None]]:
    """Return, for each period, the life-to-date actual using the periods up to and including it.

    The last figure of the series always equals ``life_actual`` of all the values.
    """
    items = ordered(values)
    return [
        (item.period, life_actual(items[: i + 1], cumulation, measure))
        for i, item in enumerate(items)
    ]


def life_target(
    overall: Decimal | None, period_targets: Iterable[Decimal | None] = ()
) -> Decimal | None:
    """Return the overall target: period targets are deliberately never summed into it."""
    del period_targets  # accepted only so callers cannot mistake the rule
    return overall


def target_to_date(
    period_targets: Iterable[tuple[PeriodKey, Decimal]],
    upto: PeriodKey,
    cumulation: Cumulation,
    measure: Measure = Measure.NUMBER,
) -> Decimal | None:
    """Return what should be achieved by a period: the yardstick of "on track" so far.

    Non-cumulative counts add up the period targets so far; running totals, levels and
    percentages take the latest period target so far. None when no period target is set yet.
    """
    so_far = sorted((p, t) for p, t in period_targets if p <= upto)
    if not so_far:
        return None
    if cumulation is Cumulation.NON_CUMULATIVE and measure is Measure.NUMBER:
        return sum((t for _, t in so_far), Decimal(0))
    return so_far[-1][1]
