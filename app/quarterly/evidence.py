"""The evidence annex of a quarterly report: documents of the quarter's approved reports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.evidence import Evidence
from app.models.logframe import Indicator
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from indicators.types import ReportStatus
from reports.evidence_content import EvidenceLine


def evidence_lines(
    session: Session, period: ReportingPeriod | None, entity: str | None
) -> list[EvidenceLine]:
    """Return the evidence of the period's approved reports (one entity's, or all), in one
    query, by project code."""
    if period is None:
        return []
    stmt = (
        select(Project.code, Indicator.code, Evidence.name, Evidence.kind, Evidence.sha256)
        .add_columns(Evidence.url)
        .join(ProgressReport, ProgressReport.id == Evidence.report_id)
        .join(Project, Project.id == ProgressReport.project_id)
        .outerjoin(Indicator, Indicator.id == Evidence.indicator_id)
        .where(
            ProgressReport.period_id == period.id,
            ProgressReport.status == ReportStatus.APPROVED.value,
        )
        .order_by(Project.code, Evidence.id)
    )
    if entity:
        stmt = stmt.join(Entity, Entity.id == Project.entity_id).where(Entity.acronym == entity)
    return [
        EvidenceLine(code, supports or "", name, kind, sha256, url)
        for code, supports, name, kind, sha256, url in session.execute(stmt)
    ]
