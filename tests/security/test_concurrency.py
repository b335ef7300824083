"""Races on a real, committed PostgreSQL database (RELIABILITY T45, T52-T55): two threads, two
connections and a barrier that holds both just before their write."""

from __future__ import annotations

import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.orm import Session

from app import create_app, migrate
from app.models.audit import AuditEvent
from app.models.portfolio import Project
from app.models.progress import ProgressReport
from app.reference.services import seed_reference
from tests.app.imports_support import PROJECT, csv_bytes
from tests.conftest import TEST_KEY
from tests.security.conftest import Dataset, build_dataset, put_in_session

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def live(tmp_path) -> Iterator[tuple[Flask, Dataset, Any]]:
    """A fresh compact_sec_<random> database, migrated and committed, with the dataset."""
    server = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"compact_sec_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = server.set(database=name)
    app = create_app(
        {
            "DATABASE_URL": url.render_as_string(hide_password=False),
            "SECRET_KEY": TEST_KEY,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    engine = app.extensions["db_engine"]
    try:
        migrate.upgrade(engine)
        with Session(engine, expire_on_commit=False) as session:
            seed_reference(session)
            session.commit()
            ds = build_dataset(session, None)
            for role in ("owner", "reviewer", "admin"):
                ds.user(role)
        yield app, ds, engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def gate(
    monkeypatch: Any,
    module: Any,
    name: str,
    after: bool = False,
    barrier: threading.Barrier | None = None,
) -> threading.Barrier:
    """Make both threads meet at a barrier just before (or after) module.name runs."""
    barrier = barrier or threading.Barrier(2, timeout=20)
    original: Callable[..., Any] = getattr(module, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        if after:
            result = original(*args, **kwargs)
            barrier.wait()
            return result
        barrier.wait()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, held)
    return barrier


def race(*jobs: Callable[[], Any]) -> list[Any]:
    """Run the jobs in threads at once; return their results (or raised exceptions)."""
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        try:
            results[index] = job()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, j)) for i, j in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def client_of(app: Flask, user: Any) -> Any:
    client = app.test_client()
    put_in_session(client, user)
    return client


def count_events(engine: Any, action: str) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == action))


def report_form(ds: Dataset, version: int, narrative: str) -> dict[str, str]:
    ids = ds.ids()
    return {
        "version": str(version),
        "narrative": narrative,
        f"ind_{ids['indicator_id']}_value": "12",
        f"act_{ids['activity_id']}_status": "ongoing",
        f"act_{ids['activity_id']}_percent": "40",
    }


@pytest.mark.parametrize("existing", [True, False], ids=["existing report", "first save"])
def test_two_saves_of_the_same_report(live, monkeypatch, existing) -> None:
    from app.progress import services as entry

    app, ds, engine = live
    url = f"/projects/{ds.world.project.id}/reports/2019Q3"
    owner = ds.user("owner")
    version = 0
    if existing:
        first = client_of(app, owner).post(url, data=report_form(ds, 0, "first draft"))
        assert first.status_code == 302
        version = 1
    saves_before = count_events(engine, "save")
    gate(monkeypatch, entry, "flush_written")
    a, b = client_of(app, owner), client_of(app, owner)
    results = race(
        lambda: a.post(url, data=report_form(ds, version, "from A")),
        lambda: b.post(url, data=report_form(ds, version, "from B")),
    )
    statuses = sorted(r.status_code for r in results)
    assert statuses == [302, 409], [r.get_data(as_text=True)[-800:] for r in results]
    winner = "from A" if results[0].status_code == 302 else "from B"
    with Session(engine) as session:
        saved = session.scalars(
            select(ProgressReport).where(ProgressReport.project_id == ds.world.project.id)
            .where(ProgressReport.period_id == ds.world.period.id)
        ).one()  # fmt: skip
        assert saved.narrative == winner and saved.version == version + 1
    assert count_events(engine, "save") == saves_before + 1  # nothing half-written


def test_two_reviewers_approve_the_same_report_at_once(live, monkeypatch) -> None:
    from app.progress import workflow

    app, ds, engine = live
    gate(monkeypatch, workflow, "conditional_update")
    url = f"/reports/{ds.submitted.id}/approve"
    body = {"version": str(ds.submitted.version), "comment": ""}
    reviewer, admin = client_of(app, ds.user("reviewer")), client_of(app, ds.user("admin"))
    results = race(lambda: reviewer.post(url, data=body), lambda: admin.post(url, data=body))
    assert sorted(r.status_code for r in results) == [302, 409]
    with Session(engine) as session:
        report = session.get(ProgressReport, ds.submitted.id)
        assert report.status == "approved" and report.version == ds.submitted.version + 1
    assert count_events(engine, "approve") == 1


def test_import_racing_a_form_edit_of_the_same_project(live, monkeypatch, tmp_path) -> None:
    from app.audit import edits as writes
    from app.portfolio.imports import project_plan
    from tests.security import authz_matrix

    app, ds, engine = live
    shared = gate(monkeypatch, project_plan, "_update_projects")
    gate(monkeypatch, writes, "ensure_version", after=True, barrier=shared)
    row = {**PROJECT, "code": "P-1", "title": "Title from the import", "scope": "global"}
    row.update(countries="", cted_needs="", origin="", pve_priority_areas="")
    path = tmp_path / "projects.csv"
    path.write_bytes(csv_bytes([row]))
    editor = client_of(app, ds.user("owner"))
    ids = ds.ids()
    form = {**authz_matrix.project_form(ids), "title": "Title from the form"}
    runner = app.test_cli_runner()

    def run_import() -> Any:
        with app.app_context():  # as `flask` does for every command
            return runner.invoke(args=["import-projects", str(path)])

    imported, edited = race(
        run_import,
        lambda: editor.post(f"/projects/{ids['project_id']}/edit", data=form),
    )
    page = edited.get_data(as_text=True)
    import_won = imported.exit_code == 0
    form_won = edited.status_code == 302
    assert import_won != form_won, (imported.output, edited.status_code)
    with Session(engine) as session:
        project = session.get(Project, ids["project_id"])
        if import_won:
            alerts = re.findall(r"role=\"alert\">([^<]*)<", page)
            assert edited.status_code == 200 and any("Someone else saved" in a for a in alerts), (
                alerts
            )
            assert project.title == "Title from the import"
        else:
            assert imported.exit_code == 1 and "someone else changed" in imported.output
            assert project.title == "Title from the form"
        assert project.version == ids["project_version"] + 1
