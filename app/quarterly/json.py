"""The quarterly headline figures as JSON (the API's /api/v1/quarterly/PERIOD)."""

from __future__ import annotations

from typing import Any

from app.quarterly.build import Headlines
from reports.content import PortfolioState
from reports.formatting import locale_free


def state_json(state: PortfolioState) -> dict[str, Any]:
    """Return a state's baseline label (None when live), as-of date and description (in
    English whatever the reader's language: data never changes with it)."""
    with locale_free():
        text = state.describe()
    return {
        "baseline": state.baseline,
        "as_of": state.as_of.isoformat(),
        "live": state.baseline is None,
        "text": text,
    }


def headlines_json(period: str, entity: str | None, top: Headlines) -> dict[str, Any]:
    """Return the headline figures with the state they show and the comparison they use."""
    compared = top.compared_with
    return {
        "period": period,
        "scope": entity or "compact",
        "state": state_json(top.state),
        "compare": state_json(compared) if compared is not None else None,
        "headlines": [
            {"label": h.label, "value": h.value, "change": h.change_since_previous}
            for h in top.rows
        ],
    }
