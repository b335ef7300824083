"""A report as JSON, turned into the report form's fields so that the API keeps every rule of
the web form (numbers, shares, parts, statuses, lengths), and the form's errors named back by
their JSON path ("indicators.IND-1.denominator").

An indicator or activity named in the body replaces what is stored for it; one left out keeps
its stored values; "narrative" left out keeps the stored narrative.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from werkzeug.datastructures import MultiDict

from app.progress.forms import initial_data
from app.progress.services import ReportScope

VALUE_KEYS = {"value": "value", "numerator": "num", "denominator": "den", "text": "text"}
VALUE_KEYS |= {"explanation": "explanation"}
ACTIVITY_KEYS = {"status": "status", "percent_complete": "percent", "explanation": "explanation"}


class BodyInvalid(Exception):
    """The body's shape is wrong; `fields` maps each JSON path to what to fix."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


def posted(value: Any) -> str | None:
    """Return a JSON value as the text a form would post (None: not posted)."""
    if value is None or value is False:
        return None
    if value is True:
        return "y"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def stored_fields(scope: ReportScope) -> dict[str, str]:
    """Return the stored report as posted form fields."""
    found = {name: posted(value) for name, value in initial_data(scope).items()}
    return {name: text for name, text in found.items() if text is not None}


def _drop(fields: dict[str, str], prefix: str) -> None:
    for name in [n for n in fields if n.startswith(prefix)]:
        del fields[name]


def form_fields(
    scope: ReportScope, body: dict[str, Any]
) -> tuple[MultiDict[str, str], dict[str, str]]:
    """Return the form fields for `body` over the stored report, and each field's JSON path."""
    fields, paths, problems = stored_fields(scope), {"version": "version"}, {}
    if not isinstance(body.get("version"), int) or isinstance(body.get("version"), bool):
        problems["version"] = "give the report's version (0 for a new report) as a whole number"
    fields["version"] = str(body.get("version"))
    if "narrative" in body:
        fields["narrative"], paths["narrative"] = posted(body["narrative"]) or "", "narrative"
    by_code = {i.code: i for i in scope.indicators}
    for code, given in _items(body, "indicators", problems):
        if code not in by_code:
            problems[f"indicators.{code}"] = "no such indicator in this project's logframe"
        elif _entry(
            given, f"indicators.{code}", set(VALUE_KEYS) | {"parts", "parts_incomplete"}, problems
        ):
            _indicator(
                fields, paths, f"ind_{by_code[code].id}", f"indicators.{code}", given, problems
            )
    own = {str(a.id) for a in scope.activities}
    for key, given in _items(body, "activities", problems):
        if key not in own:
            problems[f"activities.{key}"] = "no such activity in this project's logframe"
        elif _entry(given, f"activities.{key}", set(ACTIVITY_KEYS), problems):
            _drop(fields, f"act_{key}_")
            for name, field in ACTIVITY_KEYS.items():
                _put(
                    fields, paths, f"act_{key}_{field}", f"activities.{key}.{name}", given.get(name)
                )
    if problems:
        raise BodyInvalid(problems)
    return MultiDict(fields), paths


def _items(body: dict[str, Any], key: str, problems: dict[str, str]) -> list[tuple[str, Any]]:
    given = body.get(key, {})
    if not isinstance(given, dict):
        problems[key] = "give an object keyed by code (indicators) or id (activities)"
        return []
    return [(str(k), v) for k, v in given.items()]


def _entry(given: Any, path: str, allowed: set[str], problems: dict[str, str]) -> bool:
    if not isinstance(given, dict):
        problems[path] = "give an object"
        return False
    for name in set(given) - allowed:
        problems[f"{path}.{name}"] = f"unknown field; use {', '.join(sorted(allowed))}"
    return not set(given) - allowed


def _put(fields: dict[str, str], paths: dict[str, str], name: str, path: str, value: Any) -> None:
    paths[name] = path
    if isinstance(value, (dict, list)):
        fields[name] = "\x00"  # refused by the field as not a number or not a choice
        return
    text = posted(value)
    if text is not None:
        fields[name] = text


def _indicator(
    fields: dict[str, str], paths: dict[str, str], prefix: str, path: str, given: dict[str, Any],
    problems: dict[str, str],
) -> None:  # fmt: skip
    _drop(fields, f"{prefix}_")
    for name, field in VALUE_KEYS.items():
        _put(fields, paths, f"{prefix}_{field}", f"{path}.{name}", given.get(name))
    parts = given.get("parts") or {}
    if not isinstance(parts, dict):
        problems[f"{path}.parts"] = "give an object of category: number"
        return
    for category, value in parts.items():
        _put(fields, paths, f"{prefix}_part_{category}", f"{path}.parts.{category}", value)
    _put(
        fields,
        paths,
        f"{prefix}_incomplete",
        f"{path}.parts_incomplete",
        given.get("parts_incomplete"),
    )
    paths[f"{prefix}_value"] = f"{path}.value"


def field_errors(errors: Mapping[str, Any], paths: dict[str, str]) -> dict[str, str]:
    """Return the form's errors keyed by JSON path."""
    return {
        paths.get(name, name): "; ".join(str(m) for m in found) for name, found in errors.items()
    }
