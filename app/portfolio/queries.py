"""Read-only queries of the portfolio: filtered lists and their totals, in a few statements."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Label, Select, case, func, select
from sqlalchemy.orm import Session, selectinload

from app import data_version
from app.models.auth import User
from app.models.portfolio import CtedNeed, Project, project_needs
from app.models.reference import Entity
from app.paging import Paging, paging
from indicators.types import ACTIVE_STATUSES

ACTIVE = tuple(s.value for s in ACTIVE_STATUSES)
S = TypeVar("S", bound="Select[*tuple[Any, ...]]")


@dataclass(frozen=True)
class ProjectFilter:
    """The filters of the portfolio page (empty means all)."""

    entity: str = ""
    pillar: str = ""
    scope: str = ""
    status: str = ""

    def apply(self, stmt: S) -> S:
        """Add the chosen filters to a statement over projects."""
        if self.entity:
            stmt = stmt.where(
                Project.entity_id
                == select(Entity.id).where(Entity.acronym == self.entity).scalar_subquery()
            )
        for column, value in (
            (Project.pillar_code, self.pillar),
            (Project.scope, self.scope),
            (Project.status, self.status),
        ):
            if value:
                stmt = stmt.where(column == value)
        return stmt


@dataclass(frozen=True)
class Totals:
    """Money totals of a list of projects; shortfall over active projects only."""

    count: int = 0
    budget: Decimal = Decimal(0)
    funded: Decimal = Decimal(0)
    shortfall: Decimal = Decimal(0)


@dataclass
class ProjectPage:
    """One page of the portfolio list."""

    projects: list[Project] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    paging: Paging = field(default_factory=lambda: paging(0, 1))


def project_page(session: Session, filters: ProjectFilter, page: int) -> ProjectPage:
    """Return one page of filtered projects with the totals of the whole filtered list."""
    totals = project_totals(session, filters)
    where = paging(totals.count, page)
    if where.beyond:
        return ProjectPage([], totals, where)
    stmt = (
        filters.apply(select(Project))
        .options(selectinload(Project.entity))
        .order_by(Project.code)
        .limit(where.per_page)
        .offset(where.offset)
    )
    return ProjectPage(list(session.scalars(stmt)), totals, where)


def project_totals(session: Session, filters: ProjectFilter) -> Totals:
    """Sum budget, funding and active shortfall over the filtered projects in one query, kept
    until the next write (`app.data_version`): the next page and reader reuse them."""
    key = ("project_totals", filters)
    return data_version.kept(session, key, lambda: _totals(session, filters), small=True)


def _totals(session: Session, filters: ProjectFilter) -> Totals:
    active = Project.status.in_(ACTIVE)
    stmt = filters.apply(
        select(
            func.count(Project.id),
            func.coalesce(func.sum(Project.budget_usd), 0),
            func.coalesce(func.sum(Project.funded_usd), 0),
            func.coalesce(
                func.sum(case((active, Project.budget_usd - Project.funded_usd), else_=0)), 0
            ),
        )
    )
    count, budget, funded, shortfall = session.execute(stmt).one()
    return Totals(count, Decimal(budget), Decimal(funded), Decimal(shortfall))


def visible_needs(user: User) -> Select[CtedNeed]:
    """Return a statement over the needs this user may see."""
    stmt = select(CtedNeed)
    if not user.sees_confidential:
        stmt = stmt.where(CtedNeed.confidential.is_(False))
    return stmt


def hidden_need_count(session: Session, user: User, project_id: int | None = None) -> int:
    """Count the confidential needs hidden from this user (of one project, or in all)."""
    if user.sees_confidential:
        return 0
    stmt = select(func.count(CtedNeed.id)).where(CtedNeed.confidential.is_(True))
    if project_id is not None:
        stmt = stmt.join(project_needs).where(project_needs.c.project_id == project_id)
    return session.scalar(stmt) or 0


def project_needs_for(session: Session, user: User, project_id: int) -> list[CtedNeed]:
    """Return the needs linked to a project that the user may see."""
    stmt = visible_needs(user).join(project_needs).where(project_needs.c.project_id == project_id)
    return list(session.scalars(stmt.order_by(CtedNeed.code)))


def entity_choices(session: Session) -> list[tuple[str, str]]:
    """Return (acronym, acronym) pairs of every entity, for filters."""
    return [(a, a) for a in session.scalars(select(Entity.acronym).order_by(Entity.acronym))]


def linked_project_count() -> Label[int]:
    """Return a correlated count of the non-cancelled projects linked to each need."""
    return (
        select(func.count(project_needs.c.project_id))
        .join(Project, Project.id == project_needs.c.project_id)
        .where(project_needs.c.need_id == CtedNeed.id, Project.status != "cancelled")
        .correlate(CtedNeed)
        .scalar_subquery()
        .label("projects")
    )
