"""Comparison downloads: time against a one-query floor streamed with csv, and peak memory."""

from __future__ import annotations

import csv
import io
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

from sqlalchemy import event

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
    from app.compare.download_rows import download_query
    from app.figures.data_source import Filters, Source

    engine = database.engine()
    with Session(engine) as session:
        baseline = get_baseline(session, BASELINE_LABEL)
        stmt = download_query(Source(baseline.id), Source(None), Filters())
        out = io.StringIO()

        def run() -> None:
            out.seek(0)
            out.truncate()
            writer = csv.writer(out)
            connection = session.connection().execution_options(stream_results=True)
            for rows in connection.execute(stmt).partitions(2000):
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
