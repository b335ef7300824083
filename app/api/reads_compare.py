"""The comparison through the API: two sources' headline figures, what changed, and one page of
the indicators read on both sides, from the very functions of /compare (app/compare/).

A is a baseline's label (absent: the newest baseline, empty: the live portfolio); B a label or,
empty or absent, the live portfolio. A label naming no baseline is a 400 naming `a` or `b`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import Response, request
from flask_login import current_user

from app import db
from app.api import read_params as params
from app.api.views import _json, bp
from app.compare.comparison import Screen, Side, build_screen
from app.compare.indicator_parts import Breakdown
from app.compare.indicator_performance import IndicatorRow, Reading, performance_page
from app.compare.params import Options, load_options
from app.figures.data_source import Filters
from indicators.deltas import Delta

HUNDRED = Decimal(100)
LABEL = "a baseline label (see /api/v1/baselines), or nothing for the live portfolio"


def _sources(options: Options) -> tuple[str, str]:
    """Read A and B: a baseline label each, or "" for the live portfolio."""
    default_a = options.labels[0] if options.labels else ""
    a = params.choice("a", options.labels, LABEL)
    b = params.choice("b", options.labels, LABEL)
    return (a if "a" in request.args else default_a), b


def _filters(options: Options) -> Filters:
    """Read the filters; a value that is not among the choices is a 400."""
    return Filters(
        pillar=params.choice("pillar", options.pillars),
        entity=params.choice("entity", options.entities),
        scope=params.choice("scope", options.scopes),
        member_state=params.choice("member_state", options.member_states, "an ISO alpha-3 code"),
    )


def change_json(change: Delta) -> dict[str, Any]:
    """Return a change: the absolute difference and the percentage, each null when undefined."""
    return {"absolute": change.absolute, "percent": change.percent}


def side_json(side: Side) -> dict[str, Any]:
    """Return which source a side reads."""
    as_of = side.as_of.isoformat() if side.as_of else None
    return {"label": side.key or None, "name": side.name, "as_of": as_of, "live": side.live}


def reading_json(reading: Reading) -> dict[str, Any]:
    """Return one side's approved actuals of an indicator and what they achieve."""
    ratio = reading.achievement
    return {
        "periods": dict(reading.periods),
        "actual": reading.actual,
        "achievement_pct": None if ratio is None else ratio * HUNDRED,
        "status": reading.status.value,
    }


def breakdown_json(found: Breakdown | None) -> dict[str, Any] | None:
    """Return a disaggregated indicator's parts on both sides, or None."""
    if found is None:
        return None
    rows = [
        {"category": r.category, "a": r.a, "b": r.b, "change": change_json(r.change)}
        for r in found.rows
    ]
    incomplete = {"a": found.a_incomplete, "b": found.b_incomplete}
    return {"dimension": found.dimension.value, "parts": rows, "parts_incomplete": incomplete}


def indicator_json(row: IndicatorRow) -> dict[str, Any]:
    """Return an indicator's definition and its readings on both sides."""
    return {
        "pillar": row.pillar, "level": row.level, "code": row.code, "name": row.name,
        "unit": row.unit, "measure": row.measure, "baseline": row.baseline,
        "life_target": row.target, "a": reading_json(row.a), "b": reading_json(row.b),
        "breakdown": breakdown_json(row.breakdown),
    }  # fmt: skip


def screen_json(screen: Screen) -> dict[str, Any]:
    """Return the headline figures on both sides and the projects' changes."""
    moved = screen.comparison
    return {
        "a": side_json(screen.a), "b": side_json(screen.b),
        "filters": screen.filters.as_dict(),
        "headlines": [
            {"key": h.key, "kind": h.kind, "a": h.a, "b": h.b, "change": change_json(h.change)}
            for h in screen.headlines
        ],
        "changes": {
            "from": side_json(screen.old), "to": side_json(screen.new),
            "added": len(moved.added), "removed": len(moved.removed),
            "carried_over": len(moved.carried_over), "status_changes": moved.status_changes,
        },
    }  # fmt: skip


@bp.route("/comparison")
def comparison() -> Response:
    """Return two sources' headline figures, changes and one page of indicators on both sides.

    ---
    get:
      tags: [comparison]
      parameters:
        - {in: query, name: a, schema: {type: string}, description: "a baseline label; empty: live"}
        - {in: query, name: b, schema: {type: string}, description: "a baseline label; empty: live"}
        - {in: query, name: pillar, schema: {type: string, enum: [I, II, III, IV]}}
        - {in: query, name: entity, schema: {type: string}}
        - {in: query, name: scope, schema: {type: string}}
        - {in: query, name: member_state, schema: {type: string}}
        - Page
        - PerPage
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Comparison"}
        "409": {$ref: "#/components/responses/Conflict"}
    """
    session, reveal = db.session(), bool(current_user.sees_confidential)
    options = load_options(session, reveal)
    (a, b), filters = _sources(options), _filters(options)
    number, size = params.page(), params.per_page()
    screen = build_screen(session, a, b, filters, reveal, indicator_page=None)
    found = performance_page(
        session, screen.a.source, screen.b.source, filters.pillar, number, size
    )
    rows = [indicator_json(row) for group in found.groups.values() for row in group]
    return _json(
        screen_json(screen) | params.paged("indicators", rows, found.page, size, found.total)
    )
