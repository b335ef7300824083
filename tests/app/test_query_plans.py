"""The comparison's queries stay fast without planner statistics, and need coverage by joins
counts what the former correlated EXISTS counted.

Runs on both databases: SQLite's EXPLAIN QUERY PLAN on a database that was never analyzed,
PostgreSQL's EXPLAIN (no correlated SubPlan over the link tables)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, exists, select
from sqlalchemy.engine import Connection

from app.baselines.services import get_baseline
from app.compare.comparison import build_screen
from app.figures.data_source import CANCELLED, Filters, Source
from app.models.baselines import BaselineLink, BaselineNeed, BaselineProject
from app.models.portfolio import CtedNeed, Project, project_needs
from app.models.reference import Entity
from tests.app.comparison_data import two_baselines

LINK_TABLES = ("project_needs", "baseline_links")


@pytest.fixture
def unanalyzed(db_session, monkeypatch):
    """Build two baselines and the live portfolio with no statistics gathered on the way."""
    monkeypatch.setattr("app.baselines.services.refresh_statistics", lambda *_a, **_k: None)
    two_baselines(db_session)
    connection = db_session.connection()
    if connection.dialect.name == "sqlite":
        assert _stat_rows(connection) == 0, "the test database must not be analyzed"
    return db_session


def _stat_rows(connection: Connection) -> int:
    has_table = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"
    ).scalar()
    if not has_table:
        return 0
    tables = ", ".join(f"'{t}'" for t in (*LINK_TABLES, "cted_needs", "baseline_needs"))
    sql = f"SELECT count(*) FROM sqlite_stat1 WHERE tbl IN ({tables})"
    return int(connection.exec_driver_sql(sql).scalar() or 0)


def _statements(session, run) -> list[tuple[str, Any]]:
    """Return the SELECTs (with parameters) that `run` sends to the database."""
    seen: list[tuple[str, Any]] = []
    engine = session.connection().engine

    def note(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def _sqlite_problems(cursor: Any, statement: str, parameters: Any) -> list[str]:
    cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
    nodes = {node_id: (parent, detail) for node_id, parent, _unused, detail in cursor.fetchall()}
    problems = []
    for parent, detail in nodes.values():
        ancestors = []
        while parent in nodes:
            parent, above = nodes[parent]
            ancestors.append(above)
        for table in LINK_TABLES:
            if f" {table} " not in f" {detail} ":
                continue
            if any(a.startswith("CORRELATED") for a in ancestors):
                problems.append(f"{table} read once per outer row: {detail}")
            once = any(a.startswith("MATERIALIZE") for a in ancestors)
            if detail.startswith("SCAN") and not once:
                problems.append(f"{table} scanned inside a loop: {detail}")
    return problems


def _postgres_problems(cursor: Any, statement: str, parameters: Any) -> list[str]:
    cursor.execute("EXPLAIN " + statement, parameters)
    plan = "\n".join(row[0] for row in cursor.fetchall())
    if "SubPlan" in plan and any(t in plan for t in LINK_TABLES):
        return [f"a correlated SubPlan over a link table:\n{plan}"]
    return []


@pytest.mark.parametrize(
    ("a", "b", "filters"),
    [
        ("2018 mapping", "2019 mapping", Filters()),
        ("2019 mapping", "", Filters()),
        ("2018 mapping", "", Filters(entity="UNODC")),
    ],
)
def test_the_comparison_reads_links_through_indexes_without_statistics(
    unanalyzed, a, b, filters
) -> None:
    session = unanalyzed
    sent = _statements(session, lambda: build_screen(session, a, b, filters, True))
    touching = [(s, p) for s, p in sent if any(t in s for t in LINK_TABLES)]
    assert touching, "the comparison reads need links"
    raw = session.connection().connection.dbapi_connection
    sqlite = session.connection().dialect.name == "sqlite"
    cursor = raw.cursor()
    problems = []
    for statement, parameters in sent:
        check = _sqlite_problems if sqlite else _postgres_problems
        problems += check(cursor, statement, parameters)
    cursor.close()
    assert problems == []


def _old_live_needs(filters: Filters) -> Any:
    entity_id = select(Entity.id).where(Entity.acronym == filters.entity).scalar_subquery()
    where = [Project.entity_id == entity_id] if filters.entity else []
    linked = exists().where(
        project_needs.c.need_id == CtedNeed.id,
        Project.id == project_needs.c.project_id,
        Project.status != CANCELLED,
        *where,
    )
    return select(
        CtedNeed.code,
        CtedNeed.member_state,
        CtedNeed.pillar_code.label("pillar"),
        CtedNeed.thematic_area,
        CtedNeed.confidential,
        linked.label("addressed"),
    )


def _old_baseline_needs(baseline_id: int, filters: Filters) -> Any:
    bp = BaselineProject
    where = [bp.entity == filters.entity] if filters.entity else []
    linked = exists().where(
        BaselineLink.baseline_id == baseline_id,
        BaselineLink.need_code == BaselineNeed.code,
        bp.baseline_id == baseline_id,
        bp.code == BaselineLink.project_code,
        bp.status != CANCELLED,
        *where,
    )
    return select(
        BaselineNeed.code,
        BaselineNeed.member_state,
        BaselineNeed.pillar,
        BaselineNeed.thematic_area,
        BaselineNeed.confidential,
        linked.label("addressed"),
    ).where(BaselineNeed.baseline_id == baseline_id)


def _rows(session, stmt) -> set[tuple[Any, ...]]:
    found = set()
    for code, state, pillar, area, secret, linked in session.execute(stmt):
        found.add((code, state, pillar, area, bool(secret), bool(linked)))
    return found


@pytest.mark.parametrize("label", [None, "2018 mapping", "2019 mapping"])
@pytest.mark.parametrize("entity", ["", "UNODC", "UNOCT", "NOBODY"])
def test_needs_by_joins_equal_the_correlated_exists(unanalyzed, label, entity) -> None:
    session = unanalyzed
    filters = Filters(entity=entity)
    baseline_id = None if label is None else get_baseline(session, label).id
    new = _rows(session, select(Source(baseline_id, filters).needs()))
    if baseline_id is None:
        old = _rows(session, _old_live_needs(filters))
    else:
        old = _rows(session, _old_baseline_needs(baseline_id, filters))
    assert new == old
    assert len(new) > 0
    if entity != "NOBODY":
        assert any(row[-1] for row in new) and not all(row[-1] for row in new)
