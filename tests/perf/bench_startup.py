"""Command start-up and baseline freeze against their floors."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tests.perf.bench_db import Database

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5


def _seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def measure_startup(database: Database) -> dict[str, Any]:
    """Time `flask --app app --help` and `python -c "import flask, sqlalchemy"`, alternating."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), DATABASE_URL=database.url)
    helps, floors = [], []
    for _ in range(RUNS):
        helps.append(_seconds([sys.executable, "-m", "flask", "--app", "app", "--help"], env))
        floors.append(_seconds([sys.executable, "-c", "import flask, sqlalchemy"], env))
    help_s, floor_s = statistics.median(helps), statistics.median(floors)
    return {"help_s": help_s, "floor_s": floor_s, "ratio": help_s / floor_s, "runs": RUNS}


def measure_freeze(database: Database) -> dict[str, Any]:
    """Time a freeze (rolled back) against its INSERT ... SELECT statements alone (rolled back)."""
    from app.baselines.copies import copy_statements
    from app.baselines.services import create_baseline
    from app.models.baselines import Baseline

    engine = database.engine()
    day = dt.date(2019, 12, 31)
    with Session(engine) as session:
        baseline = Baseline(label="bench-floor", as_of=day, content_hash="pending")
        session.add(baseline)
        session.flush()
        started = time.perf_counter()
        for statement in copy_statements(baseline.id, day):
            session.execute(statement)
        floor_s = time.perf_counter() - started
        session.rollback()
        started = time.perf_counter()
        create_baseline(session, None, "bench-freeze", day)
        session.flush()
        freeze_s = time.perf_counter() - started
        session.rollback()
    engine.dispose()
    return {"freeze_s": freeze_s, "floor_s": floor_s, "ratio": freeze_s / floor_s}
