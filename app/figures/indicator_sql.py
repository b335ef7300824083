"""Indicator figures as aggregate SQL: life actuals and targets to date, one row per indicator.

The SQL mirrors the pure rules of `indicators.cumulation` (tests/app/test_indicator_sql.py
checks them against each other): non-cumulative indicators add up their periods (percentages
add numerators and denominators), cumulative ones take the latest period that has a figure.
Divisions are left to Python so that SQLite and PostgreSQL give the same Decimal.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    String,
    Subquery,
    and_,
    case,
    cast,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from app.db import QUANTITY
from app.figures.data_source import AnySelect
from app.models.logframe import Indicator, IndicatorTarget, Outcome, Output
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.models.reference import Entity
from indicators.periods import PeriodKey
from indicators.types import Cumulation, Measure, ReportStatus

STATEMENTS_KEPT = 64  # built statements kept, one per (period, entity, outcomes only)
NON_CUMULATIVE = Cumulation.NON_CUMULATIVE.value
# The tags' separator, written into the SQL text: the same tag is then the same expression,
# which the database aggregates once however often a query names it.
BAR: ColumnElement[str] = literal_column("'|'")


def latest_of(key: Any, width: int, figure: Any, when: Any) -> Any:
    """Return the figure of the row with the greatest fixed-width key among rows where `when`.

    One aggregate pass instead of a window: MAX over "key|figure" picks the latest row (keys
    are ISO dates or period keys, one row per indicator and period), then the figure is cut out.
    """
    return untag(latest_tag(key, figure, when), width)


def latest_tag(key: Any, figure: Any, when: Any) -> Any:
    """Return MAX of "key|figure" over the rows where `when`: the latest row's tag, or NULL.

    The MAX of such tags over several groups is again the latest row's tag, so tags can be
    aggregated in two steps (`indicator_history` does, per quarter).
    """
    return func.max(case((when, cast(key, String) + BAR + cast(figure, String))))


def untag(tag: Any, width: int) -> Any:
    """Cut the figure out of a "key|figure" tag whose key is `width` characters wide."""
    return cast(func.substr(tag, width + 2), QUANTITY)


def value_rows(
    period: PeriodKey, status: ReportStatus, only_this: bool, among: AnySelect | None = None
) -> CompoundSelect[Any]:
    """Select the values of a status up to a period (or in it), with their period's end.

    The projects' values and the Working Group's outcome values, under the same rules.
    "Up to" holds on both the period key and its end date, so that a later quarter's value
    never reaches an earlier report whatever dates its period was given. `among` (a SELECT of
    indicator ids) keeps the values of those indicators only, before they are aggregated.
    """
    project = _rows_of(IndicatorValue, ProgressReport, period, status, only_this, among)
    outcome = _rows_of(OutcomeValue, OutcomeReport, period, status, only_this, among)
    return union_all(project, outcome)


def _rows_of(
    v: type[IndicatorValue] | type[OutcomeValue],
    report: type[ProgressReport] | type[OutcomeReport],
    period: PeriodKey,
    status: ReportStatus,
    only_this: bool,
    among: AnySelect | None,
) -> AnySelect:
    stmt = (
        select(v.indicator_id, v.value, v.numerator, v.denominator, v.text, ReportingPeriod.ends_on)
        .join(report, report.id == v.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == report.period_id)
        .where(report.status == status.value)
    )
    if among is not None:
        stmt = stmt.where(v.indicator_id.in_(among))
    if only_this:
        return stmt.where(ReportingPeriod.key == str(period))
    return stmt.where(ReportingPeriod.ends_on <= period.end(), ReportingPeriod.key <= str(period))


def latest_text(key: Any, text: Any) -> Any:
    """Return "key|text" of the row with the greatest key among rows with a text, else NULL."""
    return func.max(case((func.length(text) > 0, cast(key, String) + "|" + text)))


def value_sums(
    period: PeriodKey,
    status: ReportStatus,
    only_this: bool = False,
    among: AnySelect | None = None,
) -> Subquery:
    """Return per indicator: sums of values and of paired parts, and the latest of each."""
    r = value_rows(period, status, only_this, among).subquery()
    pair = and_(r.c.numerator.is_not(None), r.c.denominator.is_not(None))
    return (
        select(
            r.c.indicator_id,
            func.sum(r.c.value).label("sum_value"),
            func.sum(case((pair, r.c.numerator))).label("sum_num"),
            func.sum(case((pair, r.c.denominator))).label("sum_den"),
            latest_of(r.c.ends_on, 10, r.c.value, r.c.value.is_not(None)).label("last_value"),
            latest_of(r.c.ends_on, 10, r.c.numerator, pair).label("last_num"),
            latest_of(r.c.ends_on, 10, r.c.denominator, pair).label("last_den"),
            latest_text(r.c.ends_on, r.c.text).label("last_text"),
        )
        .group_by(r.c.indicator_id)
        .subquery()
    )


def target_sums(period: PeriodKey, among: AnySelect | None = None) -> Subquery:
    """Return per indicator: the sum and the latest of its period targets so far, and this one."""
    t = IndicatorTarget
    stmt = select(
        t.indicator_id,
        func.sum(t.target).label("sum_target"),
        latest_of(t.period_key, 6, t.target, t.target.is_not(None)).label("last_target"),
        func.max(case((t.period_key == str(period), t.target))).label("target"),
    ).where(t.period_key <= str(period))
    if among is not None:
        stmt = stmt.where(t.indicator_id.in_(among))
    return stmt.group_by(t.indicator_id).subquery()


def _pick(
    cumulative: ColumnElement[bool],
    summed: ColumnElement[Decimal | None],
    latest: ColumnElement[Decimal | None],
) -> ColumnElement[Decimal | None]:
    return case((cumulative, latest), else_=summed)


def _actual_columns(sums: Subquery, prefix: str) -> list[Any]:
    """Pick, per indicator's cumulation, the summed or the latest figure and parts."""
    cumulative = Indicator.cumulation != NON_CUMULATIVE
    return [
        _pick(cumulative, sums.c.sum_value, sums.c.last_value).label(f"{prefix}value"),
        _pick(cumulative, sums.c.sum_num, sums.c.last_num).label(f"{prefix}num"),
        _pick(cumulative, sums.c.sum_den, sums.c.last_den).label(f"{prefix}den"),
    ]


def _target_columns(targets: Subquery) -> list[Any]:
    """Return this period's target and the target to date (summed only for counts)."""
    i = Indicator
    summed = and_(i.cumulation == NON_CUMULATIVE, i.measure == Measure.NUMBER.value)
    to_date = case((summed, targets.c.sum_target), else_=targets.c.last_target)
    return [targets.c.target.label("period_target"), to_date.label("to_date")]


def shown_indicators(entity: str | None, outcomes_only: bool) -> AnySelect | None:
    """Select the ids of the indicators a report shows one by one, None for every indicator.

    One entity's: the output indicators of its projects; outcomes only: outcome indicators.
    Values and targets are then aggregated for those indicators only, not for the portfolio.
    """
    i = Indicator
    if entity:
        owned = select(i.id).join(Output, Output.id == i.output_id)
        owned = owned.join(Project, Project.id == Output.project_id)
        owned = owned.join(Entity, Entity.id == Project.entity_id).where(Entity.acronym == entity)
        return owned.where(i.outcome_id.is_not(None)) if outcomes_only else owned
    return select(i.id).where(i.outcome_id.is_not(None)) if outcomes_only else None


@lru_cache(maxsize=STATEMENTS_KEPT)
def indicator_select(
    period: PeriodKey, entity: str | None = None, outcomes_only: bool = False
) -> AnySelect:
    """Select every indicator with its pillar, life actual parts, targets and pending parts.

    `entity` keeps that entity's output indicators, `outcomes_only` the outcome indicators.
    Built once per arguments and kept: a statement is immutable (each `.where` or `.order_by`
    makes a new one), and building this one costs more than running it on a small portfolio.
    """
    i, of_output = Indicator, aliased(Outcome)
    among = shown_indicators(entity, outcomes_only)
    approved = value_sums(period, ReportStatus.APPROVED, among=among)
    pending = value_sums(period, ReportStatus.SUBMITTED, only_this=True, among=among)
    targets = target_sums(period, among)
    pillar = func.coalesce(Outcome.pillar_code, of_output.pillar_code, Project.pillar_code)
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
            pillar.label("pillar"),
            func.coalesce(i.outcome_id, Output.outcome_id).label("parent_outcome"),
            Project.id.label("project_id"),
            approved.c.last_text,
            *_actual_columns(approved, ""),
            *_actual_columns(pending, "p_"),
            *_target_columns(targets),
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
    return stmt.where(i.outcome_id.is_not(None)) if outcomes_only else stmt
