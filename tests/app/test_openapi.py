"""The OpenAPI description: every route of the api blueprint described with every method, a
valid OpenAPI 3.1 document, public, and real answers valid against the schemas it names."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate

from app.api import schemas as schema_package
from app.api.openapi import IGNORED_METHODS, build
from app.auth.tokens import create_token
from tests.app import comparison_data
from tests.app.progress_data import world

OLD, NEW = "2018 mapping", "2019 mapping"


@pytest.fixture
def document(app) -> dict[str, Any]:
    return build(app)


@pytest.fixture
def token(db_session, make_user) -> dict[str, str]:
    comparison_data.two_baselines(db_session)
    w = world(db_session)
    w.number.disaggregation = "sex"
    secret = create_token(db_session, make_user("admin"), "openapi", "write")[1]
    return {"Authorization": f"Bearer {secret}"}


def flask_to_openapi(rule: str) -> str:
    """Return a Flask rule's path as OpenAPI writes it, independently of the generator."""
    out, depth, name = "", 0, ""
    for char in rule:
        if char == "<":
            depth, name = 1, ""
        elif char == ">":
            depth, out = 0, out + "{" + name.rpartition(":")[2] + "}"
        elif depth:
            name += char
        else:
            out += char
    return out


def test_every_rule_of_the_api_is_described_with_every_method(app, document) -> None:
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]
    assert len(rules) >= 11
    for rule in rules:
        path = flask_to_openapi(rule.rule)
        assert path in document["paths"], rule.rule
        for method in set(rule.methods or ()) - IGNORED_METHODS:
            operation = document["paths"][path].get(method.lower())
            assert operation is not None, f"{method} {rule.rule} is not described"
            assert operation["responses"] and operation["summary"], f"{method} {path}"
            assert operation["operationId"] == rule.endpoint.removeprefix("api.")


def _parameters(document, operation) -> list[dict]:
    """Return an operation's parameters, a shared one ($ref) read from the components."""
    shared = document["components"].get("parameters", {})
    return [
        shared[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p
        for p in operation.get("parameters", [])
    ]


def test_path_parameters_are_all_described(document) -> None:
    shared = set(document["components"]["parameters"])
    assert {"Page", "PerPage", "ProjectCode", "PeriodKey"} <= shared
    for path, operations in document["paths"].items():
        in_path = {part[1:-1] for part in path.split("/") if part.startswith("{")}
        for method, operation in operations.items():
            parameters = _parameters(document, operation)
            described = {p["name"] for p in parameters if p["in"] == "path"}
            assert described == in_path, f"{method} {path}"


def test_the_document_is_valid_openapi_3_1(document) -> None:
    assert document["openapi"] == "3.1.0"
    validate(document)  # raises on any error of the document
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"] == {"type": "http", "scheme": "bearer", **_desc(schemes)}
    assert schemes["sessionCookie"] == {"type": "apiKey", "in": "cookie", "name": "session"}
    assert {"bearerAuth": []} in document["security"]


def _desc(schemes: dict[str, Any]) -> dict[str, Any]:
    found = schemes["bearerAuth"].get("description")
    return {"description": found} if found else {}


def test_every_schema_module_is_registered(document) -> None:
    registered = document["components"]["schemas"]
    for info in pkgutil.iter_modules(schema_package.__path__):
        module = importlib.import_module(f"app.api.schemas.{info.name}")
        for name in getattr(module, "SCHEMAS", {}):
            assert name in registered, f"{info.name}.{name}"
    for name in ("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict"):
        assert document["components"]["responses"][name]["content"]


def test_the_description_is_public_json_and_cached(client, app) -> None:
    first = client.get("/api/v1/openapi.json")
    assert first.status_code == 200 and first.is_json
    assert first.get_json() == build(app)
    assert client.get("/api/v1/openapi.json").get_data() == first.get_data()
    assert client.get("/api/v1/projects").status_code == 401  # the rest still needs a sign-in


def test_the_index_summaries_hold_no_yaml(client, token) -> None:
    index = client.get("/api/v1", headers=token).get_json()
    for item in index["endpoints"]:
        assert "---" not in item["summary"] and "responses" not in item["summary"], item


def validator(document: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    """Return a validator of the component schema `name`, resolving the document's $refs."""
    root = {"components": document["components"], "$ref": f"#/components/schemas/{name}"}
    return jsonschema.Draft202012Validator(root)


def response_schema(document: dict[str, Any], path: str, method: str, status: str) -> str:
    """Return the component name of an operation's JSON answer for `status`."""
    response = document["paths"][path][method]["responses"][status]
    if "$ref" in response:
        return "Error"
    return str(response["content"]["application/json"]["schema"]["$ref"].rpartition("/")[2])


CALLS = [
    ("/api/v1", "/api/v1"),
    ("/api/v1/baselines", "/api/v1/baselines"),
    (f"/api/v1/baselines/{NEW}?compare={OLD}", "/api/v1/baselines/{label}"),
    (f"/api/v1/baselines/{OLD}", "/api/v1/baselines/{label}"),
    ("/api/v1/portfolio", "/api/v1/portfolio"),
    ("/api/v1/projects?per_page=3&page=2", "/api/v1/projects"),
    ("/api/v1/quarterly/2019Q3", "/api/v1/quarterly/{period}"),
    (f"/api/v1/quarterly/2019Q3?compare={OLD}", "/api/v1/quarterly/{period}"),
    ("/api/v1/projects/P-1/breakdown", "/api/v1/projects/{code}/breakdown"),
    ("/api/v1/reports/P-1/2019Q3", "/api/v1/reports/{project_code}/{period_key}"),
    ("/api/v1/reports/NOPE/2019Q3", "/api/v1/reports/{project_code}/{period_key}"),
    ("/api/v1/quarterly/1000Q1", "/api/v1/quarterly/{period}"),
    ("/api/v1/openapi.json", "/api/v1/openapi.json"),
]


@pytest.mark.parametrize(("url", "path"), CALLS)
def test_real_answers_match_their_schemas(client, document, token, url, path) -> None:
    response = client.get(url, headers=token)
    status = str(response.status_code)
    assert status in document["paths"][path]["get"]["responses"], (url, status)
    assert response.is_json
    errors = list(validator(document, response_schema(document, path, "get", status)).iter_errors(
        response.get_json()
    ))  # fmt: skip
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_written_answers_match_the_report_schema(client, document, token, db_session) -> None:
    report = "/api/v1/reports/{project_code}/{period_key}"
    saved = client.put("/api/v1/reports/P-1/2019Q3", headers=token, json={"version": 0})
    assert saved.status_code == 200
    validator(document, "Report").validate(saved.get_json())
    refused = client.put("/api/v1/reports/P-1/2019Q3", headers=token, json={"version": "x"})
    assert refused.status_code == 422 and "422" in document["paths"][report]["put"]["responses"]
    validator(document, "Error").validate(refused.get_json())
    assert validator(document, "Report").is_valid(refused.get_json()) is False
