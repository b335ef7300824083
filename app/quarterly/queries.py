"""The quarterly report's portfolio queries: pillars, entities, gender, annex, highlights."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Row, case, func, select
from sqlalchemy.orm import Session

from app.figures.data_source import CANCELLED, Source
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from indicators.types import ACTIVE_STATUSES, ReportStatus
from reports.content import HIGHLIGHTS_PER_PILLAR

ACTIVE = tuple(s.value for s in ACTIVE_STATUSES)
# (pillar, scope, status, count, budget, funded)
PillarRow = tuple[str, str, str, int, Decimal, Decimal]
# (code, title, entity, pillar, scope, status, budget, funded)
AnnexRow = tuple[str, str, str, str, str, str, Decimal, Decimal]


def pillar_rows(session: Session, source: Source) -> list[PillarRow]:
    """Return (pillar, scope, status, count, budget, funded) of the portfolio."""
    p = source.projects()
    stmt = (
        select(
            p.c.pillar,
            p.c.scope,
            p.c.status,
            func.count(),
            func.sum(p.c.budget_usd),
            func.sum(p.c.funded_usd),
        )
        .where(p.c.status != CANCELLED)
        .group_by(p.c.pillar, p.c.scope, p.c.status)
    )
    return [tuple(row) for row in session.execute(stmt)]


def entity_rows(session: Session, source: Source) -> list[tuple[str, Decimal, Decimal, int]]:
    """Return (entity, active budget, active funded, projects in the appeal) per entity."""
    p = source.projects()
    active = p.c.status.in_(ACTIVE)
    stmt = (
        select(
            p.c.entity,
            func.sum(case((active, p.c.budget_usd), else_=0)),
            func.sum(case((active, p.c.funded_usd), else_=0)),
            func.sum(case((p.c.in_multi_year_appeal.is_(True), 1), else_=0)),
        )
        .where(p.c.status != CANCELLED)
        .group_by(p.c.entity)
        .order_by(p.c.entity)
    )
    return [
        (e, Decimal(b or 0), Decimal(f or 0), int(m or 0)) for e, b, f, m in session.execute(stmt)
    ]


def appeal_row(session: Session, source: Source) -> tuple[int, Decimal, Decimal]:
    """Return the count, requirement and funding of the active projects in the appeal."""
    p = source.projects()
    stmt = select(
        func.count(),
        func.coalesce(func.sum(p.c.budget_usd), 0),
        func.coalesce(func.sum(p.c.funded_usd), 0),
    ).where(p.c.status.in_(ACTIVE), p.c.in_multi_year_appeal.is_(True))
    count, budget, funded = session.execute(stmt).one()
    return int(count), Decimal(budget), Decimal(funded)


def gender_rows(session: Session, source: Source) -> list[tuple[int | None, int, Decimal]]:
    """Return (gender marker, projects, budget) of the portfolio."""
    p = source.projects()
    stmt = (
        select(p.c.gender_marker, func.count(), func.sum(p.c.budget_usd))
        .where(p.c.status != CANCELLED)
        .group_by(p.c.gender_marker)
    )
    return [(g, int(n), Decimal(b or 0)) for g, n, b in session.execute(stmt)]


def annex_rows(session: Session, source: Source) -> list[AnnexRow]:
    """Return the portfolio's projects for the annex, by pillar and code."""
    p = source.projects()
    stmt = (
        select(
            p.c.code,
            p.c.title,
            p.c.entity,
            p.c.pillar,
            p.c.scope,
            p.c.status,
            p.c.budget_usd,
            p.c.funded_usd,
        )
        .where(p.c.status != CANCELLED)
        .order_by(p.c.pillar, p.c.code)
    )
    return [tuple(row) for row in session.execute(stmt)]


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
