"""Benchmark databases: create, migrate, seed at scale, freeze a baseline, drop."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session

from app import migrate
from app.db import make_engine

PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgresql+psycopg://postgres@127.0.0.1")
BASELINE_LABEL = "bench-2019Q2"
BASELINE_AS_OF = dt.date(2019, 6, 30)
SEED = 2019


@dataclass
class Database:
    """A benchmark database of one kind and size, and how to remove it."""

    kind: str
    size: int
    url: str
    name: str

    def engine(self) -> Engine:
        """Return a fresh engine on this database."""
        return make_engine(self.url)


def create(kind: str, size: int) -> Database:
    """Create an empty database: a temporary SQLite file or a compact_bench_* PostgreSQL db."""
    name = f"compact_bench_{os.getpid()}_{size}"
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="compact_bench_")) / f"{name}.sqlite"
        return Database(kind, size, f"sqlite:///{path}", str(path))
    _admin(f'CREATE DATABASE "{name}"')
    return Database(kind, size, f"{PG_SERVER}/{name}", name)


def drop(database: Database) -> None:
    """Remove a database this benchmark created."""
    if database.kind == "sqlite":
        path = Path(database.name)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.rmdir()
        return
    _admin(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')


def _admin(sql: str) -> None:
    engine = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(sql))
    engine.dispose()


def build(database: Database) -> dict[str, float]:
    """Migrate, seed the scale portfolio and freeze a baseline; return the seconds each took."""
    from app.baselines.services import create_baseline
    from app.devdata.scale import seed_scale

    engine = database.engine()
    migrate.upgrade(engine)
    timings = {}
    with Session(engine) as session:
        started = time.perf_counter()
        seed_scale(session, database.size, SEED)
        session.commit()
        timings["seed_s"] = time.perf_counter() - started
        started = time.perf_counter()
        create_baseline(session, None, BASELINE_LABEL, BASELINE_AS_OF)
        session.commit()
        timings["freeze_s"] = time.perf_counter() - started
    # No ANALYZE here: the app keeps its own statistics (after seed-scale, freezes, imports).
    engine.dispose()
    return timings


def median_seconds(func: Callable[[], Any], repeat: int) -> float:
    """Run a function once to warm up, then return the median of `repeat` timed runs."""
    func()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
