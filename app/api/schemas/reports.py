"""A project's quarterly report as the API reads and writes it, and the review decisions."""

from __future__ import annotations

from typing import Any

from app.api.schemas.figures import keyed, record
from app.models.enums import ActivityStatus
from indicators.types import ReportStatus

DECIMAL: dict[str, Any] = {"type": ["number", "null"]}
# A body may give a number as a JSON number or a decimal string ("1250.5"); null leaves it empty.
DECIMAL_IN: dict[str, Any] = {"type": ["number", "string", "null"]}
TEXT: dict[str, Any] = {"type": "string"}
ACTIVITY_STATUSES = [s.value for s in ActivityStatus]

VALUE = record(
    {
        "value": DECIMAL,
        "numerator": DECIMAL,
        "denominator": DECIMAL,
        "text": TEXT,
        "explanation": {**TEXT, "description": "answers a plausibility warning"},
        "parts_incomplete": {"type": "boolean"},
        "parts": keyed({"type": "number"}),
    }
)
ACTIVITY = record(
    {
        "status": {"type": "string", "enum": ACTIVITY_STATUSES},
        "percent_complete": {"type": "integer", "minimum": 0, "maximum": 100},
        "explanation": TEXT,
    }
)
VALUE_IN = {
    **record(
        {
            "value": DECIMAL_IN,
            "numerator": DECIMAL_IN,
            "denominator": DECIMAL_IN,
            "text": {"type": ["string", "null"]},
            "explanation": {"type": ["string", "null"]},
            "parts_incomplete": {"type": ["boolean", "null"]},
            "parts": {**keyed(DECIMAL_IN), "description": "category (women, men, ...): number"},
        }
    ),
    "required": [],
}
ACTIVITY_IN = {
    **record(
        {
            "status": {"type": ["string", "null"], "enum": [*ACTIVITY_STATUSES, None]},
            "percent_complete": {"type": ["integer", "string", "null"]},
            "explanation": {"type": ["string", "null"]},
        }
    ),
    "required": [],
}
VERSION: dict[str, Any] = {
    "type": "integer",
    "minimum": 0,
    "description": "the version last read (0 for a new report); a stale one is a 409",
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Report": record(
        {
            "project": TEXT,
            "period": {"type": "string", "pattern": "^[0-9]{4}Q[1-4]$"},
            "status": {"enum": ["not_started", *(s.value for s in ReportStatus)]},
            "version": {"type": "integer", "minimum": 0},
            "narrative": TEXT,
            "review_comment": TEXT,
            "indicators": {**keyed(VALUE), "description": "keyed by indicator code"},
            "activities": {**keyed(ACTIVITY), "description": "keyed by activity id"},
        }
    ),
    "ReportBody": {
        **record(
            {
                "version": VERSION,
                "narrative": {"type": ["string", "null"]},
                "indicators": {**keyed(VALUE_IN), "description": "keyed by indicator code"},
                "activities": {**keyed(ACTIVITY_IN), "description": "keyed by activity id"},
            }
        ),
        "required": ["version"],
        "description": "An indicator or activity named replaces what is stored for it; one "
        "left out keeps its values; narrative left out keeps the stored narrative.",
    },
    "ReviewBody": {
        **record(
            {
                "version": VERSION,
                "comment": {"type": ["string", "null"], "description": "required to return"},
                "highlight": {"type": "boolean", "description": "approve only"},
            }
        ),
        "required": ["version"],
    },
}
