"""Reporting periods: create a quarter, adjust its window, lock, reopen, delete."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from app import data_version
from app.audit.history import ensure_version
from app.audit.services import record, snapshot
from app.auth.permissions import ensure_admin
from app.errors import DomainError, FieldInvalid
from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.outcome_values import OutcomeReport
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from indicators.periods import parse_quarter
from indicators.types import ReportStatus

DUE_AFTER_END = dt.timedelta(days=30)
FIELDS = ("key", "starts_on", "ends_on", "entry_opens_on", "due_on", "status")


@dataclass(frozen=True)
class PeriodRow:
    """A period with how many reports and values it holds, for the list."""

    period: ReportingPeriod
    reports: int
    submitted: int
    approved: int
    values: int


def default_window(key: str) -> tuple[dt.date, dt.date]:
    """Return the default entry opening (quarter end) and due date (30 days later)."""
    _, end = parse_quarter(key)
    return end, end + DUE_AFTER_END


def _check_window(entry_opens_on: dt.date, due_on: dt.date) -> None:
    if due_on < entry_opens_on:
        raise FieldInvalid("due_on", _("The due date cannot come before entry opens."))


def create_period(
    session: Session,
    user: User,
    key: str,
    entry_opens_on: dt.date | None = None,
    due_on: dt.date | None = None,
) -> ReportingPeriod:
    """Create a quarter from its key, with dates derived from it unless given."""
    ensure_admin(user)
    try:
        starts_on, ends_on = parse_quarter(key)
    except ValueError as error:
        raise FieldInvalid("key", str(error)) from error
    if session.scalar(select(ReportingPeriod.id).where(ReportingPeriod.key == key)):
        raise FieldInvalid("key", _("The period %(period)s already exists.", period=key))
    opens, due = default_window(key)
    period = ReportingPeriod(
        key=key,
        starts_on=starts_on,
        ends_on=ends_on,
        entry_opens_on=entry_opens_on or opens,
        due_on=due_on or due,
        status=PeriodStatus.OPEN.value,
    )
    _check_window(period.entry_opens_on, period.due_on)
    session.add(period)
    session.flush()
    record(
        session, user.id, "create", "reporting_period", period.id, after=snapshot(period, FIELDS)
    )
    session.flush()
    return period


def update_period(
    session: Session,
    user: User,
    period: ReportingPeriod,
    entry_opens_on: dt.date,
    due_on: dt.date,
    version: int | None,
) -> ReportingPeriod:
    """Change when entry opens and when reports are due."""
    ensure_admin(user)
    ensure_version(session, period, "reporting_period", version, user)
    _check_window(entry_opens_on, due_on)
    before = snapshot(period, FIELDS)
    period.entry_opens_on, period.due_on = entry_opens_on, due_on
    _audit(session, user, "update", period, before)
    return period


def _audit(
    session: Session,
    user: User,
    action: str,
    period: ReportingPeriod,
    before: dict[str, Any],
    reason: str = "",
) -> None:
    after = snapshot(period, FIELDS)
    if before == after:
        return
    record(
        session,
        user.id,
        action,
        "reporting_period",
        period.id,
        before=before,
        after=after,
        reason=reason,
    )
    session.flush()


def set_status(
    session: Session, user: User, period: ReportingPeriod, status: PeriodStatus, reason: str
) -> ReportingPeriod:
    """Lock or reopen a period; the reason is mandatory and kept in the audit trail."""
    ensure_admin(user)
    if not reason.strip():
        raise FieldInvalid("reason", _("Give a reason: it is kept in the audit trail."))
    if period.status == status.value:
        raise DomainError(_already(period.key, status))
    before = snapshot(period, FIELDS)
    period.status = status.value
    action = "lock" if status == PeriodStatus.LOCKED else "reopen"
    _audit(session, user, action, period, before, reason.strip())
    return period


def _already(key: str, status: PeriodStatus) -> str:
    if status == PeriodStatus.LOCKED:
        return _("The period %(period)s is already locked.", period=key)
    return _("The period %(period)s is already open.", period=key)


def delete_period(session: Session, user: User, period: ReportingPeriod) -> None:
    """Delete a period that holds no progress reports, values or outcome report."""
    ensure_admin(user)
    row = _counts(session, period.id)
    if row.values or row.reports:
        raise DomainError(
            _(
                "The period %(period)s has %(reports)s progress report(s) and %(values)s "
                "value(s): it cannot be deleted. Lock it instead.",
                period=period.key,
                reports=row.reports,
                values=row.values,
            )
        )
    if session.scalar(select(OutcomeReport.id).where(OutcomeReport.period_id == period.id)):
        raise DomainError(
            _(
                "The period %(period)s has the Working Group's outcome report: it cannot be "
                "deleted. Lock it instead.",
                period=period.key,
            )
        )
    before = snapshot(period, FIELDS)
    record(session, user.id, "delete", "reporting_period", period.id, before=before)
    session.delete(period)
    session.flush()


def _counts(session: Session, period_id: int) -> PeriodRow:
    return next(r for r in period_rows(session, period_id) if r.period.id == period_id)


def _status_count(status: ReportStatus) -> ColumnElement[int]:
    return func.sum(case((ProgressReport.status == status.value, 1), else_=0))


def period_rows(session: Session, only_id: int | None = None) -> list[PeriodRow]:
    """Return every period (newest first) with its report and value counts.

    The counts read every report and value of the portfolio: they are kept until something is
    written (`app.data_version`); the periods themselves are read afresh."""
    stmt = select(ReportingPeriod).order_by(ReportingPeriod.key.desc())
    if only_id is not None:
        stmt = stmt.where(ReportingPeriod.id == only_id)
    counts = data_version.kept(session, ("period_counts",), lambda: _period_counts(session))
    return [PeriodRow(p, *counts.get(p.id, (0, 0, 0, 0))) for p in session.scalars(stmt)]


def _period_counts(session: Session) -> dict[int, tuple[int, int, int, int]]:
    """Return each period's reports, submitted and approved reports, and values (two queries)."""
    reports = select(
        ProgressReport.period_id,
        func.count(ProgressReport.id),
        _status_count(ReportStatus.SUBMITTED),
        _status_count(ReportStatus.APPROVED),
    ).group_by(ProgressReport.period_id)
    values = (
        select(ProgressReport.period_id, func.count(IndicatorValue.id))
        .join(IndicatorValue, IndicatorValue.report_id == ProgressReport.id)
        .group_by(ProgressReport.period_id)
    )
    found = {p: (int(n), int(s or 0), int(a or 0), 0) for p, n, s, a in session.execute(reports)}
    for period_id, n in session.execute(values):
        r, s, a, _ = found.get(period_id, (0, 0, 0, 0))
        found[period_id] = (r, s, a, int(n))
    return found
