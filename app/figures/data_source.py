"""Where figures come from: the live portfolio or a frozen baseline, as the same columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, Subquery, and_, exists, select

from app.models.baselines import BaselineLink, BaselineNeed, BaselineProject
from app.models.portfolio import CtedNeed, Project, ProjectCountry, project_needs
from app.models.reference import Entity
from indicators.types import ProjectStatus

CANCELLED = ProjectStatus.CANCELLED.value

# A SELECT of any columns: what the live and the baseline variants of one query share.
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True)
class Filters:
    """Filters of the comparison view (empty means all)."""

    pillar: str = ""
    entity: str = ""
    scope: str = ""
    member_state: str = ""

    @property
    def compact_level(self) -> bool:
        """Tell whether the Compact-level (outcome) values belong in the figures: no entity,
        scope or Member State filter narrows them to some projects (a pillar filter may)."""
        return not (self.entity or self.scope or self.member_state)

    def as_dict(self) -> dict[str, str]:
        """Return the filters that are set, for links and captions."""
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class Source:
    """The live portfolio (baseline_id None) or one frozen baseline, with filters."""

    baseline_id: int | None = None
    filters: Filters = field(default_factory=Filters)

    @property
    def live(self) -> bool:
        """Tell whether this source is the live portfolio."""
        return self.baseline_id is None

    def projects(self, name: str = "projects_src") -> Subquery:
        """Return the filtered projects as code, title, entity, pillar, scope, status, money
        (`name` tells two sources apart in one statement)."""
        stmt = _live_projects(self.filters) if self.live else _baseline_projects(self)
        return stmt.subquery(name)

    def needs(self) -> Subquery:
        """Return every need with an `addressed` flag: linked by a non-cancelled project.

        With an entity filter only that entity's projects address a need (its report counts the
        needs its own projects answer); the needs listed are always every CTED need, and the
        pillar and member-state filters are the caller's to apply to them.
        """
        if self.live:
            stmt = _live_needs(self.filters)
        else:
            stmt = _baseline_needs(self.baseline_id or 0, self.filters)
        return stmt.subquery("needs_src")


def _live_projects(filters: Filters) -> AnySelect:
    stmt = select(
        Project.code,
        Project.title,
        Entity.acronym.label("entity"),
        Project.pillar_code.label("pillar"),
        Project.scope,
        Project.status,
        Project.budget_usd,
        Project.funded_usd,
        Project.in_multi_year_appeal,
        Project.gender_marker,
    ).join(Entity, Entity.id == Project.entity_id)
    where = _common_filters(filters, Entity.acronym, Project.pillar_code, Project.scope)
    if filters.member_state:
        where.append(
            exists().where(
                ProjectCountry.project_id == Project.id, ProjectCountry.iso3 == filters.member_state
            )
        )
    return stmt.where(*where)


def _baseline_projects(source: Source) -> AnySelect:
    bp = BaselineProject
    stmt = select(
        bp.code,
        bp.title,
        bp.entity,
        bp.pillar,
        bp.scope,
        bp.status,
        bp.budget_usd,
        bp.funded_usd,
        bp.in_multi_year_appeal,
        bp.gender_marker,
    )
    where = [bp.baseline_id == source.baseline_id]
    where += _common_filters(source.filters, bp.entity, bp.pillar, bp.scope)
    if source.filters.member_state:
        where.append((";" + bp.countries + ";").contains(f";{source.filters.member_state};"))
    return stmt.where(*where)


def _common_filters(
    filters: Filters,
    entity: SQLColumnExpression[str],
    pillar: SQLColumnExpression[str],
    scope: SQLColumnExpression[str],
) -> list[ColumnElement[bool]]:
    pairs = ((entity, filters.entity), (pillar, filters.pillar), (scope, filters.scope))
    return [column == value for column, value in pairs if value]


def _live_needs(filters: Filters) -> AnySelect:
    # Joins and one GROUP BY instead of a correlated EXISTS per need: the planner needs no
    # statistics to keep this linear (an un-analyzed SQLite scanned every link for every need).
    where = [Project.status != CANCELLED]
    if filters.entity:
        entity_id = select(Entity.id).where(Entity.acronym == filters.entity).scalar_subquery()
        where.append(Project.entity_id == entity_id)
    linked = (
        select(project_needs.c.need_id)
        .join(Project, Project.id == project_needs.c.project_id)
        .where(*where)
        .group_by(project_needs.c.need_id)
        .subquery("linked_needs")
    )
    return select(
        CtedNeed.code,
        CtedNeed.member_state,
        CtedNeed.pillar_code.label("pillar"),
        CtedNeed.thematic_area,
        CtedNeed.confidential,
        linked.c.need_id.is_not(None).label("addressed"),
    ).outerjoin(linked, linked.c.need_id == CtedNeed.id)


def _baseline_needs(baseline_id: int, filters: Filters) -> AnySelect:
    bp, link = BaselineProject, BaselineLink
    where = [link.baseline_id == baseline_id, bp.status != CANCELLED]
    if filters.entity:
        where.append(bp.entity == filters.entity)
    linked = (
        select(link.need_code)
        .join(bp, and_(bp.baseline_id == link.baseline_id, bp.code == link.project_code))
        .where(*where)
        .group_by(link.need_code)
        .subquery("linked_needs")
    )
    return (
        select(
            BaselineNeed.code,
            BaselineNeed.member_state,
            BaselineNeed.pillar,
            BaselineNeed.thematic_area,
            BaselineNeed.confidential,
            linked.c.need_code.is_not(None).label("addressed"),
        )
        .outerjoin(linked, linked.c.need_code == BaselineNeed.code)
        .where(BaselineNeed.baseline_id == baseline_id)
    )
