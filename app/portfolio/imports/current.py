"""The projects a file names as they are now, in the file's own terms (columns and values)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.models.portfolio import CtedNeed, Project, ProjectCountry, project_needs, project_pve_areas
from app.models.reference import Entity

CHUNK = 1000
# Each link column of the file: its table and the column holding the linked value.
LINK_COLUMNS: dict[str, tuple[Table, Any]] = {
    "countries": (ProjectCountry.__table__, ProjectCountry.__table__.c.iso3),
    "pve_priority_areas": (project_pve_areas, project_pve_areas.c.area_number),
}


@dataclass
class Current:
    """The file's existing projects by code (file columns plus id and version), and the ids of
    the needs they link to, by code."""

    projects: dict[str, dict[str, Any]] = field(default_factory=dict)
    need_ids: dict[str, int] = field(default_factory=dict)


def chunks(values: list[Any]) -> Iterable[list[Any]]:
    """Split values into lists short enough for an IN list on every database."""
    return (values[start : start + CHUNK] for start in range(0, len(values), CHUNK))


def current_projects(session: Session, codes: list[str], scalars: tuple[str, ...]) -> Current:
    """Return the projects of these codes (only those: O(file), not O(database))."""
    found = Current()
    columns = [Project.id, Project.version, Entity.acronym, Project.pillar_code]
    columns += [getattr(Project, name) for name in scalars]
    names = ["id", "version", "entity", "pillar", *scalars]
    for chunk in chunks(codes):
        stmt = select(*columns).join(Entity, Entity.id == Project.entity_id)
        for row in session.execute(stmt.where(Project.code.in_(chunk))):
            values = dict(zip(names, row, strict=True))
            found.projects[values["code"]] = values
    by_id = {values["id"]: values for values in found.projects.values()}
    _links(session, by_id, found)
    return found


def _links(session: Session, by_id: dict[int, dict[str, Any]], found: Current) -> None:
    ids = list(by_id)
    grouped: dict[str, dict[int, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for chunk in chunks(ids):
        for name, (table, column) in LINK_COLUMNS.items():
            stmt = select(table.c.project_id, column).where(table.c.project_id.in_(chunk))
            for project_id, value in session.execute(stmt):
                grouped[name][project_id].add(value)
        stmt = (
            select(project_needs.c.project_id, CtedNeed.code, CtedNeed.id)
            .join(CtedNeed, CtedNeed.id == project_needs.c.need_id)
            .where(project_needs.c.project_id.in_(chunk))
        )
        for project_id, code, need_id in session.execute(stmt):
            grouped["cted_needs"][project_id].add(code)
            found.need_ids[code] = need_id
    for project_id, values in by_id.items():
        for name in (*LINK_COLUMNS, "cted_needs"):
            values[name] = frozenset(grouped[name].get(project_id, ()))
