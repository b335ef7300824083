"""Reported values in aggregate queries: only approved values count; submitted ones are labelled."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from indicators.types import ReportStatus

APPROVED = ReportStatus.APPROVED.value
SUBMITTED = ReportStatus.SUBMITTED.value
# indicator, project, period key, value, numerator, denominator, text, report status
ValueSelect = Select[int, int, str, Decimal | None, Decimal | None, Decimal | None, str, str]


@dataclass(frozen=True)
class ReportedValue:
    """One indicator's value in one period, with the status of the report that carries it."""

    indicator_id: int
    project_id: int
    period_key: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    text: str
    status: str

    @property
    def label(self) -> str:
        """Return how the value must be labelled wherever it is shown."""
        return _("approved") if self.status == APPROVED else _("submitted, not yet approved")


def _values(statuses: tuple[str, ...]) -> ValueSelect:
    return (
        select(
            IndicatorValue.indicator_id,
            ProgressReport.project_id,
            ReportingPeriod.key,
            IndicatorValue.value,
            IndicatorValue.numerator,
            IndicatorValue.denominator,
            IndicatorValue.text,
            ProgressReport.status,
        )
        .join(ProgressReport, IndicatorValue.report_id == ProgressReport.id)
        .join(ReportingPeriod, ProgressReport.period_id == ReportingPeriod.id)
        .where(ProgressReport.status.in_(statuses))
    )


def _filtered(
    stmt: ValueSelect,
    indicator_ids: Iterable[int] | None,
    project_ids: Iterable[int] | None,
    period_keys: Iterable[str] | None,
) -> ValueSelect:
    if indicator_ids is not None:
        stmt = stmt.where(IndicatorValue.indicator_id.in_(list(indicator_ids)))
    if project_ids is not None:
        stmt = stmt.where(ProgressReport.project_id.in_(list(project_ids)))
    if period_keys is not None:
        stmt = stmt.where(ReportingPeriod.key.in_(list(period_keys)))
    return stmt.order_by(IndicatorValue.indicator_id, ReportingPeriod.key)


def approved_values(
    session: Session,
    *,
    indicator_ids: Iterable[int] | None = None,
    project_ids: Iterable[int] | None = None,
    period_keys: Iterable[str] | None = None,
) -> list[ReportedValue]:
    """Return the approved values (the only ones that count), in one query."""
    stmt = _filtered(_values((APPROVED,)), indicator_ids, project_ids, period_keys)
    return [ReportedValue(*row) for row in session.execute(stmt)]


def pending_values(
    session: Session,
    *,
    indicator_ids: Iterable[int] | None = None,
    project_ids: Iterable[int] | None = None,
    period_keys: Iterable[str] | None = None,
) -> list[ReportedValue]:
    """Return submitted values awaiting review (to be shown labelled, never counted)."""
    stmt = _filtered(_values((SUBMITTED,)), indicator_ids, project_ids, period_keys)
    return [ReportedValue(*row) for row in session.execute(stmt)]


def last_approved_values(
    session: Session,
    indicator_ids: Iterable[int],
    before_key: str | None = None,
    project_id: int | None = None,
) -> dict[int, ReportedValue]:
    """Return each indicator's latest approved value (before a period, and of a project, if
    given), in one query."""
    stmt = _values((APPROVED,)).where(IndicatorValue.indicator_id.in_(list(indicator_ids)))
    if project_id is not None:
        stmt = stmt.where(ProgressReport.project_id == project_id)
    if before_key is not None:
        stmt = stmt.where(ReportingPeriod.key < before_key)
    rank = (
        func.row_number()
        .over(partition_by=IndicatorValue.indicator_id, order_by=ReportingPeriod.key.desc())
        .label("rank")
    )
    ranked = stmt.add_columns(rank).subquery()
    rows = session.execute(select(ranked).where(ranked.c.rank == 1)).all()
    return {row[0]: ReportedValue(*row[:8]) for row in rows}


def last_approved_value(
    session: Session, indicator_id: int, before_key: str | None = None
) -> ReportedValue | None:
    """Return one indicator's latest approved value, if any."""
    return last_approved_values(session, [indicator_id], before_key).get(indicator_id)


HISTORY_PERIODS = 12


def approved_history(
    session: Session, project_id: int, indicator_ids: Iterable[int], before_key: str
) -> dict[int, list[Decimal]]:
    """Return each indicator's approved values in the project's last 12 periods before a
    period, oldest first, in one query (the outlier rule's history)."""
    recent = (
        select(ReportingPeriod.key)
        .where(ReportingPeriod.key < before_key)
        .order_by(ReportingPeriod.key.desc())
        .limit(HISTORY_PERIODS)
        .scalar_subquery()
    )
    stmt = _filtered(_values((APPROVED,)), indicator_ids, [project_id], None)
    stmt = stmt.where(ReportingPeriod.key.in_(recent), IndicatorValue.value.is_not(None))
    history: dict[int, list[Decimal]] = {}
    for row in session.execute(stmt):
        if row[3] is not None:
            history.setdefault(row[0], []).append(row[3])
    return history
