"""Flat, JSON-ready pictures of a report for the audit trail and the conflict message."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import changed, jsonable
from app.models.audit import AuditEvent
from app.models.auth import User
from app.models.outcome_values import OutcomeReport
from app.models.progress import ProgressReport

REPORT_FIELDS = ("status", "narrative", "review_comment", "is_highlight", "version")
# The audited actions that change a report's figures (web form, workbook upload, submission).
FIGURE_ACTIONS = ("save", "submit")


def plain(number: Decimal | None) -> str | None:
    """Return a number as exact text without trailing zeros (12.5000 and 12.5 compare equal)."""
    return None if number is None else f"{number.normalize():f}"


def report_snapshot(report: ProgressReport) -> dict[str, Any]:
    """Return the report's status, narrative and every value, keyed by readable labels."""
    picture: dict[str, Any] = {name: jsonable(getattr(report, name)) for name in REPORT_FIELDS}
    for value in report.values:
        code = value.indicator.code
        picture[f"{code} value"] = plain(value.value)
        if value.numerator is not None or value.denominator is not None:
            picture[f"{code} numerator"] = plain(value.numerator)
            picture[f"{code} denominator"] = plain(value.denominator)
        if value.text:
            picture[f"{code} text"] = value.text
        picture |= {f"{code} {part.category}": plain(part.value) for part in value.parts}
        if value.parts_incomplete:
            picture[f"{code} parts incomplete"] = True
        if value.explanation:
            picture[f"{code} explanation"] = value.explanation
    for update in report.activity_updates:
        label = f"Activity {update.activity_id}"
        picture[f"{label} status"] = update.status
        picture[f"{label} % complete"] = update.percent_complete
        if update.explanation:
            picture[f"{label} explanation"] = update.explanation
    return picture


def report_editors(session: Session, report: ProgressReport | OutcomeReport) -> set[int | None]:
    """Return everyone who wrote, saved or submitted the report (a project's or the Working
    Group's outcome report: any audited save), in one query."""
    outcome = isinstance(report, OutcomeReport)
    stmt = (
        select(AuditEvent.user_id)
        .where(
            AuditEvent.object_type == ("outcome_report" if outcome else "progress_report"),
            AuditEvent.object_id == str(report.id),
            AuditEvent.action.in_(FIGURE_ACTIONS),
        )
        .distinct()
    )
    if isinstance(report, ProgressReport):  # the project's events: the index the trail keeps
        stmt = stmt.where(AuditEvent.project_id == report.project_id)
    audited = set(session.scalars(stmt))
    return audited | {report.author_id, report.submitted_by_id, report.updated_by_id}


@dataclass(frozen=True)
class Change:
    """One field someone else changed: its label, the value before and the value now."""

    label: str
    before: Any
    after: Any


def changes_since(
    session: Session, report: ProgressReport | None, version: int
) -> tuple[list[Change], str, str]:
    """Return what changed in the report after `version`, who made the last change and when."""
    if report is None:
        return [], "someone", "an unknown time"
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == "progress_report", AuditEvent.object_id == str(report.id))
        .order_by(AuditEvent.id)
    ).all()
    later = [e for e in events if int((e.after or {}).get("version") or 0) > version]
    if not later:
        return [], "someone", "an unknown time"
    first, last = later[0].before or {}, later[-1].after or {}
    diff = changed(first, last) | {k: (v, None) for k, v in first.items() if k not in last}
    changes = [Change(k, b, a) for k, (b, a) in diff.items() if k != "version"]
    author = session.get(User, last_user) if (last_user := later[-1].user_id) else None
    when = later[-1].occurred_at.strftime("%Y-%m-%d %H:%M UTC")
    return changes, author.email if author else "someone", when
