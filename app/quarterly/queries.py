"""The quarterly report's own queries: highlights and report statuses.

The portfolio sections it shares with the baseline report: `app.figures.section_queries`.
"""

from __future__ import annotations

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from app.models.baselines import BaselineProject
from app.models.logframe import Outcome, Output
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from indicators.types import ACTIVE_STATUSES, ReportStatus
from reports.content import HIGHLIGHTS_PER_PILLAR
from reports.logframe import OutcomeLine

ACTIVE = tuple(s.value for s in ACTIVE_STATUSES)


def highlight_rows(
    session: Session, period_key: str, entity: str | None, per_pillar: int = HIGHLIGHTS_PER_PILLAR
) -> list[Row[str, str, str, str]]:
    """Return (pillar, project code, title, narrative) of the period's marked highlights.

    Only approved reports a reviewer marked as a highlight, at most `per_pillar` a pillar, the
    newest approval first: the report stays the same length whatever the portfolio's size.
    """
    rank = (
        func.row_number()
        .over(
            partition_by=Project.pillar_code,
            order_by=(ProgressReport.reviewed_at.desc(), Project.code),
        )
        .label("rank")
    )
    stmt = (
        select(
            Project.pillar_code,
            Project.code,
            Project.title,
            ProgressReport.narrative,
            rank,
        )  # fmt: skip
        .join(ProgressReport, ProgressReport.project_id == Project.id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(
            ReportingPeriod.key == period_key,
            ProgressReport.status == ReportStatus.APPROVED.value,
            ProgressReport.is_highlight.is_(True),
            ProgressReport.narrative != "",
        )
    )
    if entity:
        stmt = stmt.join(Entity, Entity.id == Project.entity_id).where(Entity.acronym == entity)
    ranked = stmt.subquery()
    chosen = (
        select(ranked.c.pillar_code, ranked.c.code, ranked.c.title, ranked.c.narrative)
        .where(ranked.c.rank <= per_pillar)
        .order_by(ranked.c.pillar_code, ranked.c.rank)
    )
    return list(session.execute(chosen).all())


def report_status_rows(
    session: Session, period: ReportingPeriod | None, entity: str, baseline_id: int | None = None
) -> list[tuple[str, str, str | None]]:
    """Return (code, title, report status or None) for an entity's active projects: the live
    portfolio's, or those of the baseline the report's figures come from."""
    period_id = period.id if period is not None else -1
    if baseline_id is not None:
        return _frozen_status_rows(session, period_id, entity, baseline_id)
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


def _frozen_status_rows(
    session: Session, period_id: int, entity: str, baseline_id: int
) -> list[tuple[str, str, str | None]]:
    frozen = BaselineProject
    stmt = (
        select(frozen.code, frozen.title, ProgressReport.status)
        .outerjoin(Project, Project.code == frozen.code)
        .outerjoin(
            ProgressReport,
            (ProgressReport.project_id == Project.id) & (ProgressReport.period_id == period_id),
        )
        .where(frozen.baseline_id == baseline_id, frozen.entity == entity)
        .where(frozen.status.in_(ACTIVE))
        .order_by(frozen.code)
    )
    return [(code, title, status) for code, title, status in session.execute(stmt)]


def outcome_lines(session: Session, entity: str | None) -> dict[str, list[OutcomeLine]]:
    """Return each pillar's outcomes by code with their logframe columns, in one query.

    Compact-wide, every outcome; for an entity, those one of its projects' outputs serves.
    """
    stmt = select(
        Outcome.pillar_code,
        Outcome.code,
        Outcome.statement,
        Outcome.assumptions,
        Outcome.means_of_verification,
    ).order_by(Outcome.pillar_code, Outcome.code)
    if entity:
        served = (
            select(Output.outcome_id)
            .join(Project, Project.id == Output.project_id)
            .join(Entity, Entity.id == Project.entity_id)
            .where(Entity.acronym == entity, Output.outcome_id.is_not(None))
        )
        stmt = stmt.where(Outcome.id.in_(served))
    found: dict[str, list[OutcomeLine]] = {}
    for pillar, *texts in session.execute(stmt):
        found.setdefault(pillar, []).append(OutcomeLine(*texts))
    return found
