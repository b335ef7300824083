"""The figures: baselines, a baseline's (or the live portfolio's) report, quarterly headlines.

A report's maps are keyed by data (pillar, scope, entity acronym, Member State, year), so they
are described by the shape of their values (`additionalProperties`).
"""

from __future__ import annotations

from typing import Any

INT: dict[str, Any] = {"type": "integer"}
NUMBER: dict[str, Any] = {"type": "number"}
SHARE: dict[str, Any] = {"type": ["number", "null"], "description": "per cent, one decimal"}
TEXT: dict[str, Any] = {"type": "string"}
DATE: dict[str, Any] = {"type": "string", "format": "date"}


def record(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """Return an object schema holding exactly `properties`, all required but `optional`."""
    required = [name for name in properties if name not in optional]
    return {
        "type": "object",
        "required": required,
        "additionalProperties": False,
        "properties": properties,
    }


def keyed(value: dict[str, Any]) -> dict[str, Any]:
    """Return a map schema: any key, each value of the shape `value`."""
    return {"type": "object", "additionalProperties": value}


COUNT_SHARE = record({"count": INT, "share_pct": SHARE})
COVERAGE = record({"total": INT, "addressed": INT, "coverage_pct": SHARE})
PILLAR_COUNTS = record({"I": INT, "II": INT, "III": INT, "IV": INT, "total": INT})
STATE = record(
    {
        "baseline": {"type": ["string", "null"]},
        "as_of": DATE,
        "live": {"type": "boolean"},
        "text": TEXT,
    }
)

REPORT_PROPERTIES: dict[str, Any] = {
    "baseline": record(
        {
            "label": {"type": ["string", "null"], "description": "null for the live portfolio"},
            "as_of": DATE,
            "hash": {"type": ["string", "null"], "pattern": "^sha256:[0-9a-f]{64}$"},
            "live": {"const": True},
        },
        optional=("live",),
    ),
    "projects": INT,
    "implementing_entities": INT,
    "by_pillar": keyed(COUNT_SHARE),
    "by_scope": keyed(COUNT_SHARE),
    "by_status": keyed(COUNT_SHARE),
    "budget_usd": record({"total": NUMBER, "active": NUMBER, "completed": NUMBER}),
    "funded_usd": NUMBER,
    "shortfall_usd": NUMBER,
    "shortfall_pct_of_active": SHARE,
    "in_multi_year_appeal": INT,
    "cted_needs": COVERAGE,
    "by_entity_pillar": keyed(PILLAR_COUNTS),
    "by_pve_priority_area": keyed(record({"title": TEXT, "count": INT, "share_pct": SHARE})),
    "seed_funding": keyed(record({"projects": INT, "total_usd": NUMBER})),
    "multi_year_appeal": record(
        {
            "definition": TEXT,
            "projects": INT,
            "requirement_usd": NUMBER,
            "funded_usd": NUMBER,
            "shortfall_usd": NUMBER,
        }
    ),  # fmt: skip
    "gender_marker": record(
        {
            "target_pct": NUMBER,
            "target_measure": TEXT,
            "toward_target_pct": SHARE,
            "markers": keyed(
                record(
                    {
                        "projects": INT,
                        "budget_usd": NUMBER,
                        "budget_share_pct": SHARE,
                        "counts_toward_target": {"type": "boolean"},
                    }
                )
            ),  # fmt: skip
        }
    ),
    "cted_needs_coverage": record(
        {
            "by_pillar": keyed(COVERAGE),
            "by_member_state": keyed(COVERAGE),
            "by_thematic_area": keyed(COVERAGE),
            "confidential": record({"total": INT, "addressed": INT}),
        }
    ),
    "compare": record(
        {
            "label": TEXT,
            "as_of": DATE,
            "projects": INT,
            "added": INT,
            "removed": INT,
            "carried_over": INT,
            "status_changes": {**keyed(INT), "description": "before->after: projects"},
            "delta": {**keyed(NUMBER), "description": "this report's figure minus the other's"},
        }
    ),
    "key_messages": {"type": "array", "items": TEXT},
}
# Present only when the report has them (the appeal, the gender markers, needs, a comparison).
OPTIONAL = ("multi_year_appeal", "gender_marker", "cted_needs_coverage", "compare")

SCHEMAS: dict[str, dict[str, Any]] = {
    "BaselineList": record(
        {
            "baselines": {
                "type": "array",
                "items": record(
                    {"label": TEXT, "as_of": DATE, "hash": {"type": "string"}},
                ),
            }
        }
    ),
    "BaselineReport": record(REPORT_PROPERTIES, optional=OPTIONAL),
    "State": STATE,
    "Quarterly": record(
        {
            "period": {"type": "string", "pattern": "^[0-9]{4}Q[1-4]$"},
            "scope": {"type": "string", "description": "an entity's acronym, or compact"},
            "state": {"$ref": "#/components/schemas/State"},
            "compare": {
                "oneOf": [{"$ref": "#/components/schemas/State"}, {"type": "null"}],
                "description": "the state the changes compare with (null: no comparison)",
            },
            "headlines": {
                "type": "array",
                "items": record(
                    {"label": TEXT, "value": TEXT, "change": {"type": ["string", "null"]}}
                ),
            },
        }
    ),
}
