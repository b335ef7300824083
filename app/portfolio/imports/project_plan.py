"""Compare valid project rows with the database and write only what differs, in bulk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.orm import Session

from app.db import rowcount, utcnow
from app.errors import Conflict
from app.models.portfolio import Project, ProjectCountry, project_needs, project_pve_areas
from app.portfolio.imports.bulk import insert_rows
from app.portfolio.imports.current import chunks
from app.portfolio.imports.projects import COLUMNS, ProjectRecord
from app.portfolio.imports.result import ImportResult, RowChange, field_changes

# The file's link columns (the others are the project's own columns).
LINK_COLUMNS = ("countries", "cted_needs", "pve_priority_areas")
LINK_TABLES: dict[str, tuple[Table, str]] = {
    "countries": (ProjectCountry.__table__, "iso3"),
    "need_ids": (project_needs, "need_id"),
    "pve_areas": (project_pve_areas, "area_number"),
}


@dataclass
class ProjectPlan:
    """The rows to insert and update, and the projects whose links change."""

    inserts: list[ProjectRecord] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    relink: dict[int, ProjectRecord] = field(default_factory=dict)


def plan_projects(
    current: Mapping[str, Mapping[str, Any]], records: list[ProjectRecord], dry_run: bool
) -> tuple[ImportResult, ProjectPlan]:
    """Return the import result and the writes that bring the database to the file.

    `current` are the file's existing projects in the file's terms (imports/current.py)."""
    result, plan = ImportResult(dry_run=dry_run), ProjectPlan()
    for rec in records:
        code = rec.values["code"]
        old = current.get(code)
        if old is None:
            plan.inserts.append(rec)
            result.add(RowChange(rec.row, code, created=True))
            continue
        changes = field_changes(old, rec.as_file, COLUMNS.known)
        if not changes:
            result.unchanged += 1
            continue
        plan.updates.append({**rec.values, "id": old["id"], "version": old["version"]})
        result.add(RowChange(rec.row, code, changes))
        if any(name in changes for name in LINK_COLUMNS):
            plan.relink[old["id"]] = rec
    return result, plan


def write_projects(session: Session, plan: ProjectPlan) -> None:
    """Insert new projects, update changed ones and replace the links that differ."""
    now = utcnow()
    if plan.inserts:
        # Core, not the ORM's bulk insert: that one splits the rows wherever a different set
        # of columns is None, and ran about a thousand statements for 2,000 rows.
        table = Project.__table__
        insert_rows(session, table, [{**r.values, **stamps(now, 1)} for r in plan.inserts])
        # COPY or executemany, then one SELECT: RETURNING would force multi-row VALUES
        # statements, which psycopg converts row by row in Python and which run slower.
        codes = [rec.values["code"] for rec in plan.inserts]
        ids = {
            code: project_id
            for chunk in chunks(codes)
            for code, project_id in session.execute(
                select(Project.code, Project.id).where(Project.code.in_(chunk))
            )
        }
        fresh = {ids[rec.values["code"]]: rec for rec in plan.inserts}
        _insert_links(session, fresh)
    if plan.updates:
        _update_projects(session, plan.updates, now)
    if plan.relink:
        _delete_links(session, list(plan.relink))
        _insert_links(session, plan.relink)
    session.expire_all()


def _update_projects(session: Session, rows: list[dict[str, Any]], now: dt.datetime) -> None:
    # Core executemany with our own version check: the ORM's version-checked bulk UPDATE
    # runs one statement per row.
    table = Project.__table__
    names = [name for name in rows[0] if name not in ("id", "version")]
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
        .values({n: bindparam(f"b_{n}") for n in names})
        .values(version=table.c.version + 1, updated_at=now)
    )
    params = [{f"b_{k}": v for k, v in row.items()} for row in rows]
    result = session.execute(statement, params)
    if session.get_bind().dialect.supports_sane_multi_rowcount and rowcount(result) != len(rows):
        raise Conflict(_("projects: someone else changed them during the import; run it again"))


def stamps(now: dt.datetime, version: int) -> dict[str, Any]:
    """Return the bookkeeping columns of a new row."""
    return {"version": version, "created_at": now, "updated_at": now}


def _delete_links(session: Session, ids: list[int]) -> None:
    for table, _column in LINK_TABLES.values():
        for chunk in chunks(ids):
            session.execute(delete(table).where(table.c.project_id.in_(chunk)))


def _insert_links(session: Session, records: dict[int, ProjectRecord]) -> None:
    for name, (table, column) in LINK_TABLES.items():
        rows = _link_rows(records.items(), name, column)
        insert_rows(session, table, rows)


def _link_rows(
    items: Iterable[tuple[int, ProjectRecord]], name: str, column: str
) -> list[dict[str, Any]]:
    return [
        {"project_id": project_id, column: value}
        for project_id, rec in items
        for value in sorted(getattr(rec, name))
    ]
