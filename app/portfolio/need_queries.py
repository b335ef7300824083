"""Read the CTED needs list: its filters, one page of needs with their project counts, and the
filters' choices, in a few statements whatever the number of needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.orm import Session

import indicators.i18n
from app import data_version
from app.models.auth import User
from app.models.columns import choices
from app.models.portfolio import CtedNeed, Project, project_needs
from app.paging import PER_PAGE, Paging, count, paging
from app.portfolio.queries import linked_project_count, visible_needs
from app.reference.member_states import label, sort_key
from indicators.types import Pillar as PillarCode

S = TypeVar("S", bound="Select[*tuple[Any, ...]]")
COVERED = ("yes", "no")
MAX_AREAS = 500  # thematic areas offered by the filter (CTED uses a few dozen)
MAX_SEARCH = 100  # characters of a code or text search


def covered() -> ColumnElement[bool]:
    """Return the condition that a need is answered by at least one non-cancelled project."""
    return exists(
        select(project_needs.c.project_id)
        .join(Project, Project.id == project_needs.c.project_id)
        .where(project_needs.c.need_id == CtedNeed.id, Project.status != "cancelled")
    )


@dataclass(frozen=True)
class NeedFilter:
    """The filters of the needs list (empty means all)."""

    member_state: str = ""
    thematic_area: str = ""
    pillar: str = ""
    covered: str = ""
    q: str = ""  # part of the code or of the description

    def apply(self, stmt: S) -> S:
        """Add the chosen filters to a statement over needs."""
        for column, value in (
            (CtedNeed.member_state, self.member_state),
            (CtedNeed.thematic_area, self.thematic_area),
            (CtedNeed.pillar_code, self.pillar),
        ):
            if value:
                stmt = stmt.where(column == value)
        if self.covered:
            stmt = stmt.where(covered() if self.covered == "yes" else ~covered())
        if self.q:
            words = self.q.lower()
            stmt = stmt.where(
                or_(
                    func.lower(CtedNeed.code).contains(words, autoescape=True),
                    func.lower(CtedNeed.description).contains(words, autoescape=True),
                )
            )
        return stmt

    def args(self) -> dict[str, str]:
        """Return the chosen filters as URL arguments."""
        return {name: value for name, value in asdict(self).items() if value}


@dataclass(frozen=True)
class NeedOptions:
    """What the filters may take: (code, "Iraq (IRQ)") pairs and thematic areas, of the needs
    the user may see (a State known only from confidential needs is not offered)."""

    states: list[tuple[str, str]]
    areas: list[str]


def need_options(session: Session, user: User) -> NeedOptions:
    """Return the member states and thematic areas of the needs this user may see, kept per
    clearance and language until the next write (`app.data_version`): reading them walks
    every need."""
    key = ("need_options", user.sees_confidential, indicators.i18n.locale())
    return data_version.kept(session, key, lambda: _need_options(session, user), small=True)


def _need_options(session: Session, user: User) -> NeedOptions:
    visible = visible_needs(user).subquery()
    states = session.scalars(select(visible.c.member_state).distinct())
    areas = select(visible.c.thematic_area).distinct().order_by(visible.c.thematic_area)
    return NeedOptions(
        [(code, label(code)) for code in sorted(states, key=sort_key)],
        list(session.scalars(areas.limit(MAX_AREAS))),
    )


def read_filter(args: Mapping[str, str], options: NeedOptions) -> NeedFilter:
    """Return the filters a request asks for; a value outside the choices is ignored."""

    def pick(name: str, allowed: Any) -> str:
        value = args.get(name, "")
        return value if value in allowed else ""

    return NeedFilter(
        member_state=pick("member_state", {code for code, _ in options.states}),
        thematic_area=pick("thematic_area", set(options.areas)),
        pillar=pick("pillar", choices(PillarCode)),
        covered=pick("covered", COVERED),
        q=" ".join(args.get("q", "").split())[:MAX_SEARCH],
    )


@dataclass
class NeedPage:
    """One page of the needs list: (need, count of non-cancelled projects) rows."""

    paging: Paging
    rows: list[tuple[CtedNeed, int]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Return how many needs match the filters."""
        return self.paging.total


def need_page(
    session: Session,
    user: User,
    filters: NeedFilter,
    page: int,
    per_page: int = PER_PAGE,
    last_when_beyond: bool = False,
) -> NeedPage:
    """Return one page of the filtered needs this user may see, by member state and code (a
    page beyond the last is empty, or the last page when `last_when_beyond`, as the API has)."""
    stmt = (
        filters.apply(visible_needs(user))
        .add_columns(linked_project_count())
        .order_by(CtedNeed.member_state, CtedNeed.code)
    )
    where = paging(count(session, filters.apply(visible_needs(user))), page, per_page)
    if where.beyond and last_when_beyond:
        where = paging(where.total, where.pages, per_page)
    if where.beyond:
        return NeedPage(where)
    rows = session.execute(stmt.limit(where.per_page).offset(where.offset))
    return NeedPage(where, [(need, int(projects or 0)) for need, projects in rows])


def need_matches(
    session: Session, user: User, filters: NeedFilter, project_id: int, limit: int
) -> list[CtedNeed]:
    """Return up to `limit` needs matching the filters that the user may see and the project
    is not yet linked to, by member state and code."""
    linked = select(project_needs.c.need_id).where(project_needs.c.project_id == project_id)
    stmt = filters.apply(visible_needs(user)).where(CtedNeed.id.not_in(linked))
    return list(session.scalars(stmt.order_by(CtedNeed.member_state, CtedNeed.code).limit(limit)))
