"""Migrations with data in the tables (RELIABILITY T66, T67), on a scratch database of the
suite's kind (SQLite file, or a compact_sec_* PostgreSQL database)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, func, inspect, make_url, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app import migrate
from app.audit.services import record
from app.baselines.services import create_baseline, verify_baseline
from app.db import make_engine
from app.reference.services import seed_reference
from tests.app import factories

DATA_TABLES = ("entities", "pillars", "projects", "audit_events", "baselines", "baseline_projects")


@pytest.fixture
def scratch(tmp_path) -> Iterator[Engine]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        engine = make_engine(f"sqlite:///{tmp_path / 'scratch.sqlite'}")
        yield engine
        engine.dispose()
        return
    name = f"compact_sec_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(make_url(url).set(database=name))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def load(engine: Engine) -> None:
    """Reference data, a project, a baseline and an audit event."""
    with Session(engine) as session:
        seed_reference(session)
        factories.project(session, "MIG-1", title="Migrated project")
        create_baseline(session, None, "Migration baseline", dt.date(2019, 8, 31))
        record(session, None, "test", "project", 1, after={"note": "migration"})
        session.commit()


def counts(engine: Engine) -> dict[str, int]:
    names = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {
            t: conn.execute(select(func.count()).select_from(text(t))).scalar_one()
            for t in DATA_TABLES
            if t in names
        }


def check_head(engine: Engine) -> None:
    found = counts(engine)
    assert found["projects"] == 1 and found["baselines"] == 1 and found["audit_events"] >= 2
    with Session(engine) as session:
        baseline = session.scalar(text("SELECT id FROM baselines"))
        from app.models.baselines import Baseline

        assert verify_baseline(session, session.get(Baseline, baseline))
    with engine.connect() as conn, pytest.raises(DBAPIError):
        conn.exec_driver_sql("DELETE FROM audit_events")


def revisions(engine: Engine) -> list[str]:
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    return [r.revision for r in script.walk_revisions()]  # head first


def test_upgrade_load_downgrade_to_base_and_upgrade_again(scratch) -> None:
    migrate.upgrade(scratch)
    load(scratch)
    check_head(scratch)
    migrate.downgrade(scratch, "base")
    assert set(inspect(scratch).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(scratch)
    assert counts(scratch)["projects"] == 0
    load(scratch)
    check_head(scratch)


def test_downgrade_step_by_step_keeps_the_data_of_surviving_tables(scratch) -> None:
    migrate.upgrade(scratch)
    load(scratch)
    start = counts(scratch)
    chain = revisions(scratch)
    assert len(chain) >= 4
    for target in [*chain[1:], "base"]:
        migrate.downgrade(scratch, target)
        now = counts(scratch)
        for table, rows in now.items():
            assert rows == start[table], (target, table)
        if target != "base":
            with scratch.connect() as conn:
                assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                    target
                )
    assert counts(scratch) == {}
    migrate.upgrade(scratch)
    load(scratch)
    check_head(scratch)
