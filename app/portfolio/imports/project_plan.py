"""Compare valid project rows with the database and write only what differs, in bulk."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from app.db import rowcount, utcnow
from app.errors import Conflict
from app.models.portfolio import Project, ProjectCountry, project_needs, project_pve_areas
from app.portfolio.imports.projects import ProjectRecord
from app.portfolio.imports.result import ImportResult

CHUNK = 1000
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
    session: Session, records: list[ProjectRecord], dry_run: bool
) -> tuple[ImportResult, ProjectPlan]:
    """Return the import result and the writes that bring the database to the file."""
    result, plan = ImportResult(dry_run=dry_run), ProjectPlan()
    existing = _existing_projects(session, [rec.values["code"] for rec in records])
    links = _existing_links(session, [old["id"] for old in existing.values()])
    for rec in records:
        old = existing.get(rec.values["code"])
        if old is None:
            plan.inserts.append(rec)
            result.created.append(rec.values["code"])
            continue
        scalars = any(old[k] != v for k, v in rec.values.items())
        relink = any(
            links[name].get(old["id"], frozenset()) != getattr(rec, name) for name in LINK_TABLES
        )
        if scalars or relink:
            plan.updates.append({**rec.values, "id": old["id"], "version": old["version"]})
            result.updated.append(rec.values["code"])
        else:
            result.unchanged += 1
        if relink:
            plan.relink[old["id"]] = rec
    return result, plan


def _existing_projects(session: Session, codes: list[str]) -> dict[str, dict[str, Any]]:
    """Return the file's projects that already exist, by code (only those: O(file), not O(db))."""
    columns = [c for c in Project.__table__.c if c.key not in ("created_at", "updated_at")]
    names = [c.key for c in columns]
    found: dict[str, dict[str, Any]] = {}
    for chunk in chunks(codes):
        for row in session.execute(select(*columns).where(Project.code.in_(chunk))):
            values = dict(zip(names, row, strict=True))
            found[values["code"]] = values
    return found


def _existing_links(session: Session, ids: list[int]) -> dict[str, dict[int, frozenset[Any]]]:
    """Return the links of these projects, per link table and project id."""
    found: dict[str, dict[int, frozenset[Any]]] = {}
    for name, (table, column) in LINK_TABLES.items():
        grouped: dict[int, set[Any]] = defaultdict(set)
        for chunk in chunks(ids):
            stmt = select(table.c.project_id, table.c[column]).where(table.c.project_id.in_(chunk))
            for project_id, value in session.execute(stmt):
                grouped[project_id].add(value)
        found[name] = {pid: frozenset(values) for pid, values in grouped.items()}
    return found


def chunks(values: list[Any]) -> Iterable[list[Any]]:
    """Split values into lists short enough for an IN list on every database."""
    return (values[start : start + CHUNK] for start in range(0, len(values), CHUNK))


def write_projects(session: Session, plan: ProjectPlan) -> None:
    """Insert new projects, update changed ones and replace the links that differ."""
    now = utcnow()
    if plan.inserts:
        # Core, not the ORM's bulk insert: that one splits the rows wherever a different set
        # of columns is None, and ran about a thousand statements for 2,000 rows.
        table = Project.__table__
        session.execute(insert(table), [{**r.values, **stamps(now, 1)} for r in plan.inserts])
        # Plain executemany then one SELECT: RETURNING would force multi-row VALUES statements,
        # which psycopg converts row by row in Python and which run slower than the inserts.
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
        raise Conflict("projects: someone else changed them during the import; run it again")


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
        if rows:
            session.execute(insert(table), rows)


def _link_rows(
    items: Iterable[tuple[int, ProjectRecord]], name: str, column: str
) -> list[dict[str, Any]]:
    return [
        {"project_id": project_id, column: value}
        for project_id, rec in items
        for value in sorted(getattr(rec, name))
    ]
