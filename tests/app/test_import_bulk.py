"""The projects import writes in bulk (COPY on PostgreSQL, executemany on SQLite) and stores
exactly what the former Core INSERT stored: projects, links and the audit event.

Runs on both databases (TEST_DATABASE_URL for PostgreSQL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from app.models.audit import AuditEvent
from app.models.portfolio import Project, ProjectCountry, project_needs, project_pve_areas
from app.portfolio.imports import import_needs, import_projects
from app.portfolio.imports import project_plan as plan_module
from tests.app.imports_support import NEED, csv_bytes, projects

SKIPPED = {"id", "created_at", "updated_at"}


def _core_insert(session, table, rows) -> None:
    """Write as the import did before: one Core INSERT with a list of rows."""
    if rows:
        session.execute(insert(table), list(rows))


def _stored(session) -> dict[str, Any]:
    codes = dict(session.execute(select(Project.id, Project.code)).all())
    table = Project.__table__
    found: dict[str, Any] = {
        "projects": sorted(
            tuple((c.name, row[c.name]) for c in table.c if c.name not in SKIPPED)
            for row in session.execute(select(table)).mappings()
        )
    }
    links = ((ProjectCountry.__table__, "iso3"), (project_needs, "need_id"))
    for link, column in (*links, (project_pve_areas, "area_number")):
        rows = session.execute(select(link.c.project_id, link.c[column])).all()
        found[link.name] = sorted((codes[p], value) for p, value in rows)
    events = session.execute(
        select(AuditEvent.action, AuditEvent.object_type, AuditEvent.before, AuditEvent.after)
        .where(AuditEvent.object_type == "projects")
        .order_by(AuditEvent.id)
    ).all()
    found["audit"] = [tuple(e) for e in events]
    return found


def _import_twice(db_session, data: bytes, monkeypatch) -> tuple[dict, dict]:
    """Import the same file with the former writer and the bulk one, from the same state."""
    saved = db_session.begin_nested()
    with monkeypatch.context() as patch:
        patch.setattr(plan_module, "insert_rows", _core_insert)
        import_projects(db_session, None, data)
    before = _stored(db_session)
    saved.rollback()
    db_session.expire_all()
    import_projects(db_session, None, data)
    return before, _stored(db_session)


def test_a_bulk_import_stores_what_the_insert_stored(db_session, monkeypatch) -> None:
    import_needs(db_session, None, csv_bytes([NEED]))
    rows = projects(40)
    rows[3].update(title='Tab\there, "quotes", back\\slash and\nnew line', end_date="")
    rows[5].update(in_multi_year_appeal="", gender_marker="", origin="", cted_needs="")
    rows[7].update(countries="KEN;UGA;TZA", scope="regional", pve_priority_areas="")
    before, after = _import_twice(db_session, csv_bytes(rows), monkeypatch)
    assert after == before
    assert len(after["projects"]) == 40 and len(after["audit"]) == 1
    assert len(after["project_countries"]) == 42 and len(after["project_needs"]) == 39


def test_an_update_and_a_relink_after_a_bulk_import(db_session) -> None:
    import_needs(db_session, None, csv_bytes([NEED]))
    import_projects(db_session, None, csv_bytes(projects(3)))
    result = import_projects(db_session, None, csv_bytes(projects(3, countries="UGA")))
    assert len(result.updated) == 3
    stored = db_session.execute(select(ProjectCountry.iso3)).scalars().all()
    assert stored == ["UGA"] * 3
