"""Indicator figures for a period in four bulk queries: definitions, targets, values, pending."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.logframe.models import Indicator, IndicatorTarget, Outcome, Output
from app.portfolio.models import Entity, Project
from app.progress.models import IndicatorValue, ProgressReport, ReportingPeriod
from indicators.achievement import assess
from indicators.cumulation import PeriodValue, life_actual, target_to_date
from indicators.periods import PeriodKey
from indicators.types import AchievementStatus, Cumulation, Measure, ReportStatus


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
    values: list[PeriodValue] = field(default_factory=list)


def indicator_figures(
    session: Session, period: PeriodKey, entity: str | None = None
) -> list[IndicatorFigures]:
    """Return every indicator's figures as of a period, optionally for one entity's outputs."""
    rows = _definitions(session, entity)
    ids = [r[0].id for r in rows]
    targets = _targets(session, ids)
    approved = _values(session, ids, period, ReportStatus.APPROVED)
    pending = _values(session, ids, period, ReportStatus.SUBMITTED, only_this=True)
    return [
        _figures(ind, pillar, period, targets[ind.id], approved[ind.id], pending[ind.id])
        for ind, pillar in rows
    ]


def _definitions(session: Session, entity: str | None) -> list:  # type: ignore[type-arg]
    outcome_of_output = aliased(Outcome)
    pillar = func.coalesce(Outcome.pillar_code, outcome_of_output.pillar_code, Project.pillar_code)
    stmt = (
        select(Indicator, pillar)
        .outerjoin(Outcome, Outcome.id == Indicator.outcome_id)
        .outerjoin(Output, Output.id == Indicator.output_id)
        .outerjoin(outcome_of_output, outcome_of_output.id == Output.outcome_id)
        .outerjoin(Project, Project.id == Output.project_id)
        .order_by(Indicator.code)
    )
    if entity:
        stmt = stmt.join(Entity, Entity.id == Project.entity_id).where(Entity.acronym == entity)
    return list(session.execute(stmt).all())


def _targets(session: Session, ids: list[int]) -> dict[int, list[tuple[PeriodKey, Decimal]]]:
    found: dict[int, list[tuple[PeriodKey, Decimal]]] = defaultdict(list)
    stmt = select(IndicatorTarget).where(IndicatorTarget.indicator_id.in_(ids))
    for target in session.scalars(stmt) if ids else ():
        found[target.indicator_id].append((PeriodKey.parse(target.period_key), target.target))
    return found


def _values(
    session: Session,
    ids: list[int],
    period: PeriodKey,
    status: ReportStatus,
    only_this: bool = False,
) -> dict[int, list[PeriodValue]]:
    found: dict[int, list[PeriodValue]] = defaultdict(list)
    if not ids:
        return found
    stmt = (
        select(
            IndicatorValue.indicator_id,
            ReportingPeriod.key,
            IndicatorValue.value,
            IndicatorValue.numerator,
            IndicatorValue.denominator,
        )
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(IndicatorValue.indicator_id.in_(ids), ProgressReport.status == status.value)
    )
    stmt = (
        stmt.where(ReportingPeriod.key == str(period))
        if only_this
        else stmt.where(ReportingPeriod.ends_on <= period.end())
    )
    for indicator_id, key, value, numerator, denominator in session.execute(stmt):
        found[indicator_id].append(PeriodValue(PeriodKey.parse(key), value, numerator, denominator))
    return found


def _figures(
    ind: Indicator,
    pillar: str,
    period: PeriodKey,
    targets: list[tuple[PeriodKey, Decimal]],
    approved: list[PeriodValue],
    pending: list[PeriodValue],
) -> IndicatorFigures:
    cumulation, measure = Cumulation(ind.cumulation), Measure(ind.measure)
    actual = _life_actual(approved, cumulation, measure)
    yardstick = target_to_date(targets, period, cumulation, measure) or ind.life_target
    ratio, status = assess(actual, ind.baseline_value, yardstick)
    return IndicatorFigures(
        id=ind.id,
        code=ind.code,
        name=ind.name,
        unit=ind.unit,
        pillar=pillar,
        measure=ind.measure,
        baseline=ind.baseline_value,
        life_target=ind.life_target,
        period_target=next((t for p, t in targets if p == period), None),
        target_to_date=yardstick,
        actual=actual,
        achievement=ratio,
        status=status,
        pending=_life_actual(pending, cumulation, measure),
        values=approved,
    )


def _life_actual(
    values: list[PeriodValue], cumulation: Cumulation, measure: Measure
) -> Decimal | None:
    if measure is Measure.QUALITATIVE or not values:
        return None
    return life_actual(values, cumulation, measure)
