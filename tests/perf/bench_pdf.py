"""The Compact-wide quarterly PDF at scale: ms per page and peak memory, in a subprocess."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.perf.bench_db import Database

TIMEOUT_S = 300


def measure(database: Database) -> dict[str, Any]:
    """Render the 2019Q4 draft in a fresh interpreter and return its figures."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tests.perf.bench_pdf", database.url],
            capture_output=True,
            text=True,
            check=False,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"no PDF after {TIMEOUT_S} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def peak_mib() -> float:
    """Return this process's peak resident set in MiB.

    VmHWM belongs to the process's own address space, which exec replaces; ru_maxrss is kept
    across fork and exec on Linux, so it would report a large parent's peak instead.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(row for row in status.splitlines() if row.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _render(url: str) -> dict[str, Any]:
    from sqlalchemy.orm import Session

    from app.db import make_engine
    from app.quarterly.services import render_pdf

    engine = make_engine(url)
    before = peak_mib()
    with Session(engine) as session:
        started = time.perf_counter()
        content = render_pdf(session, "2019Q4", None, draft=True)
        seconds = time.perf_counter() - started
    peak = peak_mib()  # before the page count below: pypdf is the benchmark's tool, not the app's
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(content)).pages)
    return {
        "pages": pages,
        "seconds": seconds,
        "ms_per_page": seconds * 1000 / pages,
        "peak_rss_mib": peak,
        "rss_before_render_mib": before,
        "bytes": len(content),
    }


if __name__ == "__main__":
    import app.quarterly.services  # noqa: F401 - imports counted before the render starts
    import reports.pdf.quarterly  # noqa: F401

    print(json.dumps(_render(sys.argv[1])))
