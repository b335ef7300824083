"""Evidence on a report: attach a file or a link, remove one, list them, tell who may do what.

Services flush; the views commit. Every change is audited with the file's name and SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.services import record
from app.auth.permissions import can_edit_project, can_review
from app.errors import PermissionDenied, ValidationFailed
from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.evidence import Evidence, EvidenceKind
from app.models.logframe import Indicator, Output
from app.models.progress import ProgressReport
from app.progress import evidence_files as files
from indicators.types import ReportStatus


@dataclass(frozen=True)
class EvidenceRow:
    """One evidence item as pages and reports list it (never its bytes)."""

    id: int
    report_id: int
    kind: str
    name: str
    url: str
    size: int
    sha256: str
    indicator_code: str | None
    added_by: str | None
    added_at: dt.datetime

    @property
    def size_text(self) -> str:
        """Return the size for people, or "link"."""
        return files.megabytes(self.size) if self.kind == EvidenceKind.FILE else "link"


def may_attach(user: User, report: ProgressReport) -> bool:
    """Tell whether the user may attach evidence: the project's editors, before approval, while
    the period is open."""
    return (
        can_edit_project(user, report.project)
        and report.status != ReportStatus.APPROVED.value
        and report.period.status == PeriodStatus.OPEN.value
    )


def may_remove(user: User, report: ProgressReport) -> bool:
    """Tell whether the user may remove evidence: the project's editors, while it is editable."""
    editable = report.status in (ReportStatus.DRAFT.value, ReportStatus.RETURNED.value)
    return may_attach(user, report) and editable


def may_read(user: User, report: ProgressReport) -> bool:
    """Tell whether the user may download the report's evidence: whoever may read the report
    (its editors and reviewers; everyone signed in once it is approved)."""
    approved = report.status == ReportStatus.APPROVED.value
    return approved or can_review(user) or can_edit_project(user, report.project)


def add_file(
    session: Session,
    user: User,
    report: ProgressReport,
    filename: str,
    content: bytes,
    indicator_id: int | None = None,
) -> Evidence:
    """Store a checked file with its SHA-256; raise ValidationFailed saying what to fix."""
    _check_room(session, user, report, indicator_id)
    if (problem := files.file_problem(content, files.MAX_BYTES)) is not None:
        raise ValidationFailed([problem])
    kind = files.sniff(content)
    assert kind is not None  # file_problem checked it
    item = Evidence(
        report_id=report.id, indicator_id=indicator_id or None, kind=EvidenceKind.FILE.value,
        name=files.safe_name(filename, kind.extension), content_type=kind.content_type,
        size=len(content), sha256=hashlib.sha256(content).hexdigest(), content=content,
        added_by_id=user.id,
    )  # fmt: skip
    return _added(session, user, report, item)


def add_link(
    session: Session,
    user: User,
    report: ProgressReport,
    title: str,
    url: str,
    indicator_id: int | None = None,
) -> Evidence:
    """Store a link to a document kept elsewhere; raise ValidationFailed saying what to fix."""
    _check_room(session, user, report, indicator_id)
    if (problem := files.link_problem(url)) is not None:
        raise ValidationFailed([problem])
    name = " ".join(title.split())[: files.MAX_NAME] or url.strip()[: files.MAX_NAME]
    item = Evidence(
        report_id=report.id, indicator_id=indicator_id or None, kind=EvidenceKind.LINK.value,
        name=name, url=url.strip(), added_by_id=user.id,
    )  # fmt: skip
    return _added(session, user, report, item)


def remove(session: Session, user: User, item: Evidence) -> None:
    """Remove an evidence item from a report still being edited (audited)."""
    report = item.report
    if not may_remove(user, report):
        raise PermissionDenied(_("Evidence can be removed only from a draft or returned report."))
    _audit(session, user, report, "remove_evidence", item)
    session.delete(item)
    session.flush()


def evidence_of(session: Session, report_ids: list[int]) -> dict[int, list[EvidenceRow]]:
    """Return the evidence of the reports, oldest first, in one query without the bytes."""
    if not report_ids:
        return {}
    stmt = (
        select(
            Evidence.id,
            Evidence.report_id,
            Evidence.kind,
            Evidence.name,
            Evidence.url,
            Evidence.size,
            Evidence.sha256,
            Indicator.code,
            User.email,
            Evidence.added_at,
        )  # fmt: skip
        .outerjoin(Indicator, Indicator.id == Evidence.indicator_id)
        .outerjoin(User, User.id == Evidence.added_by_id)
        .where(Evidence.report_id.in_(report_ids))
        .order_by(Evidence.added_at, Evidence.id)
    )
    found: dict[int, list[EvidenceRow]] = {}
    for row in session.execute(stmt):
        item = EvidenceRow(*cast(tuple[Any, ...], row))
        found.setdefault(item.report_id, []).append(item)
    return found


def _check_room(
    session: Session, user: User, report: ProgressReport, indicator_id: int | None
) -> None:
    if not may_attach(user, report):
        raise PermissionDenied(
            _(
                "Evidence can be attached by the project's focal points before approval, "
                "while the period is open."
            )
        )
    held = session.scalar(select(func.count()).where(Evidence.report_id == report.id)) or 0
    if held >= files.MAX_PER_REPORT:
        raise ValidationFailed(
            [
                _(
                    "A report holds at most %(max)s files and links; remove one first.",
                    max=files.MAX_PER_REPORT,
                )
            ]
        )
    if indicator_id and not _indicator_of(session, report, indicator_id):
        raise ValidationFailed([_("Choose one of this report's indicators, or the whole report.")])


def _indicator_of(session: Session, report: ProgressReport, indicator_id: int) -> bool:
    stmt = (
        select(Indicator.id)
        .join(Output, Output.id == Indicator.output_id)
        .where(Indicator.id == indicator_id, Output.project_id == report.project_id)
    )
    return session.scalar(stmt) is not None


def _added(session: Session, user: User, report: ProgressReport, item: Evidence) -> Evidence:
    session.add(item)
    session.flush()
    _audit(session, user, report, "add_evidence", item)
    return item


def _audit(
    session: Session, user: User, report: ProgressReport, action: str, item: Evidence
) -> None:
    facts = {
        "report_id": report.id, "name": item.name, "kind": item.kind, "url": item.url,
        "size": item.size, "sha256": item.sha256, "indicator_id": item.indicator_id,
    }  # fmt: skip
    before, after = (facts, None) if action == "remove_evidence" else (None, facts)
    record(
        session, user.id, action, "evidence", item.id, before=before, after=after,
        project_id=report.project_id, entity_id=report.project.entity_id,
    )  # fmt: skip
    session.flush()
