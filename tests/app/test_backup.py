"""Backup and restore drill: a backup restored into an empty database has the same rows and
baselines that still verify."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from app import migrate
from app.backup import BackupError, backup, restore
from app.baselines.services import create_baseline, verify_baseline
from app.db import make_engine
from app.models import metadata
from app.models.baselines import Baseline
from app.reference.services import seed_reference
from tests.app import factories


@pytest.fixture
def source_and_target(tmp_path):
    """Give a migrated, populated source database and an empty target of the suite's kind."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield (
            make_engine(f"sqlite:///{tmp_path / 'a.sqlite'}"),
            make_engine(f"sqlite:///{tmp_path / 'b.sqlite'}"),
        )
        return
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    names = [f"compact_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engines = [make_engine(admin.url.set(database=n)) for n in names]
    yield engines
    for eng in engines:
        eng.dispose()
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def populate(engine) -> None:
    migrate.upgrade(engine)
    with Session(engine) as session:
        seed_reference(session)
        factories.project(session, "P-1")
        factories.need(session, "N-1", confidential=True)
        create_baseline(session, None, "drill", dt.date(2019, 8, 31))
        session.commit()


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            t: conn.scalar(select(func.count()).select_from(metadata.tables[t]))
            for t in sorted(metadata.tables)
        }


def test_restore_gives_the_same_rows_and_verified_baselines(source_and_target, tmp_path):
    source, target = source_and_target
    populate(source)
    dump = tmp_path / "backup.dump"
    backup(source, dump)
    restore(target, dump)
    assert counts(target) == counts(source)
    with Session(target) as session:
        baselines = session.scalars(select(Baseline)).all()
        assert baselines and all(verify_baseline(session, b) for b in baselines)
        assert session.scalar(text("SELECT version_num FROM alembic_version")) is not None


def test_restore_refuses_a_database_that_is_not_empty(source_and_target, tmp_path):
    source, target = source_and_target
    populate(source)
    dump = tmp_path / "backup.dump"
    backup(source, dump)
    with pytest.raises(BackupError, match="not empty"):
        restore(source, dump)
    with pytest.raises(BackupError, match="no such backup"):
        restore(target, tmp_path / "missing.dump")
