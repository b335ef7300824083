"""Back up and restore the whole database: SQLite's backup API, or pg_dump and pg_restore.

Paths are checked before any tool runs: one that starts with '-' is refused (a tool would read
it as an option), the others are made absolute and given after '--' or as an option's value. A
backup never replaces a file without `force`, never the live database itself, and is written
to a temporary file beside the target first, so a failed backup leaves the target as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import URL

from app.errors import DomainError

SQLITE_HEADER = b"SQLite format 3\x00"
BASELINE_ROWS = (
    "baseline_projects", "baseline_needs", "baseline_links", "baseline_values",
    "baseline_value_parts",
)  # fmt: skip
FROZEN = (*BASELINE_ROWS, "issued_reports")
# The guard triggers of migrations 0003, frozen_integrity and baseline_parts, by dialect.
GUARDS = {
    "sqlite": frozenset(
        ["audit_events_unchanged", "audit_events_no_delete_delete", "baselines_frozen_update",
         "baselines_no_delete_delete"]
        + [f"{t}_frozen_{e}" for t in FROZEN for e in ("update", "delete")]
        + [f"{t}_sealed" for t in BASELINE_ROWS]
    ),
    "postgresql": frozenset(
        ["audit_events_unchanged", "audit_events_no_delete", "baselines_frozen",
         "baselines_no_delete"]
        + [f"{t}_frozen" for t in FROZEN]
        + [f"{t}_sealed" for t in BASELINE_ROWS]
        + [f"{t}_no_truncate" for t in ("audit_events", "baselines", *FROZEN)]
    ),
}  # fmt: skip


class BackupError(DomainError):
    """A backup or restore could not be done; the message says why."""


def checked_path(given: str) -> Path:
    """Return a path as typed, made absolute; refuse one a tool would read as an option."""
    if not given:
        raise BackupError("give the path of the backup file")
    if given.startswith("-"):
        raise BackupError(
            f"{given!r}: a path that starts with '-' would be read as an option; write ./{given}"
        )
    return Path(given).expanduser().absolute()


def backup(engine: Engine, path: Path, force: bool = False) -> None:
    """Write a consistent copy of the database to a file (replace one only with force)."""
    _check_target(engine, path, force)
    with _beside(path) as partial:
        if engine.dialect.name == "sqlite":
            _sqlite_copy(_live_path(engine), partial)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={partial}",
                  *_pg_args(engine.url)], engine.url)  # fmt: skip


def _check_target(engine: Engine, path: Path, force: bool) -> None:
    if not path.parent.is_dir():
        raise BackupError(f"{path}: the directory {path.parent} does not exist")
    if path.is_dir():
        raise BackupError(f"{path}: is a directory; give a file name")
    if engine.dialect.name == "sqlite" and _same_file(path, _live_path(engine)):
        raise BackupError(f"{path}: is the live database itself; back up to another file")
    if path.exists() and not force:
        raise BackupError(f"{path}: exists already; give --force to replace it")


def _same_file(path: Path, live: Path) -> bool:
    if path.exists() and live.exists():
        return os.path.samefile(path, live)
    return path.resolve() == live.resolve()


@contextmanager
def _beside(path: Path) -> Iterator[Path]:
    """Give a temporary file beside path; move it onto path when the block succeeds."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise BackupError(f"{path}: cannot write in {path.parent}: {error.strerror}") from None
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        os.replace(partial, path)
    except OSError as error:
        raise BackupError(f"{path}: cannot write it: {error.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)


def restore(engine: Engine, path: Path) -> None:
    """Load a backup into an empty database (refuse one that has tables)."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    if engine.dialect.name == "sqlite" and _same_file(path, _live_path(engine)):
        raise BackupError(f"{path}: is the live database itself; restore another file")
    if inspect(engine).get_table_names():
        raise BackupError("the target database is not empty; restore into a new, empty one")
    engine.dispose()
    if engine.dialect.name == "sqlite":
        _sqlite_copy(path, _live_path(engine))
    else:
        try:
            _run(["pg_restore", "--single-transaction", "--no-owner", "--exit-on-error",
                  *_pg_args(engine.url), "--", str(path)], engine.url)  # fmt: skip
        except BackupError as error:  # pg_restore's own message does not name the file
            raise BackupError(f"{path}: {error}") from error
    engine.dispose()
    if "alembic_version" not in inspect(engine).get_table_names():
        raise BackupError(f"{path}: restored, but it held no tracker database (no tables)")


def missing_guards(engine: Engine) -> list[str]:
    """Return the guard triggers the database lacks (or has disabled), sorted."""
    dialect = engine.dialect.name
    if dialect == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
    with engine.connect() as conn:
        present = set(conn.scalars(text(query)))
    return sorted(GUARDS.get(dialect, frozenset()) - present)


def _live_path(engine: Engine) -> Path:
    return Path(engine.url.database or "").absolute()


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"{source}: no such database file")
    with source.open("rb") as head:
        if head.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise BackupError(f"{source}: is not an SQLite database")
    try:
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source}: not a sound SQLite database")
            src.backup(dst)
    except sqlite3.Error as error:
        raise BackupError(f"{source}: {error}") from None


def _pg_args(url: URL) -> list[str]:
    args = [f"--host={url.host or '127.0.0.1'}", f"--port={url.port or 5432}"]
    if url.username:
        args.append(f"--username={url.username}")
    return [*args, f"--dbname={url.database or ''}"]


def _run(command: list[str], url: URL) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools)")
    env = dict(os.environ, PGPASSWORD=url.password or "")
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL
    )
    if done.returncode != 0:
        lines = (done.stderr or "failed").strip().splitlines()
        raise BackupError(f"{command[0]}: {lines[-1] if lines else 'failed'}")
