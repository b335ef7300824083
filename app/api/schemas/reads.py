"""JSON Schemas (OpenAPI 3.1) of the read endpoints' answers, registered as components.

Money, figures and shares are JSON numbers (exact decimals at the edge); dates are ISO 8601
dates, times ISO 8601 UTC ending in Z.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

NUMBER: Schema = {"type": "number"}
NUMBER_OR_NULL: Schema = {"type": ["number", "null"]}
STRING: Schema = {"type": "string"}
STRING_OR_NULL: Schema = {"type": ["string", "null"]}
DATE: Schema = {"type": "string", "format": "date"}
DATE_OR_NULL: Schema = {"type": ["string", "null"], "format": "date"}
TIME_OR_NULL: Schema = {"type": ["string", "null"], "format": "date-time"}
INTEGER: Schema = {"type": "integer"}
ACTIONS: Schema = {"type": "string", "enum": ["approve", "return", "reopen", "comment"]}


def closed(properties: dict[str, Schema]) -> Schema:
    """Return an object schema whose keys are exactly these, all required."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def ref(name: str) -> Schema:
    """Return a reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def page_of(key: str, item: str) -> Schema:
    """Return a paged answer's schema: page, pages, per_page, total and the items under key."""
    return closed(
        {
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 200},
            "total": {"type": "integer", "minimum": 0},
            key: {"type": "array", "items": ref(item)},
        }
    )


MAP_OF_NUMBERS: Schema = {"type": "object", "additionalProperties": NUMBER}

PROJECT_DETAIL = closed(
    {
        "code": STRING, "title": STRING, "entity": STRING, "pillar": STRING, "scope": STRING,
        "status": STRING, "countries": {"type": "array", "items": STRING},
        "budget_usd": NUMBER, "funded_usd": NUMBER, "shortfall_usd": NUMBER,
        "start_date": DATE_OR_NULL, "end_date": DATE_OR_NULL,
        "in_multi_year_appeal": {"type": ["boolean", "null"]},
        "gender_marker": {"type": ["integer", "null"], "minimum": 0, "maximum": 3},
        "origin": STRING_OR_NULL,
        "pve_areas": {
            "type": "array",
            "items": closed({"number": INTEGER, "name": STRING}),
        },
        "needs": {"type": "array", "items": STRING},
    }
)  # fmt: skip

APPROVED_VALUE = closed(
    {
        "period": STRING, "value": NUMBER_OR_NULL, "numerator": NUMBER_OR_NULL,
        "denominator": NUMBER_OR_NULL, "text": STRING, "parts": MAP_OF_NUMBERS,
        "parts_incomplete": {"type": "boolean"},
    }
)  # fmt: skip

LOGFRAME_INDICATOR = closed(
    {
        "code": STRING, "name": STRING, "unit": STRING, "measure": STRING,
        "direction": STRING, "cumulation": STRING, "disaggregation": STRING_OR_NULL,
        "baseline": closed(
            {"value": NUMBER_OR_NULL, "period": STRING_OR_NULL, "note": STRING}
        ),
        "life_target": NUMBER_OR_NULL,
        "targets": MAP_OF_NUMBERS,
        "values": {"type": "array", "items": ref("ApprovedValue")},
    }
)  # fmt: skip

ACTIVITY = closed(
    {
        "id": INTEGER, "title": STRING, "start_date": DATE_OR_NULL, "end_date": DATE_OR_NULL,
        "status": STRING, "percent_complete": {"type": "integer", "minimum": 0, "maximum": 100},
        "reported_in": STRING_OR_NULL,
    }
)  # fmt: skip

OUTPUT = closed(
    {
        "code": STRING,
        "title": STRING,
        "activities": {"type": "array", "items": ref("LogframeActivity")},
        "indicators": {"type": "array", "items": ref("LogframeIndicator")},
    }
)

OUTCOME = closed(
    {
        "code": STRING,
        "statement": STRING,
        "pillar": STRING,
        "indicators": {"type": "array", "items": ref("LogframeIndicator")},
        "outputs": {"type": "array", "items": ref("LogframeOutput")},
    }
)

LOGFRAME = closed(
    {
        "project": STRING,
        "outcomes": {"type": "array", "items": ref("LogframeOutcome")},
        "outputs_without_outcome": {"type": "array", "items": ref("LogframeOutput")},
    }
)

NEED = closed(
    {
        "code": STRING, "member_state": STRING, "assessment_date": DATE, "pillar": STRING,
        "thematic_area": STRING, "description": STRING, "confidential": {"type": "boolean"},
        "projects": {"type": "integer", "minimum": 0},
    }
)  # fmt: skip

PERIOD = closed(
    {
        "key": STRING, "starts_on": DATE, "ends_on": DATE, "entry_opens_on": DATE,
        "due_on": DATE, "status": {"type": "string", "enum": ["open", "locked"]},
    }
)  # fmt: skip

REPORT_ROW = closed(
    {
        "project": STRING, "period": STRING, "entity": STRING,
        "status": {"type": "string", "enum": ["draft", "submitted", "approved", "returned"]},
        "version": INTEGER, "submitted_at": TIME_OR_NULL, "reviewed_at": TIME_OR_NULL,
        "approved_at": TIME_OR_NULL,
    }
)  # fmt: skip

THREAD = closed(
    {
        "project": STRING,
        "period": STRING,
        "thread": {
            "type": "array",
            "items": closed(
                {
                    "action": ACTIONS,
                    "author": STRING, "role": STRING,
                    "at": {"type": "string", "format": "date-time"}, "text": STRING,
                }
            ),
        },
    }
)  # fmt: skip

CHANGE = closed({"absolute": NUMBER_OR_NULL, "percent": NUMBER_OR_NULL})

SIDE = closed(
    {"label": STRING_OR_NULL, "name": STRING, "as_of": DATE_OR_NULL, "live": {"type": "boolean"}}
)

READING = closed(
    {
        "periods": {"type": "object", "additionalProperties": NUMBER_OR_NULL},
        "actual": NUMBER_OR_NULL,
        "achievement_pct": NUMBER_OR_NULL,
        "status": {"type": "string", "enum": ["on_track", "at_risk", "off_track", "not_assessed"]},
    }
)

BREAKDOWN = closed(
    {
        "dimension": STRING,
        "parts": {
            "type": "array",
            "items": closed(
                {
                    "category": STRING,
                    "a": NUMBER_OR_NULL,
                    "b": NUMBER_OR_NULL,
                    "change": ref("Change"),
                }
            ),
        },
        "parts_incomplete": closed({"a": {"type": "boolean"}, "b": {"type": "boolean"}}),
    }
)

COMPARED_INDICATOR = closed(
    {
        "pillar": STRING, "level": STRING, "code": STRING, "name": STRING, "unit": STRING,
        "measure": STRING, "baseline": NUMBER_OR_NULL, "life_target": NUMBER_OR_NULL,
        "a": ref("Reading"), "b": ref("Reading"),
        "breakdown": {"oneOf": [ref("ComparedBreakdown"), {"type": "null"}]},
    }
)  # fmt: skip

COMPARISON = closed(
    {
        "a": ref("ComparisonSide"), "b": ref("ComparisonSide"),
        "filters": {"type": "object", "additionalProperties": STRING},
        "headlines": {
            "type": "array",
            "items": closed(
                {
                    "key": STRING, "kind": {"type": "string", "enum": ["count", "money", "pct"]},
                    "a": NUMBER, "b": NUMBER, "change": ref("Change"),
                }
            ),
        },
        "changes": closed(
            {
                "from": ref("ComparisonSide"), "to": ref("ComparisonSide"),
                "added": INTEGER, "removed": INTEGER, "carried_over": INTEGER,
                "status_changes": {"type": "object", "additionalProperties": INTEGER},
            }
        ),
        **page_of("indicators", "ComparedIndicator")["properties"],
    }
)  # fmt: skip

ISSUED_REPORT = closed(
    {
        "id": INTEGER, "period": STRING,
        "kind": {"type": "string", "enum": ["compact", "entity"]}, "scope": STRING,
        "language": STRING, "issued_at": TIME_OR_NULL, "issued_by": STRING_OR_NULL,
        "sha256": STRING, "size": {"type": "integer", "minimum": 0}, "pdf": STRING,
    }
)  # fmt: skip

SCHEMAS: dict[str, Schema] = {
    "ProjectDetail": PROJECT_DETAIL,
    "ApprovedValue": APPROVED_VALUE,
    "LogframeIndicator": LOGFRAME_INDICATOR,
    "LogframeActivity": ACTIVITY,
    "LogframeOutput": OUTPUT,
    "LogframeOutcome": OUTCOME,
    "Logframe": LOGFRAME,
    "Need": NEED,
    "NeedPage": page_of("needs", "Need"),
    "Period": PERIOD,
    "PeriodPage": page_of("periods", "Period"),
    "ReportRow": REPORT_ROW,
    "ReportPage": page_of("reports", "ReportRow"),
    "ReviewThread": THREAD,
    "Change": CHANGE,
    "ComparisonSide": SIDE,
    "Reading": READING,
    "ComparedBreakdown": BREAKDOWN,
    "ComparedIndicator": COMPARED_INDICATOR,
    "Comparison": COMPARISON,
    "IssuedReport": ISSUED_REPORT,
    "IssuedReportPage": page_of("issued_reports", "IssuedReport"),
}
