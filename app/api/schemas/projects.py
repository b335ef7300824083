"""The project list and a project's disaggregated figures."""

from __future__ import annotations

from typing import Any

from indicators.portfolio import PILLAR_KEYS, SCOPE_KEYS
from indicators.types import ProjectStatus

MONEY: dict[str, Any] = {"type": "number", "minimum": 0, "description": "US dollars"}

PROJECT: dict[str, Any] = {
    "type": "object",
    "required": [
        "code", "title", "entity", "pillar", "scope", "status", "budget_usd", "funded_usd"
    ],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string"},
        "title": {"type": "string"},
        "entity": {"type": "string", "description": "the implementing entity's acronym"},
        "pillar": {"type": "string", "enum": list(PILLAR_KEYS)},
        "scope": {"type": "string", "enum": list(SCOPE_KEYS)},
        "status": {"type": "string", "enum": [s.value for s in ProjectStatus]},
        "budget_usd": MONEY,
        "funded_usd": MONEY,
    },
}  # fmt: skip

BREAKDOWN: dict[str, Any] = {
    "type": "object",
    "required": ["code", "dimension", "parts", "women_share_percent"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "description": "the indicator's code"},
        "dimension": {"type": "string", "examples": ["sex", "age", "country"]},
        "parts": {
            "type": "object",
            "description": "category: decimal string",
            "additionalProperties": {"type": "string"},
        },
        "women_share_percent": {"type": ["string", "null"], "examples": ["41.7"]},
    },
}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Project": PROJECT,
    "ProjectPage": {
        "type": "object",
        "required": ["page", "pages", "per_page", "total", "projects"],
        "additionalProperties": False,
        "properties": {
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": 200},
            "total": {"type": "integer", "minimum": 0},
            "projects": {"type": "array", "items": {"$ref": "#/components/schemas/Project"}},
        },
    },
    "Breakdown": BREAKDOWN,
    "ProjectBreakdown": {
        "type": "object",
        "required": ["project", "indicators"],
        "additionalProperties": False,
        "properties": {
            "project": {"type": "string"},
            "indicators": {"type": "array", "items": {"$ref": "#/components/schemas/Breakdown"}},
        },
    },
}
