"""The shapes every part of the API shares: the error body and the index of endpoints."""

from __future__ import annotations

from typing import Any

STRING_MAP: dict[str, Any] = {"type": "object", "additionalProperties": {"type": "string"}}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "description": "Every error under /api: a stable code word and what to fix.",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string", "examples": ["not_found"]},
            "message": {"type": "string"},
            "fields": {**STRING_MAP, "description": "each field by its JSON path: what to fix"},
            "version": {"type": "integer", "description": "the stored version (409 only)"},
        },
    },
    "Index": {
        "type": "object",
        "required": ["api", "authentication", "max_per_page", "endpoints"],
        "additionalProperties": False,
        "properties": {
            "api": {"const": "v1"},
            "authentication": {"type": "string"},
            "max_per_page": {"type": "integer", "minimum": 1},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "methods", "summary"],
                    "additionalProperties": False,
                    "properties": {
                        "path": {"type": "string"},
                        "methods": {"type": "array", "items": {"type": "string"}},
                        "summary": {"type": "string"},
                    },
                },
            },
        },
    },
    "OpenAPI": {
        "type": "object",
        "description": "This description (OpenAPI 3.1).",
        "required": ["openapi", "info", "paths"],
        "properties": {"openapi": {"type": "string"}, "info": {"type": "object"}},
    },
}
