"""The API's page for people (/developers/api): every operation of the OpenAPI description with
its method, path, summary, parameters and answers, and how to get a token.

It lives outside /api, where every answer is JSON; it is public, as the description is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from app.api.openapi import description

bp = Blueprint("developers", __name__, url_prefix="/developers", template_folder="templates")

METHODS = ("get", "put", "post", "patch", "delete")
TAGS = {
    "meta": _l("About the API"),
    "figures": _l("Baselines and figures"),
    "projects": _l("Projects"),
    "reports": _l("Quarterly reports"),
}
ANSWERS = {
    "200": _l("Success: the JSON described"),
    "400": _l("A parameter or value is not accepted; the message says which"),
    "401": _l("No usable token and no signed-in session"),
    "403": _l("The role, the entity or the token's scope may not do this"),
    "404": _l("No such project, period, baseline or report"),
    "409": _l("A stale version, or a rule of the data refused the change"),
    "422": _l("Some fields are not right: each is named with what to fix"),
}


@dataclass(frozen=True)
class Parameter:
    """One parameter of an operation: name, where it goes, whether required, its values."""

    name: str
    where: str
    required: bool
    values: str


@dataclass(frozen=True)
class Operation:
    """One operation as the page lists it."""

    method: str
    path: str
    summary: str
    parameters: list[Parameter]
    body: str | None
    answers: list[tuple[str, Any]]
    public: bool


def _values(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    if "$ref" in schema:
        return str(schema["$ref"]).rpartition("/")[2]
    limits = [f"{k} {schema[k]}" for k in ("minimum", "maximum") if k in schema]
    return " ".join([str(schema.get("type", "")), *limits]).strip()


def _operation(path: str, method: str, found: dict[str, Any], shared: dict[str, Any]) -> Operation:
    listed = [  # a shared parameter is a $ref to the components
        shared[p["$ref"].rpartition("/")[2]] if "$ref" in p else p
        for p in found.get("parameters", [])
    ]
    parameters = [
        Parameter(p["name"], p["in"], bool(p.get("required")), _values(p.get("schema", {})))
        for p in listed
    ]
    body = found.get("requestBody", {}).get("content", {}).get("application/json", {})
    answers = [(code, ANSWERS.get(code, "")) for code in sorted(found.get("responses", {}))]
    return Operation(
        method.upper(), path, found.get("summary", ""), parameters,
        _values(body["schema"]) if body else None, answers, found.get("security") == [],
    )  # fmt: skip


def grouped(document: dict[str, Any]) -> list[tuple[Any, list[Operation]]]:
    """Return the operations of `document` by tag, in the order of TAGS, then any other tag."""
    groups: dict[str, list[Operation]] = {}
    shared = document.get("components", {}).get("parameters", {})
    for path, operations in sorted(document["paths"].items()):
        for method in (m for m in METHODS if m in operations):
            found = operations[method]
            tag = (found.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append(_operation(path, method, found, shared))
    order = [t for t in TAGS if t in groups] + sorted(t for t in groups if t not in TAGS)
    return [(TAGS.get(tag, tag), groups[tag]) for tag in order]


@bp.route("/api")
def api() -> str:
    """Show the API's operations, how to authenticate and where the description is."""
    document = description()
    return render_template(
        "api/developers.html", groups=grouped(document), version=document["info"]["version"]
    )
