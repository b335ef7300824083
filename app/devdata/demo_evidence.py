"""Demo evidence: the approved reports of 2019Q3 and UNODC's open ones carry an attendance list
(a small PDF) and a link, so the review pages and the quarterly report's annex show them."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.evidence import Evidence
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity

LINK = "https://www.un.org/counterterrorism/global-ct-compact"


def seed_evidence(session: Session) -> None:
    """Attach a list and a link to the approved reports of 2019Q3 and to UNODC's open ones."""
    unodc_open = (Entity.acronym == "UNODC") & ProgressReport.status.in_(("draft", "returned"))
    stmt = (
        select(ProgressReport)
        .join(Project)
        .join(Entity)
        .join(ReportingPeriod)
        .where(ReportingPeriod.key == "2019Q3")
        .where((ProgressReport.status == "approved") | unodc_open)
        .order_by(ProgressReport.id)
    )
    for report in session.scalars(stmt):
        content = _attendance_list(report.project.code)
        added = dt.datetime.combine(report.period.ends_on, dt.time(9), tzinfo=dt.UTC)
        session.add_all([
            Evidence(
                report_id=report.id, kind="file", name=f"Attendance list {report.project.code}.pdf",
                content_type="application/pdf", size=len(content),
                sha256=hashlib.sha256(content).hexdigest(), content=content,
                added_by_id=report.author_id, added_at=added,
            ),
            Evidence(
                report_id=report.id, kind="link", name="Compact working group page",
                url=LINK, added_by_id=report.author_id, added_at=added,
            ),
        ])  # fmt: skip
    session.flush()


def _attendance_list(code: str) -> bytes:
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 760, f"{code}: attendance list, workshop of August 2019")
    for n, name in enumerate(("Participant 1", "Participant 2", "Participant 3"), start=1):
        page.drawString(72, 740 - 18 * n, f"{n}. {name}")
    page.save()
    return buffer.getvalue()
