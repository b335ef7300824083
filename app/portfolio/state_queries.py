"""Read the Member States: the index of those with needs or projects, and one State's needs,
the projects that answer them and the projects working there (bounded lists, a few statements).

Only the needs the user may see count: a State known only from confidential needs is unknown to
a user without clearance. Cancelled projects answer no need and work nowhere, as in the figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, case, func, literal, select, union_all
from sqlalchemy.orm import Session, selectinload

from app.models.auth import User
from app.models.portfolio import CtedNeed, Project, ProjectCountry, project_needs
from app.portfolio.need_queries import covered
from app.portfolio.queries import linked_project_count, visible_needs
from app.reference.member_states import name_of, sort_key

LISTED = 100  # needs and projects a State's page lists (the needs page pages the rest)
LIVE = Project.status != "cancelled"


@dataclass(frozen=True)
class StateCounts:
    """One line of the index: a State's visible needs, those answered, the projects answering
    them and the projects working in the State."""

    code: str
    needs: int
    answered: int
    answering: int
    working: int


def state_index(session: Session, user: User) -> list[StateCounts]:
    """Return every State with visible needs or live projects, by name, in one statement."""
    zero = literal(0)
    needs = (
        visible_needs(user)
        .with_only_columns(
            CtedNeed.member_state.label("state"),
            func.count(CtedNeed.id).label("needs"),
            func.sum(case((covered(), 1), else_=0)).label("answered"),
            zero.label("answering"),
            zero.label("working"),
        )
        .group_by(CtedNeed.member_state)
    )
    answering = (
        _answering(user)
        .with_only_columns(
            CtedNeed.member_state, zero, zero, func.count(Project.id.distinct()), zero
        )
        .group_by(CtedNeed.member_state)
    )
    working = (
        select(ProjectCountry.iso3, zero, zero, zero, func.count(Project.id.distinct()))
        .join(Project, Project.id == ProjectCountry.project_id)
        .where(LIVE)
        .group_by(ProjectCountry.iso3)
    )
    every = union_all(needs, answering, working).subquery()
    sums = [func.sum(column) for column in list(every.c)[1:]]
    stmt = select(every.c.state, *sums).group_by(every.c.state)
    found = [
        StateCounts(code, *(int(n or 0) for n in counts)) for code, *counts in session.execute(stmt)
    ]
    return sorted(found, key=lambda line: sort_key(line.code))


def _answering(user: User) -> Select[Any]:
    """Return a statement over the live projects linked to the needs this user may see."""
    return (
        visible_needs(user)
        .join(project_needs, project_needs.c.need_id == CtedNeed.id)
        .join(Project, Project.id == project_needs.c.project_id)
        .where(LIVE)
    )


@dataclass
class StatePage:
    """One State's page: the first LISTED of each list, with each list's full count."""

    code: str
    name: str | None
    needs: list[tuple[CtedNeed, int]] = field(default_factory=list)
    need_count: int = 0
    answering: list[Project] = field(default_factory=list)
    answering_count: int = 0
    working: list[Project] = field(default_factory=list)
    working_count: int = 0

    @property
    def known(self) -> bool:
        """Tell whether the code names a country or anything the user may see."""
        return bool(self.name or self.need_count or self.answering_count or self.working_count)


def state_page(session: Session, user: User, code: str) -> StatePage:
    """Return a State's visible needs, the projects answering them and those working there."""
    mine = visible_needs(user).where(CtedNeed.member_state == code)
    needs = mine.add_columns(linked_project_count()).order_by(CtedNeed.code).limit(LISTED)
    need_ids = mine.with_only_columns(CtedNeed.id).subquery()
    answering_ids = _answering(user).where(CtedNeed.member_state == code)
    working_ids = select(ProjectCountry.project_id).where(ProjectCountry.iso3 == code)
    answering = _projects(session, Project.id.in_(answering_ids.with_only_columns(Project.id)))
    working = _projects(session, Project.id.in_(working_ids), LIVE)
    return StatePage(
        code,
        name_of(code),
        [(need, int(projects or 0)) for need, projects in session.execute(needs)],
        session.scalar(select(func.count()).select_from(need_ids)) or 0,
        *answering,
        *working,
    )


def _projects(session: Session, *where: Any) -> tuple[list[Project], int]:
    count = session.scalar(select(func.count(Project.id)).where(*where)) or 0
    stmt = (
        select(Project)
        .where(*where)
        .options(selectinload(Project.entity))
        .order_by(Project.code)
        .limit(LISTED)
    )
    return list(session.scalars(stmt)), count
