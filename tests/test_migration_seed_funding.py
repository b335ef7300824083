"""The seed funding revision: up creates the table with its rules, down removes only it."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from app import migrate
from tests.test_migrations import scratch_engine  # noqa: F401  (the fixture)

REVISION = "seed_funding"
TABLE = "seed_funding_projects"


def before_revision(engine: Engine) -> str:
    """Return the revision this one follows, wherever the chain puts it."""
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    down = script.get_revision(REVISION).down_revision
    assert isinstance(down, str)
    return down


def test_up_creates_the_table_and_down_removes_only_it(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine, REVISION)
    tables = set(inspect(scratch_engine).get_table_names())
    assert TABLE in tables
    columns = {c["name"] for c in inspect(scratch_engine).get_columns(TABLE)}
    assert columns == {"id", "year", "title", "cost_usd", "entity_id"}
    migrate.downgrade(scratch_engine, before_revision(scratch_engine))
    assert set(inspect(scratch_engine).get_table_names()) == tables - {TABLE}
    migrate.upgrade(scratch_engine, REVISION)
    assert TABLE in inspect(scratch_engine).get_table_names()


@pytest.mark.parametrize(
    "values",
    [
        "(1999, 'a', 1)",  # year out of range
        "(2020, 'a', 0)",  # no cost
        "(2020, 'a', -5)",  # negative cost
    ],
)
def test_the_table_refuses_what_the_import_refuses(scratch_engine: Engine, values: str) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine, REVISION)
    with pytest.raises(IntegrityError), scratch_engine.begin() as conn:
        conn.execute(text(f"INSERT INTO {TABLE} (year, title, cost_usd) VALUES {values}"))


def test_a_title_appears_once_a_year(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine, REVISION)
    insert = text(f"INSERT INTO {TABLE} (year, title, cost_usd) VALUES (:y, 'Same', 10)")
    with scratch_engine.begin() as conn:
        conn.execute(insert, {"y": 2020})
        conn.execute(insert, {"y": 2021})
    with pytest.raises(IntegrityError), scratch_engine.begin() as conn:
        conn.execute(insert, {"y": 2020})
