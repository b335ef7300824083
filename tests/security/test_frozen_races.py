"""Races on frozen data and locked periods, on a real, committed PostgreSQL database (issue 13,
F4 and F8): a writer that commits in the middle of a freeze or of an approval. Each test holds
the first thread at a point of its work, lets the second one run, and lets the first go on when
the second has finished, or after a few seconds when the second one is (rightly) kept waiting.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.baselines import services as freezing
from app.baselines.services import create_baseline, verify_baseline
from app.models.baselines import Baseline
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.progress import workflow
from tests.security.test_concurrency import client_of, live, race  # noqa: F401 (fixture)

pytestmark = pytest.mark.postgres_only

PATIENCE = 3.0  # seconds the first thread waits for a second one that may be held by a lock


def hold(monkeypatch: Any, module: Any, name: str, after: bool) -> tuple[threading.Event, Any]:
    """Stop module.name (before or after it runs) until `done` is set or PATIENCE has passed;
    return (reached, done): `reached` is set when the first thread is held there."""
    reached, done = threading.Event(), threading.Event()
    original = getattr(module, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs) if after else None
        reached.set()
        done.wait(PATIENCE)
        return result if after else original(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return reached, done


def second(reached: threading.Event, done: threading.Event, job: Any) -> Any:
    """Run job once the first thread is held; note when it finished."""
    assert reached.wait(20), "the first thread never reached its hold"
    try:
        return job(), time.monotonic()
    finally:
        done.set()


def _approved_value(engine: Any, ds: Any) -> None:
    with Session(engine) as session:
        report = ProgressReport(
            project_id=ds.world.project.id, period_id=ds.world.period.id, status="approved"
        )
        session.add(report)
        session.add(IndicatorValue(report=report, indicator_id=ds.world.indicator.id,
                                   value=Decimal(7)))  # fmt: skip
        session.commit()


def test_a_project_renamed_during_a_freeze_leaves_one_consistent_baseline(
    live, monkeypatch  # noqa: F811
) -> None:
    _app, ds, engine = live
    _approved_value(engine, ds)
    reached, done = hold(monkeypatch, freezing, "_project_rows", after=True)

    def freeze() -> float:
        with Session(engine) as session:
            create_baseline(session, None, "Race", dt.date(2019, 12, 31))
            session.commit()
        return time.monotonic()

    def rename() -> None:
        with engine.begin() as conn:
            conn.execute(text("UPDATE projects SET code = 'P-RENAMED' WHERE id = :p"),
                         {"p": ds.world.project.id})  # fmt: skip

    frozen_at, (_, renamed_at) = race(freeze, lambda: second(reached, done, rename))
    with Session(engine) as session:
        baseline = session.scalars(select(Baseline).where(Baseline.label == "Race")).one()
        codes = {
            name: set(session.scalars(text(
                f"SELECT DISTINCT {column} FROM {name} WHERE baseline_id = :b"
            ), {"b": baseline.id}))
            for name, column in (("baseline_projects", "code"), ("baseline_links", "project_code"),
                                 ("baseline_values", "project_code"))
        }  # fmt: skip
        assert codes["baseline_links"] and codes["baseline_values"], codes
        assert codes["baseline_links"] <= codes["baseline_projects"], codes
        assert codes["baseline_values"] <= codes["baseline_projects"], codes
        assert verify_baseline(session, baseline)
        assert session.scalar(text("SELECT code FROM projects WHERE id = :p"),
                              {"p": ds.world.project.id}) == "P-RENAMED"  # fmt: skip
    assert renamed_at > frozen_at  # the rename waited for the freeze to commit


def test_no_report_is_approved_after_its_period_was_locked(live, monkeypatch) -> None:  # noqa: F811
    app, ds, engine = live
    reached, done = hold(monkeypatch, workflow, "conditional_update", after=False)
    period_id, report_id = ds.review_period.id, ds.submitted.id
    reviewer, admin = client_of(app, ds.user("reviewer")), client_of(app, ds.user("admin"))

    def approve() -> tuple[int, float]:
        body = {"version": str(ds.submitted.version), "comment": ""}
        response = reviewer.post(f"/reports/{report_id}/approve", data=body)
        return response.status_code, time.monotonic()

    def lock() -> int:
        response = admin.post(
            f"/periods/{period_id}/lock", data={"reason": "Quarter closed", "confirm": "1"}
        )
        return response.status_code

    (approved, approved_at), (locked, locked_at) = race(
        approve, lambda: second(reached, done, lock)
    )
    assert locked == 302
    with Session(engine) as session:
        period = session.get(ReportingPeriod, period_id)
        report = session.get(ProgressReport, report_id)
        assert period.status == "locked"
        if report.status == "approved":  # the approval won: the lock waited for its commit
            assert approved == 302 and locked_at > approved_at
        else:  # the lock won: the approval was refused and wrote nothing
            assert approved in (400, 409) and report.status == "submitted"
