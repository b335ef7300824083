"""The project and need lists as rows of the import files' columns, so that a downloaded list
imported again changes nothing (docs/interfaces.md section 2). A few statements per list,
whatever its length: the links are read per link table, not per project."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.models.auth import User
from app.models.portfolio import (
    PROJECT_SCALARS,
    CtedNeed,
    Project,
    ProjectCountry,
    project_needs,
    project_pve_areas,
)
from app.models.reference import Entity
from app.portfolio.imports import needs as need_file
from app.portfolio.imports import projects as project_file
from app.portfolio.need_queries import NeedFilter
from app.portfolio.queries import ProjectFilter, visible_needs
from reports.tabular import Cell

LINKS = ("countries", "cted_needs", "pve_priority_areas")


def project_columns(user: User) -> list[str]:
    """Return the import columns of the projects list this user downloads.

    A user who may not see confidential needs gets no cted_needs column at all (not a column
    without the confidential codes), so that importing the list keeps every link."""
    return [c for c in project_file.COLUMNS.known if user.sees_confidential or c != "cted_needs"]


def project_rows(session: Session, user: User, filters: ProjectFilter) -> list[list[Cell]]:
    """Return the filtered projects, ordered by code, as rows of project_columns(user)."""
    columns = project_columns(user)
    ids = filters.apply(select(Project.id))
    stmt = (
        select(Project.id, Entity.acronym, Project.pillar_code, *_scalars())
        .join(Entity, Entity.id == Project.entity_id)
        .where(Project.id.in_(ids))
        .order_by(Project.code)
    )
    links = _links(session, ids)
    rows = []
    for project_id, acronym, pillar, *scalars in session.execute(stmt):
        values: dict[str, Any] = dict(zip(PROJECT_SCALARS, scalars, strict=True))
        values |= {"entity": acronym, "pillar": pillar}
        values |= {name: ";".join(sorted(links[name].get(project_id, []))) for name in LINKS}
        rows.append([values[c] for c in columns])
    return rows


def _scalars() -> list[Any]:
    return [getattr(Project, name) for name in PROJECT_SCALARS]


def _links(session: Session, ids: Select[Any]) -> dict[str, dict[int, list[str]]]:
    statements = {
        "countries": select(ProjectCountry.project_id, ProjectCountry.iso3),
        "pve_priority_areas": select(
            project_pve_areas.c.project_id, project_pve_areas.c.area_number
        ),
        "cted_needs": select(project_needs.c.project_id, CtedNeed.code).join(
            CtedNeed, CtedNeed.id == project_needs.c.need_id
        ),
    }
    found: dict[str, dict[int, list[str]]] = {}
    for name, stmt in statements.items():
        grouped: dict[int, list[str]] = defaultdict(list)
        project_id = stmt.selected_columns[0]
        for pid, value in session.execute(stmt.where(project_id.in_(ids))):
            grouped[pid].append(str(value))
        found[name] = grouped
    return found


def need_columns() -> list[str]:
    """Return the import columns of the needs list."""
    return list(need_file.COLUMNS.known)


def need_rows(session: Session, user: User, filters: NeedFilter) -> list[list[Cell]]:
    """Return the filtered needs this user may see, ordered by code."""
    stmt = filters.apply(visible_needs(user)).order_by(CtedNeed.code)
    names = [need_file.RENAMED.get(c, c) for c in need_columns()]
    return [[getattr(need, name) for name in names] for need in session.scalars(stmt)]
