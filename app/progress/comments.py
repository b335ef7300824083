"""The review conversation's comments and the reviewer's next report.

A comment is an audit event ("comment" on the progress report): append-only in the database, kept
whatever the report goes through afterwards, and read back with the decisions by
app/progress/review_thread.py."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.audit.services import record
from app.auth.permissions import can_edit_project, can_review
from app.errors import PermissionDenied
from app.models.audit import AuditEvent
from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.progress.audit_state import FIGURE_ACTIONS
from app.progress.workflow import required_text
from indicators.types import ReportStatus

EDITOR_COLUMNS = (
    ProgressReport.author_id,
    ProgressReport.submitted_by_id,
    ProgressReport.updated_by_id,
)


def may_comment(user: User, project: Project) -> bool:
    """Tell whether the user takes part in the project's review conversation."""
    return can_review(user) or can_edit_project(user, project)


def add_comment(session: Session, user: User, report: ProgressReport, text: str) -> None:
    """Append a comment to the report's review conversation, audited with who and when."""
    if not may_comment(user, report.project):
        raise PermissionDenied(_("Only the entity's focal points and the reviewers may comment."))
    record(
        session, user.id, "comment", "progress_report", report.id,
        reason=required_text(text, "comment"),
        project_id=report.project_id, entity_id=report.project.entity_id,
    )  # fmt: skip
    session.flush()


def next_to_review(session: Session, user: User, after: int) -> int | None:
    """Return the oldest submitted report of an open period the user may decide on, other than
    `after`: not of the user's own entity and without figures the user entered (one query)."""
    edited = exists().where(
        AuditEvent.project_id == ProgressReport.project_id,
        AuditEvent.object_type == "progress_report",
        AuditEvent.object_id == ProgressReport.id.cast(AuditEvent.object_id.type),
        AuditEvent.user_id == user.id,
        AuditEvent.action.in_(FIGURE_ACTIONS),
    )
    stmt = (
        select(ProgressReport.id)
        .join(Project, ProgressReport.project_id == Project.id)
        .join(ReportingPeriod, ProgressReport.period_id == ReportingPeriod.id)
        .where(
            ProgressReport.status == ReportStatus.SUBMITTED.value,
            ReportingPeriod.status == PeriodStatus.OPEN.value,
            ProgressReport.id != after,
            *(column.is_distinct_from(user.id) for column in EDITOR_COLUMNS),
            ~edited,
        )
        .order_by(ProgressReport.submitted_at, ProgressReport.id)
        .limit(1)
    )
    if user.entity_id is not None:
        stmt = stmt.where(Project.entity_id != user.entity_id)
    return session.scalar(stmt)
