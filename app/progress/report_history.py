"""A project's report history: each period's report, who submitted and approved it, and when,
its narrative and the reviewer's latest word, as the reader may see them.

Viewers read approved narratives; the project's own focal points (and admins) every report,
drafts included; reviewers every report handed to them. A draft is listed only for those who
may edit it. Texts pass through the audit redaction, so no confidential need code shows to a
reader without clearance. Four queries, whatever the number of reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Row, select
from sqlalchemy.orm import Session, aliased

from app.audit.redaction import clearance, redact_text
from app.auth.permissions import can_edit_project, can_review
from app.models.auth import User
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.progress.evidence import EvidenceRow, evidence_of
from app.progress.labels import status_label
from app.progress.review_thread import ReviewNote, latest_reviewer_notes
from indicators.types import ReportStatus

SHOWN_REPORTS = 12  # the latest periods; older reports stay on their own pages


@dataclass(frozen=True)
class HistoryEntry:
    """One report of the project as the reader may see it."""

    report_id: int
    period_key: str
    status: str
    submitted_by: str | None
    submitted_at: dt.datetime | None
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    narrative: str | None  # None: not for this reader
    note: ReviewNote | None
    linked: bool  # the reader may open the report page
    evidence: tuple[EvidenceRow, ...] = ()  # the documents behind it, for readers of the report

    @property
    def status_text(self) -> str:
        """Say the status as people read it."""
        if self.status == "submitted":
            return _("submitted, not yet approved")
        return status_label(self.status)


def report_history(session: Session, user: User, project: Project) -> list[HistoryEntry]:
    """Return the project's latest reports, newest first, as this reader may see them."""
    editor, reviewer = can_edit_project(user, project), can_review(user)
    rows = [r for r in _reports(session, project.id) if editor or r.status != "draft"]
    notes = latest_reviewer_notes(session, project.id, [r.id for r in rows])
    entries = [_entry(r, notes.get(r.id), editor, reviewer) for r in rows]
    return _redacted(session, user, _with_evidence(session, entries))


def _with_evidence(session: Session, entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """Give each report the reader may read its evidence (one query for all of them)."""
    readable = [e.report_id for e in entries if e.narrative is not None]
    found = evidence_of(session, readable)
    return [replace(e, evidence=tuple(found.get(e.report_id, ()))) for e in entries]


def _reports(session: Session, project_id: int) -> list[Row[Any]]:
    submitter, reviewer = aliased(User), aliased(User)
    r = ProgressReport
    stmt = (
        select(r.id, ReportingPeriod.key, r.status, r.narrative, r.submitted_at, r.reviewed_at)
        .add_columns(submitter.email.label("submitter"), reviewer.email.label("reviewer"))
        .join(ReportingPeriod, ReportingPeriod.id == r.period_id)
        .outerjoin(submitter, submitter.id == r.submitted_by_id)
        .outerjoin(reviewer, reviewer.id == r.reviewed_by_id)
        .where(r.project_id == project_id)
        .order_by(ReportingPeriod.key.desc())
        .limit(SHOWN_REPORTS)
    )
    return list(session.execute(stmt))


def _entry(row: Row[Any], note: ReviewNote | None, editor: bool, reviewer: bool) -> HistoryEntry:
    """Keep what this reader may see of one report."""
    status = row.status
    approved = status == ReportStatus.APPROVED.value
    visible = approved or editor or (reviewer and status != ReportStatus.DRAFT.value)
    return HistoryEntry(
        report_id=row.id,
        period_key=row.key,
        status=status,
        submitted_by=row.submitter,
        submitted_at=row.submitted_at,
        reviewed_by=row.reviewer if visible else None,
        reviewed_at=row.reviewed_at if visible else None,
        narrative=row.narrative if visible else None,
        note=note if visible else None,
        linked=editor or (reviewer and status != ReportStatus.DRAFT.value),
    )


def _redacted(session: Session, user: User, entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """Hide the confidential need codes the reader may not see in narratives and notes."""
    texts = [e.narrative or "" for e in entries] + [e.note.comment for e in entries if e.note]
    seen = clearance(session, user, texts)
    if seen.reveal:
        return entries
    return [
        replace(
            e,
            narrative=None if e.narrative is None else redact_text(seen, e.narrative),
            note=e.note and replace(e.note, comment=redact_text(seen, e.note.comment)),
        )
        for e in entries
    ]
