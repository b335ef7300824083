"""Indicator figures as aggregate SQL: life actuals and targets to date, one row per indicator.

The SQL mirrors the pure rules of `indicators.cumulation` (tests/app/test_indicator_sql.py
checks them against each other): non-cumulative indicators add up their periods (percentages
add numerators and denominators), cumulative ones take the latest period that has a figure.
Divisions are left to Python so that SQLite and PostgreSQL give the same Decimal.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, func, or_, select
from sqlalchemy.orm import aliased

from app.logframe.models import Indicator, IndicatorTarget, Outcome, Output
from app.portfolio.models import Entity, Project
from app.progress.models import IndicatorValue, ProgressReport, ReportingPeriod
from indicators.periods import PeriodKey
from indicators.types import Cumulation, Measure, ReportStatus

NON_CUMULATIVE = Cumulation.NON_CUMULATIVE.value


def _latest_first(key: Any, lacking: Any, latest: Any) -> Any:
    """Number rows per indicator: rows with the figure first, then the latest period first."""
    return func.row_number().over(partition_by=key, order_by=(case((lacking, 1), else_=0), latest))


def _ranked_values(period: PeriodKey, status: ReportStatus, only_this: bool) -> Subquery:
    """Return the values of a status up to a period, ranked latest first per indicator."""
    v = IndicatorValue
    lacks_pair = or_(v.numerator.is_(None), v.denominator.is_(None))
    latest = ReportingPeriod.ends_on.desc()
    stmt = (
        select(
            v.indicator_id,
            v.value,
            v.numerator,
            v.denominator,
            _latest_first(v.indicator_id, v.value.is_(None), latest).label("value_rank"),
            _latest_first(v.indicator_id, lacks_pair, latest).label("pair_rank"),
        )
        .join(ProgressReport, ProgressReport.id == v.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(ProgressReport.status == status.value)
    )
    if only_this:
        return stmt.where(ReportingPeriod.key == str(period)).subquery()
    return stmt.where(ReportingPeriod.ends_on <= period.end()).subquery()


def value_sums(period: PeriodKey, status: ReportStatus, only_this: bool = False) -> Subquery:
    """Return per indicator: sums of values and of paired parts, and the latest of each."""
    r = _ranked_values(period, status, only_this)
    pair = and_(r.c.numerator.is_not(None), r.c.denominator.is_not(None))
    last_pair = and_(pair, r.c.pair_rank == 1)
    return (
        select(
            r.c.indicator_id,
            func.sum(r.c.value).label("sum_value"),
            func.sum(case((pair, r.c.numerator))).label("sum_num"),
            func.sum(case((pair, r.c.denominator))).label("sum_den"),
            func.max(case((r.c.value_rank == 1, r.c.value))).label("last_value"),
            func.max(case((last_pair, r.c.numerator))).label("last_num"),
            func.max(case((last_pair, r.c.denominator))).label("last_den"),
        )
        .group_by(r.c.indicator_id)
        .subquery()
    )


def target_sums(period: PeriodKey) -> Subquery:
    """Return per indicator: the sum and the latest of its period targets so far, and this one."""
    t = IndicatorTarget
    ranked = (
        select(
            t.indicator_id,
            t.period_key,
            t.target,
            func.row_number()
            .over(partition_by=t.indicator_id, order_by=t.period_key.desc())
            .label("rank"),
        )
        .where(t.period_key <= str(period))
        .subquery()
    )
    return (
        select(
            ranked.c.indicator_id,
            func.sum(ranked.c.target).label("sum_target"),
            func.max(case((ranked.c.rank == 1, ranked.c.target))).label("last_target"),
            func.max(case((ranked.c.period_key == str(period), ranked.c.target))).label("target"),
        )
        .group_by(ranked.c.indicator_id)
        .subquery()
    )


def _pick(cumulative: ColumnElement[bool], summed: object, latest: object) -> ColumnElement:  # type: ignore[type-arg]
    return case((cumulative, latest), else_=summed)


def indicator_select(period: PeriodKey, entity: str | None = None) -> Select:  # type: ignore[type-arg]
    """Select every indicator with its pillar, life actual parts, targets and pending parts."""
    i = Indicator
    of_output = aliased(Outcome)
    approved = value_sums(period, ReportStatus.APPROVED)
    pending = value_sums(period, ReportStatus.SUBMITTED, only_this=True)
    targets = target_sums(period)
    cumulative = i.cumulation != NON_CUMULATIVE
    summed_count = and_(i.cumulation == NON_CUMULATIVE, i.measure == Measure.NUMBER.value)
    stmt = (
        select(
            i.id,
            i.code,
            i.name,
            i.unit,
            i.measure,
            i.cumulation,
            i.outcome_id,
            i.baseline_value.label("baseline"),
            i.life_target,
            func.coalesce(Outcome.pillar_code, of_output.pillar_code, Project.pillar_code).label(
                "pillar"
            ),
            func.coalesce(i.outcome_id, Output.outcome_id).label("parent_outcome"),
            _pick(cumulative, approved.c.sum_value, approved.c.last_value).label("value"),
            _pick(cumulative, approved.c.sum_num, approved.c.last_num).label("num"),
            _pick(cumulative, approved.c.sum_den, approved.c.last_den).label("den"),
            _pick(cumulative, pending.c.sum_value, pending.c.last_value).label("p_value"),
            _pick(cumulative, pending.c.sum_num, pending.c.last_num).label("p_num"),
            _pick(cumulative, pending.c.sum_den, pending.c.last_den).label("p_den"),
            targets.c.target.label("period_target"),
            case((summed_count, targets.c.sum_target), else_=targets.c.last_target).label(
                "to_date"
            ),
        )  # fmt: skip
        .outerjoin(Outcome, Outcome.id == i.outcome_id)
        .outerjoin(Output, Output.id == i.output_id)
        .outerjoin(of_output, of_output.id == Output.outcome_id)
        .outerjoin(Project, Project.id == Output.project_id)
        .outerjoin(approved, approved.c.indicator_id == i.id)
        .outerjoin(pending, pending.c.indicator_id == i.id)
        .outerjoin(targets, targets.c.indicator_id == i.id)
    )
    if entity:
        stmt = stmt.join(Entity, Entity.id == Project.entity_id).where(Entity.acronym == entity)
    return stmt
