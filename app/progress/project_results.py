"""A project's targets against its approved actuals: the project page's results table.

One query reads the project's approved and submitted values; indicators and their targets come
with the logframe the page already loaded. The figures follow the pure rules: the life actual
by `indicators.cumulation`, the target to date likewise, the achievement and its status by
`indicators.achievement`. Only approved values count; submitted ones are shown apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.logframe import Indicator, Output
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.progress.labels import ACHIEVEMENT_LABELS, word
from indicators.achievement import assess
from indicators.cumulation import PeriodValue, life_actual, target_to_date
from indicators.periods import PeriodKey, parse
from indicators.types import AchievementStatus, Cumulation, Measure, ReportStatus

SHOWN_PERIODS = 8  # the last periods with data; older ones still count in the life actual
COUNTED = (ReportStatus.APPROVED.value, ReportStatus.SUBMITTED.value)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Cell:
    """One period of an indicator: its target, approved actual and a figure awaiting review."""

    period: str
    target: Decimal | None
    actual: Decimal | None
    pending: Decimal | None
    text: str = ""


@dataclass(frozen=True)
class ResultRow:
    """One indicator's targets, approved actuals and what they achieve."""

    code: str
    name: str
    unit: str
    measure: str
    baseline: Decimal | None
    life_target: Decimal | None
    cells: tuple[Cell, ...]
    actual: Decimal | None
    yardstick: Decimal | None  # the target to date, or the life target before any period target
    basis: str | None  # "to date" or "life"
    achievement: Decimal | None
    status: AchievementStatus
    latest_text: str = ""

    @property
    def achievement_pct(self) -> Decimal | None:
        """Return the achievement as a percentage, None when not assessed."""
        return None if self.achievement is None else self.achievement * HUNDRED

    @property
    def status_text(self) -> str:
        """Say the status as people read it: "at risk"."""
        return word(ACHIEVEMENT_LABELS, self.status.value)


@dataclass(frozen=True)
class ResultsTable:
    """The periods shown, oldest first, and one row per indicator of the project's outputs."""

    periods: list[str]
    rows: list[ResultRow]


@dataclass(frozen=True)
class _Reading:
    """One value as read: its period figures and its text."""

    value: PeriodValue
    text: str


# indicator id -> report status -> period key -> reading
Readings = dict[int, dict[str, dict[str, _Reading]]]


def project_results(session: Session, outputs: list[Output]) -> ResultsTable:
    """Return the targets-versus-actuals table of the project whose outputs are given."""
    indicators = [i for output in outputs for i in output.indicators]
    readings = _readings(session, [i.id for i in indicators])
    periods = _shown_periods(indicators, readings)
    return ResultsTable(periods, [_row(i, readings.get(i.id, {}), periods) for i in indicators])


def _readings(session: Session, ids: list[int]) -> Readings:
    """Read the approved and submitted values of these indicators by status and period."""
    if not ids:
        return {}
    v = IndicatorValue
    stmt = (
        select(v.indicator_id, ProgressReport.status, ReportingPeriod.key, v.value)
        .add_columns(v.numerator, v.denominator, v.text)
        .join(ProgressReport, ProgressReport.id == v.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(v.indicator_id.in_(ids), ProgressReport.status.in_(COUNTED))
    )
    found: Readings = defaultdict(lambda: defaultdict(dict))
    for ident, status, key, value, num, den, text in session.execute(stmt):
        found[ident][status][key] = _Reading(PeriodValue(parse(key), value, num, den), text or "")
    return found


def _shown_periods(indicators: list[Indicator], readings: Readings) -> list[str]:
    """Return the last periods with a value, and the targets' periods up to the latest of them."""
    keys = {k for by in readings.values() for period in by.values() for k in period}
    latest = max(keys, default=None)
    targets = {t.period_key for i in indicators for t in i.targets}
    keys |= {k for k in targets if latest is None or k <= latest}
    return sorted(keys)[-SHOWN_PERIODS:]


def _row(
    indicator: Indicator, by_status: dict[str, dict[str, _Reading]], periods: list[str]
) -> ResultRow:
    """Combine one indicator's approved values under its rules and lay out its periods."""
    measure = Measure(indicator.measure)
    approved = by_status.get(ReportStatus.APPROVED.value, {})
    pending = by_status.get(ReportStatus.SUBMITTED.value, {})
    actual = life_actual(
        [r.value for r in approved.values()], Cumulation(indicator.cumulation), measure
    )
    to_date = _target_to_date(indicator, [r.value.period for r in approved.values()])
    yardstick = to_date or indicator.life_target
    ratio, status = None, AchievementStatus.NOT_ASSESSED
    if measure is not Measure.QUALITATIVE:
        ratio, status = assess(actual, indicator.baseline_value, yardstick)
    targets = {t.period_key: t.target for t in indicator.targets}
    cells = tuple(
        _cell(k, targets.get(k), approved.get(k), pending.get(k), measure) for k in periods
    )
    texts = [approved[k].text for k in sorted(approved) if approved[k].text]
    return ResultRow(
        indicator.code, indicator.name, indicator.unit, indicator.measure,
        indicator.baseline_value, indicator.life_target, cells, actual, yardstick,
        "to date" if to_date else "life" if indicator.life_target is not None else None,
        ratio, status, texts[-1] if texts else "",
    )  # fmt: skip


def _target_to_date(indicator: Indicator, approved: list[PeriodKey]) -> Decimal | None:
    """Return the target to date as of the latest approved period, None before any."""
    if not approved:
        return None
    targets = [(parse(t.period_key), t.target) for t in indicator.targets]
    cumulation, measure = Cumulation(indicator.cumulation), Measure(indicator.measure)
    return target_to_date(targets, max(approved), cumulation, measure)


def _cell(
    key: str, target: Decimal | None, approved: _Reading | None, pending: _Reading | None,
    measure: Measure,
) -> Cell:  # fmt: skip
    """Lay out one period: its target, approved figure and text, and a figure awaiting review."""
    text = approved.text if approved else ""
    return Cell(key, target, _figure(approved, measure), _figure(pending, measure), text)


def _figure(reading: _Reading | None, measure: Measure) -> Decimal | None:
    """Return one period's figure: a share or ratio from its parts, else the value."""
    if reading is None:
        return None
    value = reading.value
    if measure in (Measure.PERCENTAGE, Measure.RATIO) and value.numerator is not None:
        if not value.denominator:
            return None
        scale = HUNDRED if measure is Measure.PERCENTAGE else Decimal(1)
        return value.numerator / value.denominator * scale
    return value.value
