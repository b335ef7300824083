"""The migration chain: one head, up from empty, down to base, models match migrations."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, text

from app import migrate
from app.db import make_engine
from app.models import metadata


@pytest.fixture
def scratch_engine(tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """Give an empty database of the suite's kind that the test may migrate freely."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        eng = make_engine(f"sqlite:///{tmp_path / 'scratch.sqlite'}")
        yield eng
        eng.dispose()
        return
    name = f"compact_scratch_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    eng = make_engine(admin.url.set(database=name))
    yield eng
    eng.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


def test_single_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config(make_engine("sqlite://")))
    assert len(script.get_heads()) == 1


def test_upgrade_creates_every_table_and_downgrade_removes_them(scratch_engine: Engine) -> None:
    migrate.upgrade(scratch_engine)
    tables = set(inspect(scratch_engine).get_table_names())
    assert set(metadata.tables) <= tables
    migrate.downgrade(scratch_engine, "base")
    assert set(inspect(scratch_engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(scratch_engine)
    assert set(metadata.tables) <= set(inspect(scratch_engine).get_table_names())


def test_models_match_migrations(scratch_engine: Engine) -> None:
    migrate.upgrade(scratch_engine)
    migrate.check(scratch_engine)  # raises when autogenerate would find a difference


def test_every_revision_goes_down_and_up(scratch_engine: Engine) -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config(scratch_engine))
    revisions = [r.revision for r in script.walk_revisions("base", "heads")]
    migrate.upgrade(scratch_engine)
    for _ in revisions:
        migrate.downgrade(scratch_engine, "-1")
    assert set(inspect(scratch_engine).get_table_names()) <= {"alembic_version"}
