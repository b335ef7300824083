"""The review workflow of a quarterly report: one transition table, race-safe status changes."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app import text as clean
from app.audit.services import record
from app.auth.permissions import ensure_can_review
from app.db import rowcount, utcnow
from app.errors import Conflict, DomainError, ValidationFailed
from app.mail.notices import notify_decision
from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.outcome_values import OutcomeReport
from app.models.progress import ProgressReport, ReportingPeriod
from app.progress.audit_state import report_editors, report_snapshot
from app.progress.labels import cannot
from app.progress.window import ensure_entry_open
from indicators.types import ReportStatus

DRAFT, SUBMITTED = ReportStatus.DRAFT.value, ReportStatus.SUBMITTED.value
APPROVED, RETURNED = ReportStatus.APPROVED.value, ReportStatus.RETURNED.value

# The single source of truth: (status, action) -> next status. Anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (DRAFT, "save"): DRAFT,
    (RETURNED, "save"): DRAFT,
    (DRAFT, "submit"): SUBMITTED,
    (RETURNED, "submit"): SUBMITTED,
    (SUBMITTED, "approve"): APPROVED,
    (SUBMITTED, "return"): RETURNED,
    (APPROVED, "reopen"): RETURNED,
}
EDITABLE = frozenset(s for (s, a) in TRANSITIONS if a == "save")
MAX_COMMENT = 5000


def next_status(status: str, action: str) -> str:
    """Return the status an action leads to, or raise DomainError if it is not allowed."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise DomainError(cannot(status, action)) from None


def allowed_actions(status: str) -> list[str]:
    """Return the actions allowed from a status."""
    return [a for (s, a) in TRANSITIONS if s == status]


def ensure_period_open(session: Session, report: ProgressReport | OutcomeReport) -> None:
    """Raise DomainError when the report's period is locked or its entry window not yet open.

    The period's status is read again in this transaction with a share lock (SELECT ... FOR
    SHARE on PostgreSQL): a lock of the period that committed first is seen, and one that comes
    later waits until this write has committed, so nothing is approved or saved in a period
    after its lock. SQLite lets one writer in at a time.
    """
    period = report.period
    with session.no_autoflush:
        status, opens_on = session.execute(
            select(ReportingPeriod.status, ReportingPeriod.entry_opens_on)
            .where(ReportingPeriod.id == period.id)
            .with_for_update(read=True)
        ).one()
    if status == PeriodStatus.LOCKED.value:
        locked = _("Period %(period)s is locked; nothing in it can change.", period=period.key)
        raise DomainError(locked)
    ensure_entry_open(period.key, opens_on)


def approve(
    session: Session,
    user: User,
    report: ProgressReport,
    version: int,
    comment: str = "",
    highlight: bool = False,
) -> None:
    """Approve a submitted report, refusing anyone who changed its figures, a locked period and
    a lost race.

    An optional comment is kept in the review conversation. `highlight` marks the narrative as one
    the quarterly report may quote (audited with the approval); a later reopening clears the mark,
    and the next approval decides again.
    """
    comment = required_text(comment, "comment") if (comment or "").strip() else ""
    _review(session, user, report, "approve", version, comment, {"is_highlight": bool(highlight)})


def return_report(
    session: Session, user: User, report: ProgressReport, version: int, comment: str
) -> None:
    """Return a submitted report to its focal point with a required comment."""
    _review(session, user, report, "return", version, required_text(comment, "comment"))


def reopen(session: Session, user: User, report: ProgressReport, version: int, reason: str) -> None:
    """Reopen an approved report (back to returned) with a required, audited reason."""
    reason = required_text(reason, "reason")
    ensure_can_review(user, set(), report.project.entity_id)
    fields = {"review_comment": reason, "is_highlight": False}
    _change(session, user, report, "reopen", version, fields, reason)


def _review(
    session: Session,
    user: User,
    report: ProgressReport,
    action: str,
    version: int,
    comment: str,
    more: dict[str, Any] | None = None,
) -> None:
    ensure_can_review(user, report_editors(session, report), report.project.entity_id)
    fields: dict[str, Any] = {"review_comment": comment} | (more or {})
    _change(session, user, report, action, version, fields, comment)
    notify_decision(session, user, report, action)  # sent once the decision commits


def _change(
    session: Session,
    user: User,
    report: ProgressReport,
    action: str,
    version: int,
    fields: dict[str, Any],
    reason: str,
) -> None:
    ensure_period_open(session, report)
    target = next_status(report.status, action)
    before = report_snapshot(report)
    fields |= {"reviewed_by_id": user.id, "reviewed_at": utcnow()}
    conditional_update(session, report, version, target, fields)
    after = report_snapshot(report)
    record(
        session, user.id, action, "progress_report", report.id, before=before, after=after,
        reason=reason, project_id=report.project_id, entity_id=report.project.entity_id,
    )  # fmt: skip
    session.flush()


def stamp(report: ProgressReport | OutcomeReport, user: User, target: str) -> None:
    """Move a report being written to `target`, noting who and when (and who submitted it)."""
    report.status, report.updated_by_id, report.updated_at = target, user.id, utcnow()
    if target == SUBMITTED:
        report.submitted_by_id, report.submitted_at = user.id, report.updated_at


def flush_written(
    session: Session, report: ProgressReport | OutcomeReport, changed: str, started: str
) -> None:
    """Flush a report being written; a lost race is a Conflict saying `changed` (someone saved
    it meanwhile) or `started` (two first saves: the other one created it)."""
    new = report.id is None
    if new:
        session.add(report)
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(changed) from None
    except IntegrityError:
        if not new:
            raise
        raise Conflict(started) from None


def conditional_update(
    session: Session,
    report: ProgressReport | OutcomeReport,
    version: int,
    target: str,
    fields: dict[str, Any],
) -> None:
    """Move the report to a status only if nobody changed it since `version` (rowcount check)."""
    table = type(report).__table__
    stmt = (
        update(table)
        .where(table.c.id == report.id)
        .where(table.c.status == report.status)
        .where(table.c.version == version)
        .values(status=target, version=version + 1, **fields)
    )
    session.flush()
    if rowcount(session.execute(stmt)) != 1:
        session.expire(report)
        raise Conflict(_("Someone changed or reviewed this report first; reload it and try again."))
    session.refresh(report)


def required_text(text: str, name: str) -> str:
    """Return the text stripped, or raise ValidationFailed saying what a comment or reason lacks."""
    text = (text or "").strip()
    reason = name == "reason"
    if not text:
        missing = _("A reason is required.") if reason else _("A comment is required.")
        raise ValidationFailed([missing])
    if len(text) > MAX_COMMENT:
        raise ValidationFailed([_too_long(reason)])
    if (fix := clean.problem(text)) is not None:
        raise ValidationFailed([_unclean(reason, fix)])
    return text


def _too_long(reason: bool) -> str:
    if reason:
        return _("The reason must be at most %(max)s characters.", max=MAX_COMMENT)
    return _("The comment must be at most %(max)s characters.", max=MAX_COMMENT)


def _unclean(reason: bool, problem: str) -> str:
    if reason:
        return _("The reason %(problem)s.", problem=problem)
    return _("The comment %(problem)s.", problem=problem)
