"""Backup and restore drill: a backup restored into an empty database has the same rows and
baselines that still verify."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import uuid

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.orm import Session

from app import migrate
from app.backup import GUARDS, BackupError, backup, missing_guards, restore
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


# The `db backup` and `db restore` commands (issue 13, F16 and F17): paths a tool could read as
# options, files that must not be overwritten, one-line errors, and a restore that checks its
# guards and hashes.


@pytest.fixture
def cli():
    """Run a command against the database of an engine, as `flask --app app` would."""
    from app import create_app
    from tests.conftest import TEST_KEY

    made = []

    def run(engine, *args):
        url = engine.url.render_as_string(hide_password=False)
        app = create_app({"DATABASE_URL": url, "SECRET_KEY": TEST_KEY, "TESTING": True})
        made.append(app)
        with app.app_context():  # as `flask` does for every command
            return app.test_cli_runner().invoke(args=list(args))

    yield run
    for app in made:
        app.extensions["db_engine"].dispose()


def one_line_error(result, *words) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    for word in words:
        assert word in result.output, result.output


def test_a_path_that_looks_like_an_option_is_refused_or_taken_as_a_file(
    source_and_target, tmp_path, monkeypatch, cli
):
    source, target = source_and_target
    populate(source)
    monkeypatch.chdir(tmp_path)
    assert cli(source, "db", "backup", "./--list").exit_code == 0
    assert (tmp_path / "--list").is_file()
    one_line_error(cli(target, "db", "restore", "--", "--list"), "read as an option", "./--list")
    assert inspect(target).get_table_names() == []
    restored = cli(target, "db", "restore", "./--list")
    assert restored.exit_code == 0, restored.output
    assert "match their hashes" in restored.output
    assert counts(target) == counts(source)


def _sqlite_only(engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the live database is a file on SQLite only")


def test_backup_never_overwrites_without_force_nor_the_live_database(
    source_and_target, tmp_path, cli
):
    source, _target = source_and_target
    populate(source)
    other = tmp_path / "unrelated.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE mine (x)")
    kept = other.read_bytes()
    one_line_error(cli(source, "db", "backup", str(other)), "exists already", "--force")
    assert other.read_bytes() == kept
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("not a database")
    one_line_error(cli(source, "db", "backup", str(not_a_db)), "exists already")
    replaced = cli(source, "db", "backup", "--force", str(not_a_db))
    assert replaced.exit_code == 0, replaced.output
    assert not_a_db.read_bytes() != b"not a database"
    one_line_error(
        cli(source, "db", "backup", str(tmp_path / "no" / "such" / "dir.dump")),
        "does not exist",
    )
    one_line_error(cli(source, "db", "backup", str(tmp_path)), "directory")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_backup_refuses_the_live_database_itself(source_and_target, cli):
    source, _target = source_and_target
    _sqlite_only(source)
    populate(source)
    live = source.url.database
    for force in ([], ["--force"]):
        one_line_error(cli(source, "db", "backup", *force, live), "live database")


def test_restore_of_a_file_that_is_not_a_backup_is_one_line(source_and_target, tmp_path, cli):
    _source, target = source_and_target
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"this is not a backup\n" * 10)
    result = cli(target, "db", "restore", str(junk))
    one_line_error(result, "junk.dump")
    assert "Restored" not in result.output


def test_restore_says_what_it_checked_and_refuses_a_tampered_backup(
    source_and_target, tmp_path, cli
):
    from tests.app.tamper import tamper

    source, target = source_and_target
    populate(source)
    with Session(source) as session:
        tamper(session, "baseline_projects", "UPDATE baseline_projects SET budget_usd = 1")
        session.commit()
    missing = "baseline_projects_sealed"  # tamper drops it for good on SQLite outside a test
    if source.dialect.name == "postgresql":
        with source.begin() as conn:
            conn.exec_driver_sql(f"DROP TRIGGER {missing} ON baseline_projects")
    dump = tmp_path / "tampered.dump"
    assert cli(source, "db", "backup", str(dump)).exit_code == 0
    result = cli(target, "db", "restore", str(dump))
    one_line_error(result, "do not use it yet", "'drill' does not match its hash", missing)


def test_evidence_files_come_back_with_their_hashes(source_and_target, tmp_path):
    """Evidence lives in the database (issue 14, point 3), so a backup holds its bytes."""
    import hashlib

    from app.models.evidence import Evidence
    from app.models.portfolio import Project
    from app.models.progress import ProgressReport, ReportingPeriod
    from tests.app.evidence_data import DOCX

    source, target = source_and_target
    populate(source)
    with Session(source) as session:
        period = ReportingPeriod(
            key="2019Q3", starts_on=dt.date(2019, 7, 1), ends_on=dt.date(2019, 9, 30),
            entry_opens_on=dt.date(2019, 9, 16), due_on=dt.date(2019, 10, 15),
        )  # fmt: skip
        project = session.scalars(select(Project)).one()
        report = ProgressReport(project=project, period=period, status="draft")
        session.add(report)
        session.flush()
        digest = hashlib.sha256(DOCX).hexdigest()
        session.add(
            Evidence(report_id=report.id, kind="file", name="Assessment list.docx",
                     content_type="application/zip", size=len(DOCX), sha256=digest, content=DOCX)
        )  # fmt: skip
        session.commit()
    dump = tmp_path / "backup.dump"
    backup(source, dump)
    restore(target, dump)
    with Session(target) as session:
        [item] = session.scalars(select(Evidence)).all()
        assert hashlib.sha256(item.content or b"").hexdigest() == item.sha256 == digest


def test_the_frozen_parts_are_guarded_and_a_missing_guard_is_named(source_and_target):
    """The restore's check of the guard triggers covers the frozen parts (migration
    baseline_parts): every guard is there after migrating, and one dropped is named."""
    source, _target = source_and_target
    migrate.upgrade(source)
    assert missing_guards(source) == []
    postgres = source.dialect.name == "postgresql"
    mine = {name for name in GUARDS[source.dialect.name] if "value_parts" in name}
    expected = (
        {"frozen", "sealed", "no_truncate"}
        if postgres
        else {"frozen_update", "frozen_delete", "sealed"}
    )
    assert mine == {f"baseline_value_parts_{e}" for e in expected}
    dropped = "baseline_value_parts_frozen" if postgres else "baseline_value_parts_frozen_delete"
    with source.begin() as conn:
        conn.exec_driver_sql(
            f"DROP TRIGGER {dropped}" + (" ON baseline_value_parts" if postgres else "")
        )
    assert missing_guards(source) == [dropped]
