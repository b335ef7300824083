"""The baseline report (docs/interfaces.md section 4): the contract dict of the one model.

`baseline_report` renders `app.figures.baseline_model`'s object as the JSON-ready dict that the
command, the downloads and the API serve; the PDF and the page render the same object.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.figures import baseline_model
from app.figures.headline_figures import Figures as Figures
from app.figures.headline_figures import source_figures as source_figures
from reports.baseline_json import contract
from reports.baseline_json import flatten as flatten
from reports.formatting import locale_free


def baseline_report(
    session: Session,
    label: str,
    compare_label: str | None = None,
    reveal_confidential: bool = False,
) -> dict[str, Any]:
    """Return the baseline report as the contract's JSON-ready dict (Decimals kept exact; its
    sentences in English whatever the reader's language: data never changes with it)."""
    with locale_free():
        model = baseline_model.baseline_model(session, label, compare_label, reveal_confidential)
        return contract(model)


def live_report(session: Session, reveal_confidential: bool = False) -> dict[str, Any]:
    """Return the live portfolio's figures with the keys of the baseline report."""
    with locale_free():
        report = contract(baseline_model.live_model(session, reveal_confidential))
    report["baseline"] = {
        "label": None,
        "as_of": dt.date.today().isoformat(),
        "hash": None,
        "live": True,
    }
    return report


def clear_cache() -> None:
    """Forget every cached baseline's figures (benchmarks and tests)."""
    baseline_model.clear_cache()


def to_json(report: dict[str, Any]) -> str:
    """Serialize a report; money and shares become JSON numbers at this edge only."""
    return json.dumps(report, indent=2, ensure_ascii=False, default=_number)


def _number(value: object) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot serialize {type(value).__name__}")
