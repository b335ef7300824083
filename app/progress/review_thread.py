"""The review conversation of a report: every comment, return, approval and reopening, with who
and when, read back from the append-only audit trail, so it survives whatever the report goes
through afterwards (a re-upload, a new draft, a resubmission, an approval)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.auth import User
from app.models.enums import Role
from app.models.progress import ProgressReport
from app.progress.labels import HEADINGS, ROLE_LABELS, word

DECISIONS = ("approve", "return", "reopen")
REVIEW_ACTIONS = (*DECISIONS, "comment")
REVIEWER_ROLES = (Role.REVIEWER.value, Role.ADMIN.value)


@dataclass(frozen=True)
class ReviewNote:
    """One decision or comment on a report: what, by whom, when, and the text given."""

    action: str
    who: str
    at: dt.datetime
    comment: str
    role: str = ""

    @property
    def heading(self) -> str:
        """Return the decision in words: Approved, Returned or Reopened."""
        return word(HEADINGS, self.action)

    @property
    def role_text(self) -> str:
        """Return the writer's role in the reader's words: reviewer, admin."""
        return word(ROLE_LABELS, self.role)

    @property
    def sends_back(self) -> bool:
        """Tell whether the decision sent the report back to its focal point."""
        return self.action in ("return", "reopen")


def review_thread(session: Session, report: ProgressReport | None) -> list[ReviewNote]:
    """Return the report's decisions and comments, oldest first, in one query."""
    if report is None or report.id is None:
        return []
    stmt = (
        select(AuditEvent.action, User.email, AuditEvent.occurred_at, AuditEvent.reason, User.role)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(
            AuditEvent.project_id == report.project_id,
            AuditEvent.object_type == "progress_report",
            AuditEvent.object_id == str(report.id),
            AuditEvent.action.in_(REVIEW_ACTIONS),
        )
        .order_by(AuditEvent.id)
    )
    return [
        ReviewNote(action, email or _("someone"), at, reason or "", (role or "").replace("_", " "))
        for action, email, at, reason, role in session.execute(stmt)
    ]


def open_return(thread: list[ReviewNote], report: ProgressReport | None) -> ReviewNote | None:
    """Return the decision that sent an editable report back, if it is still to be answered.

    A report returned before its decisions were audited (loaded data) has only its columns."""
    if report is None or report.status not in ("draft", "returned"):
        return None
    decisions = [note for note in thread if note.action in DECISIONS]
    if decisions:
        return decisions[-1] if decisions[-1].sends_back else None
    if not report.review_comment or report.reviewed_at is None:
        return None
    who = report.reviewed_by.email if report.reviewed_by else "the reviewer"
    return ReviewNote("return", who, report.reviewed_at, report.review_comment)


def latest_reviewer_notes(
    session: Session, project_id: int, report_ids: list[int]
) -> dict[int, ReviewNote]:
    """Return, by report id, the latest decision or comment a reviewer (or admin) wrote on it.

    One query for all the reports of a project; a note without text is passed over.
    """
    if not report_ids:
        return {}
    stmt = (
        select(AuditEvent.object_id, AuditEvent.action, User.email, AuditEvent.occurred_at)
        .add_columns(AuditEvent.reason, User.role)
        .join(User, User.id == AuditEvent.user_id)
        .where(
            AuditEvent.project_id == project_id,
            AuditEvent.object_type == "progress_report",
            AuditEvent.object_id.in_([str(i) for i in report_ids]),
            AuditEvent.action.in_(REVIEW_ACTIONS),
            User.role.in_(REVIEWER_ROLES),
            func.length(AuditEvent.reason) > 0,
        )
        .order_by(AuditEvent.id)
    )
    # Oldest first, so each report keeps its latest note.
    return {
        int(object_id): ReviewNote(action, email, at, reason, role.replace("_", " "))
        for object_id, action, email, at, reason, role in session.execute(stmt)
    }
