"""What is due: reports of open periods per entity (and those a recently locked period never
received, as missing), the review queue of open periods, and overdue reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.orm import Session, aliased

from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from app.paging import AnySelect
from indicators.types import ACTIVE_STATUSES, ReportStatus

NOT_STARTED = "not started"
MISSING = "missing"  # never submitted, and the period is locked: it can no longer be sent
OPEN_TO_EDIT = frozenset({NOT_STARTED, ReportStatus.DRAFT.value, ReportStatus.RETURNED.value})
IN_PROGRESS = (ReportStatus.DRAFT.value, ReportStatus.RETURNED.value)
# How long a locked period's missing reports stay on the list after its due date.
MISSING_SHOWN_FOR = dt.timedelta(days=365)


@dataclass(frozen=True)
class DueRow:
    """One project's report for one open period, started or not, or missing from a locked one."""

    project_id: int
    project_code: str
    project_title: str
    entity: str
    period_key: str
    due_on: dt.date
    report_id: int | None
    status: str
    review_comment: str
    overdue: bool


@dataclass(frozen=True)
class QueueRow:
    """A submitted report waiting for review."""

    report_id: int
    project_code: str
    project_title: str
    entity: str
    period_key: str
    author: str
    submitted_at: dt.datetime | None


def due_select(today: dt.date, entity_id: int | None) -> AnySelect:
    """Return the statement over reports due (open periods) or missing (recently locked),
    of one entity's active projects or of all, by due date, entity and project code."""
    stmt = (
        select(
            Project.id,
            Project.code,
            Project.title,
            Entity.acronym,
            ReportingPeriod.key,
            ReportingPeriod.due_on,
            ReportingPeriod.status,
            ProgressReport.id,
            ProgressReport.status,
            ProgressReport.review_comment,
        )  # fmt: skip
        .join(Entity, Project.entity_id == Entity.id)
        .join(ReportingPeriod, true())
        .outerjoin(
            ProgressReport,
            and_(
                ProgressReport.project_id == Project.id,
                ProgressReport.period_id == ReportingPeriod.id,
            ),
        )
        .where(_open_or_recently_locked(today))
        .where(ReportingPeriod.entry_opens_on <= today)
        .where(Project.status.in_([s.value for s in ACTIVE_STATUSES]))
        .order_by(ReportingPeriod.due_on, Entity.acronym, Project.code)
    )
    if entity_id is not None:
        stmt = stmt.where(Project.entity_id == entity_id)
    return stmt


def _due_rows(session: Session, today: dt.date, entity_id: int | None) -> list[DueRow]:
    return [due_row(row, today) for row in session.execute(due_select(today, entity_id))]


def _overdue(today: dt.date) -> ColumnElement[bool]:
    """Return, in SQL, what `due_row` computes as overdue: due before today, not submitted, and
    the period still open (a locked period's report is missing, no longer overdue)."""
    return and_(
        ReportingPeriod.status == PeriodStatus.OPEN.value,
        ReportingPeriod.due_on < today,
        or_(ProgressReport.id.is_(None), ProgressReport.status.in_(IN_PROGRESS)),
    )


def _open_or_recently_locked(today: dt.date) -> ColumnElement[bool]:
    locked = and_(
        ReportingPeriod.status == PeriodStatus.LOCKED.value,
        ReportingPeriod.due_on >= today - MISSING_SHOWN_FOR,
        or_(ProgressReport.id.is_(None), ProgressReport.status.in_(IN_PROGRESS)),
    )
    return or_(ReportingPeriod.status == PeriodStatus.OPEN.value, locked)


# project id, code, title, entity, period key, due on, period status, then the report if one was
# started: its id, status and review comment (the last return or reopening reason: a save keeps
# it, so an answered-but-not-resubmitted report still shows it)
DueSelectRow = tuple[int, str, str, str, str, dt.date, str, int | None, str | None, str | None]


def due_row(row: DueSelectRow, today: dt.date) -> DueRow:
    """Return one row of a due statement as a DueRow, with its status and whether it is late."""
    pid, code, title, acronym, key, due_on, period_status, rid, started, comment = row
    locked = period_status == PeriodStatus.LOCKED.value
    status = MISSING if locked else started or NOT_STARTED
    late = due_on < today and status in OPEN_TO_EDIT
    return DueRow(pid, code, title, acronym, key, due_on, rid, status, comment or "", late)


def due_for_entity(session: Session, entity_id: int, today: dt.date) -> list[DueRow]:
    """Return the entity's active projects' reports for every open period, and those missing
    from a period locked in the last year, in one query."""
    return _due_rows(session, today, entity_id)


def overdue_select(today: dt.date, entity_id: int | None = None) -> AnySelect:
    """Return the statement over reports (of one entity or all) due before today, unsubmitted."""
    return due_select(today, entity_id).where(_overdue(today))


def overdue_reports(session: Session, today: dt.date, limit: int | None = None) -> list[DueRow]:
    """Return, across entities, reports whose due date passed and that are not submitted."""
    return due_rows(session, overdue_select(today).limit(limit), today)


def due_rows(session: Session, stmt: AnySelect, today: dt.date) -> list[DueRow]:
    """Return the rows of a statement built on `overdue_select` or `_due_select`."""
    return [due_row(row, today) for row in session.execute(stmt)]


def review_queue(session: Session, limit: int | None = None) -> list[QueueRow]:
    """Return the submitted reports of open periods awaiting review, oldest submission first
    (a locked period's report can no longer be decided)."""
    return queue_rows(session, review_select().limit(limit))


def queue_rows(session: Session, stmt: AnySelect) -> list[QueueRow]:
    """Return the rows of a statement built on `review_select`."""
    return [QueueRow(*row) for row in session.execute(stmt)]


def review_select() -> AnySelect:
    """Return the statement over the submitted reports of open periods, oldest first."""
    submitter = aliased(User)
    stmt: AnySelect = (
        select(
            ProgressReport.id,
            Project.code,
            Project.title,
            Entity.acronym,
            ReportingPeriod.key,
            submitter.email,
            ProgressReport.submitted_at,
        )  # fmt: skip
        .join(Project, ProgressReport.project_id == Project.id)
        .join(Entity, Project.entity_id == Entity.id)
        .join(ReportingPeriod, ProgressReport.period_id == ReportingPeriod.id)
        .outerjoin(submitter, ProgressReport.submitted_by_id == submitter.id)
        .where(ProgressReport.status == ReportStatus.SUBMITTED.value)
        .where(ReportingPeriod.status == PeriodStatus.OPEN.value)
        .order_by(ProgressReport.submitted_at, ProgressReport.id)
    )
    return stmt


def due_everywhere(session: Session, today: dt.date) -> list[DueRow]:
    """Return every entity's due, started and missing reports, in one query (the reminders)."""
    return _due_rows(session, today, None)
