"""Reads behind the Working Group's outcome values: the outcome indicators of a period, their
last approved values and recent history, each in one query."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from app.models.logframe import Indicator, Outcome
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.progress import ReportingPeriod
from app.progress.queries import HISTORY_PERIODS, ReportedValue
from indicators.types import ReportStatus

APPROVED = ReportStatus.APPROVED.value


@dataclass
class OutcomeScope:
    """A period with the Compact's outcome indicators and its outcome report, if any."""

    period: ReportingPeriod
    indicators: list[Indicator]
    report: OutcomeReport | None


def load_outcome_scope(session: Session, period: ReportingPeriod) -> OutcomeScope:
    """Load the outcome indicators (by pillar, outcome, code) and the period's outcome report."""
    indicators = session.scalars(
        select(Indicator)
        .join(Outcome, Outcome.id == Indicator.outcome_id)
        .options(selectinload(Indicator.targets), selectinload(Indicator.outcome))
        .order_by(Outcome.pillar_code, Outcome.code, Indicator.code)
    ).all()
    report = session.scalar(
        select(OutcomeReport)
        .where(OutcomeReport.period_id == period.id)
        .options(selectinload(OutcomeReport.values).selectinload(OutcomeValue.indicator))
    )
    return OutcomeScope(period, list(indicators), report)


def _approved(indicator_ids: Iterable[int]) -> Select[int, str, Decimal | None]:
    v = OutcomeValue
    return (
        select(v.indicator_id, ReportingPeriod.key, v.value)
        .join(OutcomeReport, OutcomeReport.id == v.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == OutcomeReport.period_id)
        .where(OutcomeReport.status == APPROVED, v.indicator_id.in_(list(indicator_ids)))
    )


def last_approved_outcomes(
    session: Session, indicator_ids: Iterable[int], before_key: str
) -> dict[int, ReportedValue]:
    """Return each outcome indicator's latest approved value before a period, in one query."""
    v = OutcomeValue
    rank = func.row_number().over(partition_by=v.indicator_id, order_by=ReportingPeriod.key.desc())
    stmt = (
        select(v.indicator_id, ReportingPeriod.key, v.value, v.numerator, v.denominator, v.text)
        .join(OutcomeReport, OutcomeReport.id == v.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == OutcomeReport.period_id)
        .where(OutcomeReport.status == APPROVED, v.indicator_id.in_(list(indicator_ids)))
        .where(ReportingPeriod.key < before_key)
        .add_columns(rank.label("rank"))
        .subquery()
    )
    rows = session.execute(select(stmt).where(stmt.c.rank == 1)).all()
    return {
        r.indicator_id: ReportedValue(
            r.indicator_id, 0, r.key, r.value, r.numerator, r.denominator, r.text, APPROVED
        )
        for r in rows
    }


def outcome_history(
    session: Session, indicator_ids: Iterable[int], before_key: str
) -> dict[int, list[Decimal]]:
    """Return each outcome indicator's approved values of the last 12 periods before a period,
    oldest first, in one query (the outlier rule's history)."""
    recent = (
        select(ReportingPeriod.key)
        .where(ReportingPeriod.key < before_key)
        .order_by(ReportingPeriod.key.desc())
        .limit(HISTORY_PERIODS)
        .scalar_subquery()
    )
    stmt = _approved(indicator_ids).where(ReportingPeriod.key.in_(recent))
    history: dict[int, list[Decimal]] = {}
    for indicator_id, _key, value in session.execute(stmt.order_by(ReportingPeriod.key)):
        if value is not None:
            history.setdefault(indicator_id, []).append(value)
    return history


@dataclass(frozen=True)
class OutcomePeriod:
    """A period and where its outcome values stand ("not started" when nobody entered any)."""

    key: str
    period_status: str
    status: str


def recent_outcome_periods(session: Session, limit: int = 8) -> list[OutcomePeriod]:
    """Return the latest periods, newest first, with their outcome report's status."""
    stmt = (
        select(ReportingPeriod.key, ReportingPeriod.status, OutcomeReport.status)
        .outerjoin(OutcomeReport, OutcomeReport.period_id == ReportingPeriod.id)
        .order_by(ReportingPeriod.key.desc())
        .limit(limit)
    )
    return [OutcomePeriod(k, p, s or "not started") for k, p, s in session.execute(stmt)]


def submitted_outcome_periods(session: Session) -> list[str]:
    """Return the keys of the open periods whose outcome values await review, oldest first."""
    stmt = (
        select(ReportingPeriod.key)
        .join(OutcomeReport, OutcomeReport.period_id == ReportingPeriod.id)
        .where(OutcomeReport.status == ReportStatus.SUBMITTED.value)
        .where(ReportingPeriod.status == "open")
        .order_by(ReportingPeriod.key)
    )
    return list(session.scalars(stmt))
