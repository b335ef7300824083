"""Indicator figures for a period, computed by aggregate SQL: one row per indicator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.figures.indicator_sql import NON_CUMULATIVE, indicator_select
from app.models.logframe import Indicator
from indicators.achievement import assess, why_not_assessed
from indicators.periods import PeriodKey
from indicators.types import PARTS_MEASURES, AchievementStatus, Measure

HUNDRED = Decimal(100)


@dataclass
class IndicatorFigures:
    """One indicator's figures as of a period (approved values only in `actual`)."""

    id: int
    code: str
    name: str
    unit: str
    pillar: str
    measure: str
    baseline: Decimal | None
    life_target: Decimal | None
    period_target: Decimal | None = None
    target_to_date: Decimal | None = None
    actual: Decimal | None = None
    achievement: Decimal | None = None
    status: AchievementStatus = AchievementStatus.NOT_ASSESSED
    pending: Decimal | None = None
    target_basis: str | None = None  # "to date" or "life": which target `achievement` used
    latest_text: str | None = None  # qualitative: the latest approved text
    text_as_of: str | None = None  # the end date of the period that text was reported for
    reason: str | None = None  # why not assessed, when `achievement` is None


def indicator_figures(
    session: Session, period: PeriodKey, entity: str | None = None, outcomes_only: bool = False
) -> list[IndicatorFigures]:
    """Return indicators' figures as of a period: all, one entity's outputs, or outcomes only."""
    stmt = indicator_select(period, entity, outcomes_only).order_by(Indicator.code)
    return [figures_of(row) for row in session.execute(stmt)]


def life_value(
    measure: str,
    cumulation: str,
    value: Decimal | None,
    num: Decimal | None,
    den: Decimal | None,
) -> Decimal | None:
    """Return the life actual from an indicator's SQL sums (qualitative: never a figure)."""
    if measure == Measure.QUALITATIVE.value:
        return None
    if measure in PARTS_MEASURES and cumulation == NON_CUMULATIVE:
        return parts_figure(measure, num, den)
    return value


def parts_figure(measure: str, num: Decimal | None, den: Decimal | None) -> Decimal | None:
    """Return a share in percent (num / den * 100) or a ratio (num / den) by the measure."""
    if measure != Measure.RATIO.value:
        return percent(num, den)
    return None if num is None or den is None or den == 0 else num / den


def percent(num: Decimal | None, den: Decimal | None) -> Decimal | None:
    """Return num / den * 100, None when either is missing or the denominator is zero."""
    return None if num is None or den is None or den == 0 else num / den * HUNDRED


def yardstick(to_date: Decimal | None, life_target: Decimal | None) -> Decimal | None:
    """Return the target to date, or the life target when no period target is set yet."""
    return to_date or life_target


def basis(to_date: Decimal | None, life_target: Decimal | None) -> str | None:
    """Name the target `yardstick` picks: "to date", "life" or None."""
    return "to date" if to_date else "life" if life_target is not None else None


def split_text(tagged: str | None) -> tuple[str | None, str | None]:
    """Split a "YYYY-MM-DD|text" tag of `latest_text` into (text, date)."""
    if not tagged:
        return None, None
    day, _, text = tagged.partition("|")
    return text, day


def reason_of(measure: str, actual: Decimal | None, baseline: Any, target: Any) -> str | None:
    """Say why an indicator is not assessed (qualitative ones are reported, never scored)."""
    if measure == Measure.QUALITATIVE.value:
        return "qualitative: its latest approved text is shown, not scored"
    return why_not_assessed(actual, baseline, target)


def figures_of(row: Any) -> IndicatorFigures:
    """Turn one row of indicator_select into an indicator's figures."""
    actual = life_value(row.measure, row.cumulation, row.value, row.num, row.den)
    target = yardstick(row.to_date, row.life_target)
    ratio, status = assess(actual, row.baseline, target)
    text, text_as_of = split_text(row.last_text)
    return IndicatorFigures(
        id=row.id,
        code=row.code,
        name=row.name,
        unit=row.unit,
        pillar=row.pillar,
        measure=row.measure,
        baseline=row.baseline,
        life_target=row.life_target,
        period_target=row.period_target,
        target_to_date=target,
        actual=actual,
        achievement=ratio,
        status=status,
        pending=life_value(row.measure, row.cumulation, row.p_value, row.p_num, row.p_den),
        target_basis=basis(row.to_date, row.life_target),
        latest_text=text,
        text_as_of=text_as_of,
        reason=reason_of(row.measure, actual, row.baseline, target),
    )
