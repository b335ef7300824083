"""Benchmark the Compact-wide quarterly PDF: python -m tests.perf.pdf_bench --projects 2000.

Builds a SQLite database with the seed-scale generator (and the benchmark's frozen baseline),
renders the 2019Q4 draft in a fresh interpreter and prints one JSON line. Time per page covers
assembling the report from the database and rendering it (imports excluded). Peak memory is
the render subprocess's VmHWM: the whole process's peak resident set, interpreter, imports,
query results and PDF bytes included.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from tests.perf import bench_db, bench_pdf

GOAL_MS = 50
GOAL_MIB = 200


def run(projects: int) -> dict[str, Any]:
    """Seed a SQLite database of this size, render the report and return the JSON figure."""
    database = bench_db.create("sqlite", projects)
    try:
        timings = bench_db.build(database)
        found = bench_pdf.measure(database)
    finally:
        bench_db.drop(database)
    ms = float(found.get("ms_per_page", math.nan))
    mib = float(found.get("peak_rss_mib", math.nan))
    return {
        "figure": "pdf_ms_per_page",
        "projects": projects,
        "pages": found.get("pages"),
        "ms_per_page": round(ms, 1),
        "peak_mib": round(mib, 1),
        "goal_ms": GOAL_MS,
        "goal_mib": GOAL_MIB,
        "met": ms <= GOAL_MS and mib <= GOAL_MIB,
        "seconds": round(float(found.get("seconds", math.nan)), 2),
        "memory": "VmHWM of the render subprocess",
        "seed_s": round(timings["seed_s"], 1),
        **({"error": found["error"]} if "error" in found else {}),
    }


def main() -> None:
    """Parse --projects and print the benchmark's JSON line."""
    parser = argparse.ArgumentParser(prog="python -m tests.perf.pdf_bench", description=__doc__)
    parser.add_argument("--projects", type=int, default=2000)
    args = parser.parse_args()
    print(json.dumps(run(args.projects)), flush=True)


if __name__ == "__main__":
    main()
