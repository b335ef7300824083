"""Comparison downloads: time against a one-query floor streamed with csv, and peak memory."""

from __future__ import annotations

import csv
import io
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select

from app.devdata.scale import SCALE_PASSWORD
from tests.perf.bench_db import BASELINE_LABEL, Database

ADMIN = "scale-admin@example.org"
SECRET = "b" * 48
PATHS = {
    "csv_vs_live": f"/compare.csv?a={BASELINE_LABEL}",
    "xlsx_vs_live": f"/compare.xlsx?a={BASELINE_LABEL}",
    "parts_csv_vs_live": f"/compare/parts.csv?a={BASELINE_LABEL}",
}


def _client(database: Database) -> tuple[Any, Any]:
    """Return an app and a test client signed in as the scale admin."""
    from app import create_app

    app = create_app(
        {"DATABASE_URL": database.url, "SECRET_KEY": SECRET, "WTF_CSRF_ENABLED": False}
    )
    client = app.test_client()
    client.post("/login", data={"email": ADMIN, "password": SCALE_PASSWORD})
    return app, client


def _fetch(client: Any, path: str) -> int:
    """GET a download and read it chunk by chunk, as a browser would; return its size."""
    response = client.get(path, buffered=False)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: {response.status_code}")
    size = sum(len(chunk) for chunk in response.iter_encoded())
    response.close()
    return size


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    """Return the seconds a call takes and what it returns."""
    started = time.perf_counter()
    result = func()
    return time.perf_counter() - started, result


def peak_mib(func: Callable[[], Any]) -> float:
    """Return the peak of Python allocations during a call, in MiB (tracemalloc)."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def floor_seconds(database: Database) -> float:
    """Run the downloads' one ordered query and write its rows with the csv module."""
    from sqlalchemy.orm import Session

    from app.baselines.services import get_baseline
    from app.compare.download_rows import values_query
    from app.figures.data_source import Source
    from app.figures.queries import definitions_select

    engine = database.engine()
    with Session(engine) as session:
        baseline = get_baseline(session, BASELINE_LABEL)
        found = values_query(Source(baseline.id), Source(None), "").subquery()
        defs = definitions_select("").order_by(None).subquery()
        stmt = (  # every column the files need, in their order, in one query
            select(defs, found)
            .outerjoin(found, found.c.code == defs.c.code)
            .order_by(defs.c.pillar, defs.c.code, found.c.side, found.c.key, found.c.category)
        )
        out = io.StringIO()

        def run() -> None:
            out.seek(0)
            out.truncate()
            writer = csv.writer(out)
            stream = {"yield_per": 2000}
            for rows in session.connection().execute(stmt, execution_options=stream).partitions():
                writer.writerows(rows)

        seconds, _ = timed(run)
    engine.dispose()
    return seconds


def measure(database: Database, with_memory: bool = True) -> dict[str, Any]:
    """Time each download (and its peak memory), and the floor."""
    app, client = _client(database)
    statements: list[str] = []
    event.listen(
        app.extensions["db_engine"], "before_cursor_execute", lambda *a: statements.append(a[2])
    )
    found: dict[str, Any] = {}
    for name, path in PATHS.items():
        statements.clear()
        seconds, size = timed(lambda p=path: _fetch(client, p))  # type: ignore[misc]
        found[name] = {"seconds": round(seconds, 2), "bytes": size, "statements": len(statements)}
        if with_memory:
            found[name]["peak_mib"] = round(peak_mib(lambda p=path: _fetch(client, p)), 1)  # type: ignore[misc]
    app.extensions["db_engine"].dispose()
    return found


def page_size(database: Database) -> dict[str, Any]:
    """Return the comparison page's size and time, and the trivial page's time, warmed up."""
    _, client = _client(database)
    path = f"/compare?a={BASELINE_LABEL}"
    client.get(path)  # the process's first load of a baseline checks its hash
    seconds, body = timed(lambda: client.get(path).get_data())
    trivial, _ = timed(lambda: client.get("/healthz").get_data())
    return {"kib": round(len(body) / 1024, 1), "seconds": round(seconds, 3), "trivial_s": trivial}


def report(database: Database, emit: Callable[..., None]) -> None:
    """Measure the downloads and the page, and emit one line per figure with its goal."""
    found = measure(database)
    floor = floor_seconds(database)
    size = database.size
    for name, figure in (("csv_vs_live", "comparison_csv_vs_floor"),
                         ("xlsx_vs_live", "comparison_xlsx_vs_floor")):  # fmt: skip
        ratio = round(found[name]["seconds"] / floor, 2)
        emit(figure, database.kind, ratio, size=size, floor_s=round(floor, 2), **found[name])
    worst = max(f["peak_mib"] for f in found.values())
    emit("comparison_download_peak_mib", database.kind, worst, size=size)
    page = page_size(database)
    emit("comparison_page_kib", database.kind, page["kib"], size=size, **page)
