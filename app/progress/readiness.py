"""A period's readiness: the work still pending before its report is issued or it is locked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.orm import Session, aliased

from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from indicators.types import ACTIVE_STATUSES, ReportStatus

IN_PROGRESS = (ReportStatus.DRAFT.value, ReportStatus.RETURNED.value)


@dataclass(frozen=True)
class Readiness:
    """How many reports of a period wait for review, are unsubmitted or unstarted, and how
    many of its values are not approved (so do not count in any official figure)."""

    period_key: str
    status: str
    due_on: dt.date
    today: dt.date
    submitted: int
    in_progress: int  # draft or returned: started, not (re)submitted
    approved: int
    not_started: int  # active projects without a report
    unapproved_values: int

    @property
    def past_due(self) -> bool:
        """Tell whether the due date has passed."""
        return self.today > self.due_on

    @property
    def overdue(self) -> int:
        """Return the reports not submitted although the due date has passed."""
        return self.in_progress + self.not_started if self.past_due else 0

    @property
    def pending(self) -> bool:
        """Tell whether anything still waits: a review, a report, an unapproved value."""
        return bool(
            self.submitted or self.in_progress or self.not_started or self.unapproved_values
        )


def period_readiness(
    session: Session, period: ReportingPeriod, today: dt.date, entity_id: int | None = None
) -> Readiness:
    """Return the period's readiness, Compact-wide or for one entity, in two statements."""
    by_status = {s: n for s, n in session.execute(_status_counts(period.id, entity_id))}
    not_started, values = session.execute(_other_counts(period.id, entity_id)).one()
    return Readiness(
        period.key,
        period.status,
        period.due_on,
        today,
        by_status.get(ReportStatus.SUBMITTED.value, 0),
        sum(by_status.get(s, 0) for s in IN_PROGRESS),
        by_status.get(ReportStatus.APPROVED.value, 0),
        not_started or 0,
        values or 0,
    )


def _status_counts(period_id: int, entity_id: int | None) -> Select[str, int]:
    stmt = (
        select(ProgressReport.status, func.count(ProgressReport.id))
        .join(Project, ProgressReport.project_id == Project.id)
        .where(ProgressReport.period_id == period_id)
        .group_by(ProgressReport.status)
    )
    return stmt if entity_id is None else stmt.where(Project.entity_id == entity_id)


def _other_counts(period_id: int, entity_id: int | None) -> Select[int, int]:
    return select(_not_started(period_id, entity_id), _unapproved_values(period_id, entity_id))


def _not_started(period_id: int, entity_id: int | None) -> ColumnElement[int]:
    report = aliased(ProgressReport)
    started = exists().where(report.project_id == Project.id, report.period_id == period_id)
    stmt = select(func.count(Project.id)).where(
        Project.status.in_([s.value for s in ACTIVE_STATUSES]), ~started
    )
    if entity_id is not None:
        stmt = stmt.where(Project.entity_id == entity_id)
    return stmt.scalar_subquery()


def _unapproved_values(period_id: int, entity_id: int | None) -> ColumnElement[int]:
    report, project = aliased(ProgressReport), aliased(Project)
    stmt = (
        select(func.count(IndicatorValue.id))
        .join(report, IndicatorValue.report_id == report.id)
        .join(project, report.project_id == project.id)
        .where(report.period_id == period_id, report.status != ReportStatus.APPROVED.value)
    )
    if entity_id is not None:
        return stmt.where(project.entity_id == entity_id).scalar_subquery()
    # Compact-wide, the Working Group's outcome values wait for approval too.
    outcome = (
        select(func.count(OutcomeValue.id))
        .join(OutcomeReport, OutcomeValue.report_id == OutcomeReport.id)
        .where(OutcomeReport.period_id == period_id)
        .where(OutcomeReport.status != ReportStatus.APPROVED.value)
        .scalar_subquery()
    )
    return stmt.scalar_subquery() + outcome
