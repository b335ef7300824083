"""Back up and restore the whole database: SQLite's backup API, or pg_dump and pg_restore."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL

from app.errors import DomainError


class BackupError(DomainError):
    """A backup or restore could not be done; the message says why."""


def backup(engine: Engine, path: Path) -> None:
    """Write a consistent copy of the database to a file."""
    if engine.dialect.name == "sqlite":
        _sqlite_copy(Path(engine.url.database or ""), path)
    else:
        _run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", *_pg_args(engine.url)],
            engine.url,
        )


def restore(engine: Engine, path: Path) -> None:
    """Load a backup into an empty database (refuse one that has tables)."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    if inspect(engine).get_table_names():
        raise BackupError("the target database is not empty; restore into a new, empty one")
    engine.dispose()
    if engine.dialect.name == "sqlite":
        _sqlite_copy(path, Path(engine.url.database or ""))
    else:
        _run(
            [
                "pg_restore",
                "--single-transaction",
                "--no-owner",
                "--exit-on-error",
                *_pg_args(engine.url, dbname_flag=True),
                str(path),
            ],
            engine.url,
        )


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(f"{source}: no such database file")
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{source}: not a sound SQLite database")
        src.backup(dst)


def _pg_args(url: URL, dbname_flag: bool = False) -> list[str]:
    args = [f"--host={url.host or '127.0.0.1'}", f"--port={url.port or 5432}"]
    if url.username:
        args.append(f"--username={url.username}")
    database = url.database or ""
    return args + ([f"--dbname={database}"] if dbname_flag else [database])


def _run(command: list[str], url: URL) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools)")
    env = dict(os.environ, PGPASSWORD=url.password or "")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = (done.stderr or "failed").strip().splitlines()
        raise BackupError(f"{command[0]}: {lines[-1] if lines else 'failed'}")
