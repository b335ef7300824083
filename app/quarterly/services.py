"""Issue quarterly reports: render once, keep the bytes and their SHA-256, serve them as issued."""

from __future__ import annotations

import datetime as dt
import hashlib

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record
from app.errors import DomainError, NotFound, Tampered, ValidationFailed
from app.i18n import DEFAULT
from app.models.audit import AuditEvent
from app.models.quarterly import IssuedReport
from app.models.reference import Entity
from app.quarterly.build import build_quarterly
from app.quarterly.state import compared_baseline, freeze_close_if_missing
from app.report_language import for_pdf
from indicators.periods import PeriodKey
from reports.content import QuarterlyReport

COMPACT = "compact"


def _render(report: QuarterlyReport) -> bytes:
    from reports.pdf.quarterly import render_quarterly  # ReportLab loads with the first PDF

    return render_quarterly(report)


class TamperedReport(Tampered):
    """Stored report bytes no longer match the hash taken when the report was issued."""


def scope_of(entity: str | None) -> str:
    """Return the stored scope name: 'compact' or the entity acronym."""
    return entity or COMPACT


def find_issued(session: Session, period_key: str, entity: str | None) -> IssuedReport | None:
    """Return the issued report of a period and scope, if it was issued."""
    return session.scalar(
        select(IssuedReport).where(
            IssuedReport.period_key == period_key, IssuedReport.scope == scope_of(entity)
        )
    )


def render_pdf(
    session: Session,
    period_key: str,
    entity: str | None,
    draft: bool,
    compare: str | None = None,
    language: str | None = None,
) -> bytes:
    """Render the quarterly report of a period as PDF bytes (a draft says so on every page),
    in `language` (default: the reader's; Arabic: English, see app.report_language)."""
    with for_pdf(language):
        report = build_quarterly(session, period_key, entity, draft=draft, compare=compare)
        return _render(report)


def issue_report(
    session: Session,
    user_id: int | None,
    period_key: str,
    entity: str | None,
    compare: str | None = None,
    today: dt.date | None = None,
    language: str = DEFAULT,
) -> IssuedReport:
    """Render the final report once and store its exact bytes and hash; refuse a second issue.

    The quarter's close baseline is frozen first when there is none (state.py says when), in
    the caller's transaction, so that the issued figures are frozen figures. The report is
    drawn in `language` (English by default; Arabic gives English) and records which.
    """
    if find_issued(session, period_key, entity) is not None:
        raise DomainError(
            _(
                "the %(scope)s report for %(period)s was issued already; issued reports never"
                " change",
                scope=scope_of(entity),
                period=period_key,
            )
        )
    today = today or dt.date.today()
    try:
        period = PeriodKey.parse(period_key)
    except ValueError as error:
        raise ValidationFailed([f"--period: {error}"]) from error
    compared_baseline(session, period, compare)  # an unknown label fails before any freezing
    freeze_close_if_missing(session, user_id, period, today)
    with for_pdf(language) as drawn_in:
        report = build_quarterly(
            session, period_key, entity, draft=False, today=today, compare=compare
        )
        content = _render(report)
    entity_id = (
        session.scalar(select(Entity.id).where(Entity.acronym == entity)) if entity else None
    )
    issued = IssuedReport(
        period_key=period_key,
        scope=scope_of(entity),
        entity_id=entity_id,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        issued_by_id=user_id,
        language=drawn_in,
    )
    session.add(issued)
    session.flush()
    record(
        session,
        user_id,
        "issue",
        "issued_report",
        issued.id,
        entity_id=entity_id,
        after={
            **recorded_form(issued),
            # the frozen data it was built from, so that it can be rebuilt
            "state": report.state.baseline if report.state else None,
            "compare": report.compared_with.baseline if report.compared_with else None,
            "language": drawn_in,
        },
    )
    return issued


def verified_content(report: IssuedReport) -> bytes:
    """Return the issued bytes after checking them against their hash."""
    if hashlib.sha256(report.content).hexdigest() != report.sha256:
        raise TamperedReport(
            _(
                "issued report %(period)s %(scope)s does not match its hash; it has been altered"
                " and must not be sent",
                period=report.period_key,
                scope=report.scope,
            )
        )
    return report.content


def served_content(session: Session, report: IssuedReport) -> bytes:
    """Return the issued bytes once they match their own hash and the hash the audit trail
    recorded when the report was issued (a row replaced by SQL carries its own hash)."""
    content = verified_content(report)
    if issued_event(session, report.id) != recorded_form(report):
        raise TamperedReport(
            _(
                "issued report %(period)s %(scope)s does not match the hash the audit trail"
                " recorded when it was issued; it has been altered and must not be sent",
                period=report.period_key,
                scope=report.scope,
            )
        )
    return content


def recorded_form(report: IssuedReport) -> dict[str, str]:
    """Return what the audit trail keeps of an issued report: period, scope and SHA-256."""
    return {"period": report.period_key, "scope": report.scope, "sha256": report.sha256}


def issued_event(session: Session, report_id: int) -> dict[str, str] | None:
    """Return the period, scope and hash the first 'issue' event of a report recorded."""
    after = session.scalar(
        select(AuditEvent.after)
        .where(
            AuditEvent.object_type == "issued_report",
            AuditEvent.object_id == str(report_id),
            AuditEvent.action == "issue",
        )
        .order_by(AuditEvent.id)
        .limit(1)
    )
    if after is None:
        return None
    return {k: str(after.get(k)) for k in ("period", "scope", "sha256")}


def get_issued(session: Session, report_id: int) -> IssuedReport:
    """Return an issued report by id or raise NotFound."""
    found = session.get(IssuedReport, report_id)
    if found is None:
        raise NotFound("no such issued report")
    return found


def list_issued(session: Session) -> list[IssuedReport]:
    """Return every issued report, newest period first."""
    return list(
        session.scalars(
            select(IssuedReport).order_by(IssuedReport.period_key.desc(), IssuedReport.scope)
        )
    )
