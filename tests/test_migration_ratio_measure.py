"""The ratio measure revision: up lets an indicator be a ratio; down refuses, with a clear
error and nothing changed, while a ratio indicator exists, and restores the CHECK otherwise."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import IntegrityError

from app import migrate
from tests.test_migrations import scratch_engine  # noqa: F401  (the fixture)

REVISION = "ratio_measure"


def before_revision(engine: Engine) -> str:
    """Return the revision this one follows, wherever the chain puts it."""
    script = ScriptDirectory.from_config(migrate.alembic_config(engine))
    down = script.get_revision(REVISION).down_revision
    assert isinstance(down, str)
    return down


def add_indicator(engine: Engine, code: str, measure: str) -> None:
    """Insert an outcome indicator of the given measure (and its pillar and outcome)."""
    with engine.begin() as conn:
        if conn.scalar(text("SELECT count(*) FROM pillars WHERE code = 'II'")) == 0:
            conn.execute(
                text("INSERT INTO pillars (code, position, title_en, title_zh) "
                     "VALUES ('II', 2, 'Pillar II', '')")
            )  # fmt: skip
        outcome = conn.scalar(text("SELECT id FROM outcomes WHERE code = 'OC-1'"))
        if outcome is None:
            conn.execute(
                text("INSERT INTO outcomes (code, pillar_code, statement, version) "
                     "VALUES ('OC-1', 'II', 'Statement', 1)")
            )  # fmt: skip
            outcome = conn.scalar(text("SELECT id FROM outcomes WHERE code = 'OC-1'"))
        conn.execute(
            text(
                "INSERT INTO indicators (code, name, outcome_id, unit, measure, direction, "
                "cumulation, baseline_note, version) VALUES (:code, 'n', :outcome, 'u', "
                ":measure, 'increase', 'non_cumulative', '', 1)"
            ),
            {"code": code, "outcome": outcome, "measure": measure},
        )


def current(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.scalar(text("SELECT version_num FROM alembic_version"))


def test_up_allows_a_ratio_and_down_refuses_while_one_exists(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine, REVISION)
    add_indicator(scratch_engine, "IND-SHARE", "percentage")
    add_indicator(scratch_engine, "IND-RATIO", "ratio")
    with pytest.raises(RuntimeError, match="IND-RATIO") as refused:
        migrate.downgrade(scratch_engine, before_revision(scratch_engine))
    assert "Change their measure or delete them first" in str(refused.value)
    assert current(scratch_engine) == REVISION
    with scratch_engine.begin() as conn:
        conn.execute(text("UPDATE indicators SET measure = 'number' WHERE code = 'IND-RATIO'"))
    migrate.downgrade(scratch_engine, before_revision(scratch_engine))
    assert current(scratch_engine) == before_revision(scratch_engine)
    with scratch_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM indicators")) == 2


def test_before_the_revision_a_ratio_is_refused(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine, before_revision(scratch_engine))
    with pytest.raises(IntegrityError):
        add_indicator(scratch_engine, "IND-RATIO", "ratio")
    migrate.upgrade(scratch_engine, REVISION)
    add_indicator(scratch_engine, "IND-RATIO", "ratio")
    with pytest.raises(IntegrityError):
        add_indicator(scratch_engine, "IND-ODD", "average")
