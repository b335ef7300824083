"""Aggregate queries behind the report sections the baseline and quarterly reports share.

Each is one GROUP BY over a source (the live portfolio or a frozen baseline), whatever its size.
The Multi-Year Appeal has one definition everywhere: the portfolio's projects (any status but
cancelled) that the entity put in the appeal, as the contract's `in_multi_year_appeal` counts.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session

from app.figures.data_source import CANCELLED, Source
from app.models.baselines import BaselineProject
from app.models.portfolio import Project, project_pve_areas
from app.models.reference import PveArea
from indicators.types import ACTIVE_STATUSES

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
    """Return the count, requirement (budget) and funding of the portfolio's appeal projects."""
    p = source.projects()
    stmt = select(
        func.count(),
        func.coalesce(func.sum(p.c.budget_usd), 0),
        func.coalesce(func.sum(p.c.funded_usd), 0),
    ).where(p.c.status != CANCELLED, p.c.in_multi_year_appeal.is_(True))
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


def entity_pillar_rows(session: Session, source: Source) -> list[tuple[str, str, int]]:
    """Return (entity, pillar, projects) of the portfolio, by entity and pillar."""
    p = source.projects()
    stmt = (
        select(p.c.entity, p.c.pillar, func.count())
        .where(p.c.status != CANCELLED)
        .group_by(p.c.entity, p.c.pillar)
        .order_by(p.c.entity, p.c.pillar)
    )
    return [(e, pillar, int(n)) for e, pillar, n in session.execute(stmt)]


def pve_rows(session: Session, source: Source) -> list[tuple[int, str, int]]:
    """Return (area number, name, portfolio projects linked to it) for every PVE area."""
    p = source.projects()
    if source.live:
        linked = (
            select(project_pve_areas.c.area_number.label("number"), func.count().label("n"))
            .join(Project, Project.id == project_pve_areas.c.project_id)
            .join(p, p.c.code == Project.code)
            .where(p.c.status != CANCELLED)
            .group_by(project_pve_areas.c.area_number)
        ).subquery()
        stmt = select(PveArea.number, PveArea.name, func.coalesce(linked.c.n, 0)).outerjoin(
            linked, linked.c.number == PveArea.number
        )
        return [(n, name, int(c)) for n, name, c in session.execute(stmt.order_by(PveArea.number))]
    areas = list(session.execute(select(PveArea.number, PveArea.name).order_by(PveArea.number)))
    if not areas:
        return []
    bp = BaselineProject
    padded = literal(";") + bp.pve_areas + literal(";")
    sums: list[ColumnElement[int]] = [
        func.coalesce(func.sum(case((padded.contains(f";{n};"), 1), else_=0)), 0) for n, _ in areas
    ]
    where = [bp.baseline_id == source.baseline_id, bp.status != CANCELLED]
    stmt2 = select(*sums).where(*where, bp.code.in_(select(p.c.code)))
    counts = session.execute(stmt2).one()
    return [(n, name, int(c)) for (n, name), c in zip(areas, counts, strict=True)]
