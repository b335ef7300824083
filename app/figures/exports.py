"""Turn the baseline report into the bytes of each download format."""

from __future__ import annotations

from typing import Any

from app.figures.baseline_report import flatten, to_json
from reports.baseline_content import BaselineModel
from reports.baseline_json import contract
from reports.formatting import locale_free
from reports.tabular import to_csv, to_xlsx


def render_model(model: BaselineModel, fmt: str) -> bytes:
    """Return the baseline report model as JSON, CSV or XLSX bytes (the PDF: reports.pdf).

    These are data: their key messages are written in English whatever the reader's language."""
    with locale_free():
        return render_baseline(contract(model), fmt)


def render_baseline(figures: dict[str, Any], fmt: str) -> bytes:
    """Return the baseline report's contract dict as JSON, CSV or XLSX bytes."""
    if fmt == "json":
        return (to_json(figures) + "\n").encode()
    if fmt == "csv":
        return to_csv(["figure", "value"], flatten(figures))
    if fmt == "xlsx":
        return to_xlsx({"Baseline": (["figure", "value"], flatten(figures))})
    raise ValueError(f"unknown format {fmt!r}")
