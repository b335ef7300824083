"""The projects import with full validation against a raw DBAPI executemany of the same rows."""

from __future__ import annotations

import csv
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, configure_mappers

from app.devdata.scale_rows import countries_for, project_row
from app.portfolio.imports.projects import COLUMNS
from tests.perf.bench_db import Database

ROWS = 2_000


def sample_rows(database: Database, count: int) -> list[dict[str, Any]]:
    """Return `count` new projects (codes IMP-...) as database rows with entity acronyms."""
    rng = random.Random(11)
    engine = database.engine()
    with engine.connect() as connection:
        entities = connection.execute(text("SELECT id, acronym FROM entities ORDER BY id")).all()
        first = connection.scalar(text("SELECT MAX(id) FROM projects")) + 1
    engine.dispose()
    rows = []
    for k in range(count):
        entity_id, acronym = rng.choice(entities)
        row = project_row(rng, first + k, entity_id)
        row.update(code=f"IMP-{k:06d}", acronym=acronym)
        row["countries"] = ";".join(countries_for(rng, row["scope"]))
        rows.append(row)
    return rows


def write_csv(rows: list[dict[str, Any]]) -> Path:
    """Write the rows as the import's projects file."""
    path = Path(tempfile.mkdtemp(prefix="compact_bench_")) / "projects.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS.known)  # the row below follows this order
        for r in rows:
            mya = (
                ""
                if r["in_multi_year_appeal"] is None
                else "yes"
                if r["in_multi_year_appeal"]
                else "no"
            )
            writer.writerow([
                r["code"], r["title"], r["acronym"], r["pillar_code"], r["scope"], r["countries"],
                r["status"], r["start_date"], r["end_date"], r["budget_usd"], r["funded_usd"], mya,
                "", "", "" if r["gender_marker"] is None else r["gender_marker"], r["origin"] or "",
            ])  # fmt: skip
    return path


def time_import(database: Database, path: Path) -> float:
    """Import the file through the service (full validation), then roll back; return seconds."""
    from app import create_app
    from app.portfolio.imports import import_projects

    engine = database.engine()
    app = create_app({"DATABASE_URL": database.url, "SECRET_KEY": "b" * 48})
    configure_mappers()  # once per process, as in a running server: not the import's cost
    with app.app_context(), Session(engine) as session:
        started = time.perf_counter()
        result = import_projects(session, None, path)
        session.flush()
        seconds = time.perf_counter() - started
        assert len(result.created) == ROWS, result
        session.rollback()
    engine.dispose()
    return seconds


def time_executemany(database: Database, rows: list[dict[str, Any]]) -> float:
    """Insert the same projects and countries with raw executemany in one transaction; seconds.

    The application's SQLite connections run in autocommit mode and begin explicitly (app.db),
    so the raw side begins its own transaction too: without it every row would commit alone.
    """
    names = [c for c in rows[0] if c not in ("acronym", "countries")]
    marker = "?" if database.kind == "sqlite" else "%s"
    projects_sql = (
        f"INSERT INTO projects ({', '.join(names)}) VALUES ({', '.join([marker] * len(names))})"
    )
    countries_sql = f"INSERT INTO project_countries (project_id, iso3) VALUES ({marker}, {marker})"
    projects = [tuple(_plain(r[n], database.kind) for n in names) for r in rows]
    countries = [(r["id"], iso3) for r in rows for iso3 in r["countries"].split(";") if iso3]
    engine = database.engine()
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        started = time.perf_counter()
        if database.kind == "sqlite":
            cursor.execute("BEGIN")
        cursor.executemany(projects_sql, projects)
        cursor.executemany(countries_sql, countries)
        seconds = time.perf_counter() - started
        connection.rollback()
    finally:
        connection.close()
        engine.dispose()
    return seconds


def _plain(value: Any, kind: str) -> Any:
    # sqlite3 has no adapter for Decimal or dates in Python 3.12+: pass text as the app's types do.
    if kind == "sqlite" and value is not None and not isinstance(value, (int, str, float)):
        return str(value)
    return value


def measure(database: Database) -> dict[str, Any]:
    """Return rows per second of the import and of executemany, and their ratio."""
    rows = sample_rows(database, ROWS)
    try:
        import_s = time_import(database, write_csv(rows))
    except ImportError:
        return {"skipped": "the import service is not on this branch yet"}
    raw_s = time_executemany(database, rows)
    return {
        "rows": ROWS,
        "import_rows_per_s": ROWS / import_s,
        "executemany_rows_per_s": ROWS / raw_s,
        "ratio": raw_s / import_s,
    }
