"""The quarterly report's own queries: highlights and report statuses.

The portfolio sections it shares with the baseline report: `app.figures.section_queries`.
"""

from __future__ import annotations

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from indicators.types import ACTIVE_STATUSES, ReportStatus

ACTIVE = tuple(s.value for s in ACTIVE_STATUSES)


def highlight_rows(
    session: Session, period_key: str, entity: str | None
) -> list[Row[str, str, str, str]]:
    """Return (pillar, project code, title, narrative) of the period's approved reports."""
    stmt = (
        select(Project.pillar_code, Project.code, Project.title, ProgressReport.narrative)
        .join(ProgressReport, ProgressReport.project_id == Project.id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(
            ReportingPeriod.key == period_key,
            ProgressReport.status == ReportStatus.APPROVED.value,
            ProgressReport.narrative != "",
        )
        .order_by(Project.code)
    )
    if entity:
        stmt = stmt.join(Entity, Entity.id == Project.entity_id).where(Entity.acronym == entity)
    return list(session.execute(stmt).all())


def report_status_rows(
    session: Session, period: ReportingPeriod | None, entity: str
) -> list[tuple[str, str, str | None]]:
    """Return (code, title, report status or None) for an entity's active projects."""
    period_id = period.id if period is not None else -1
    stmt = (
        select(Project.code, Project.title, ProgressReport.status)
        .join(Entity, Entity.id == Project.entity_id)
        .outerjoin(
            ProgressReport,
            (ProgressReport.project_id == Project.id) & (ProgressReport.period_id == period_id),
        )
        .where(Entity.acronym == entity, Project.status.in_(ACTIVE))
        .order_by(Project.code)
    )
    return [(code, title, status) for code, title, status in session.execute(stmt)]
