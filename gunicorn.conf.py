"""Gunicorn's settings for the tracker; `gunicorn` reads this file from the directory it starts in
(the repository's root: `gunicorn -w 4 --timeout 120 'app:create_app()'`).

Commands start without ReportLab and openpyxl (docs/performance.md, "Start-up"): the pages that
use them import them on first use. A worker imports them once it has booted, before it takes a
request, so that no reader waits for an import (the baseline report's first view in a worker
took 250 to 340 ms more at 20,000 projects on PostgreSQL, its figures already shared).
"""

from __future__ import annotations

import importlib
from typing import Any

# What the pages and downloads import on first use: the PDF reports (ReportLab, whose framing
# the baseline report page reads) and the XLSX downloads (openpyxl).
WARMED = ("reports.pdf.baseline", "reports.pdf.quarterly", "openpyxl", "reports.tabular")


def post_worker_init(worker: Any) -> None:
    """Import what the pages load on first use, in each worker before its first request."""
    for name in WARMED:
        importlib.import_module(name)
