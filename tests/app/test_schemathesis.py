"""schemathesis against the live app (a real server, its own seeded database, an admin's
write token): no server error, and every answer is one the description documents (status code,
content type, body); then a report saved and submitted through the PUT answer's link."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.specs.openapi.schemas import OpenApiSchema

from app import create_app
from app.api.openapi import build
from tests.app.openapi_live import Seeded, own_database, seed
from tests.browser.conftest import serving
from tests.conftest import TEST_KEY

pytestmark = pytest.mark.schemathesis
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))  # deeper runs: raise it
NEW = "2019 mapping"  # the newer of the two baselines the seed freezes
CHECKS = (
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
)


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Seeded]]:
    """Serve the app over a database of its own, seeded, on a free port."""
    with own_database(tmp_path_factory.mktemp("schemathesis")) as url:
        seeded = seed(url)
        with serving(url) as server:
            yield server.url, seeded


@pytest.fixture(scope="module")
def api_schema(seeded_server: tuple[str, Seeded]) -> OpenApiSchema:
    """Load the live description, authenticated with the admin's token, on the seeded keys."""
    base, seeded = seeded_server
    schema = schemathesis.openapi.from_url(f"{base}/api/v1/openapi.json")
    schema.config.update(base_url=base, headers={"Authorization": f"Bearer {seeded.token}"})
    return schema


@pytest.fixture(scope="module")
def seeded_keys(seeded_server: tuple[str, Seeded]) -> dict[str, str]:
    """Return the path parameters that name seeded data, by name."""
    seeded = seeded_server[1]
    keys = {"project_code": seeded.project, "code": seeded.project, "label": NEW}
    return keys | {"period_key": seeded.period, "period": seeded.period}


def operations() -> list[Any]:
    """Return (METHOD, path) of every operation the description documents."""
    app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": TEST_KEY, "TESTING": True})
    paths = build(app)["paths"]
    return [
        pytest.param(method.upper(), path, id=f"{method.upper()} {path}")
        for path in sorted(paths)
        for method in sorted(paths[path])
    ]


# schemathesis's own pytest plugin (`from_fixture`) does not run on pytest 9, so each operation
# is a test here that draws its cases from the operation's hypothesis strategy.
@pytest.mark.parametrize(("method", "path"), operations())
def test_every_answer_is_documented_and_none_is_a_server_error(
    api_schema: OpenApiSchema, seeded_keys: dict[str, str], method: str, path: str
) -> None:
    operation = api_schema[path][method]

    cases = st.one_of([operation.as_strategy(generation_mode=mode) for mode in GenerationMode])

    @given(case=cases, seeded=st.booleans())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def examine(case: Case, seeded: bool) -> None:
        if seeded and case.path_parameters:  # half the cases on real data, half on made-up keys
            given_keys = case.path_parameters.items()
            case.path_parameters = {k: seeded_keys.get(k, v) for k, v in given_keys}
        case.call_and_validate(checks=list(CHECKS))

    examine()


def report_body(seeded: Seeded, version: int) -> dict[str, Any]:
    """Return a complete report for the seeded project: every indicator and the activity."""
    number, percent, text = seeded.indicator_codes
    return {
        "version": version,
        "narrative": "Trained 12 border officers.",
        "indicators": {
            number: {"value": 12, "parts": {"women": 5, "men": 7}, "parts_incomplete": False},
            percent: {"numerator": 3, "denominator": 4},
            text: {"text": "Draft law tabled"},
        },
        "activities": {str(seeded.activity): {"status": "ongoing", "percent_complete": 40}},
    }


def call(case: Case, token: str) -> Any:
    """Send a hand-made case with `token` and check its answer as the fuzzing does."""
    return case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=list(CHECKS))


def follow(link: dict[str, Any], request_path: dict[str, str], answer: dict[str, Any]) -> Any:
    """Evaluate a link's runtime expressions ($request.path.NAME, $response.body#/KEY)."""

    def value(expression: Any) -> Any:
        if not isinstance(expression, str) or not expression.startswith("$"):
            return expression
        if expression.startswith("$request.path."):
            return request_path[expression.removeprefix("$request.path.")]
        return answer[expression.removeprefix("$response.body#/")]

    parameters = {name: value(e) for name, e in link.get("parameters", {}).items()}
    return parameters, {name: value(e) for name, e in link["requestBody"].items()}


def test_a_report_is_saved_then_submitted_through_the_link_then_approved(
    api_schema: OpenApiSchema, seeded_server: tuple[str, Seeded]
) -> None:
    seeded = seeded_server[1]
    report = "/api/v1/reports/{project_code}/{period_key}"
    keys = {"project_code": seeded.flow_project, "period_key": seeded.period}
    before = call(api_schema[report]["GET"].Case(path_parameters=keys), seeded.token)
    assert before.json()["status"] == "not_started" and before.json()["version"] == 0

    body = report_body(seeded, before.json()["version"])
    put = api_schema[report]["PUT"].Case(path_parameters=keys, body=body)
    saved = call(put, seeded.token)
    assert saved.status_code == 200 and saved.json()["status"] == "draft"
    assert saved.json()["version"] > before.json()["version"]

    link = api_schema.raw_schema["paths"][report]["put"]["responses"]["200"]["links"]["submit"]
    parameters, link_body = follow(link, keys, saved.json())
    submit = next(
        op for op in (r.ok() for r in api_schema.get_all_operations())
        if op.definition.raw.get("operationId") == link["operationId"]
    )  # fmt: skip
    submitted = submit.Case(path_parameters=parameters, body=body | link_body)
    answer = call(submitted, seeded.token)
    assert answer.status_code == 200 and answer.json()["status"] == "submitted"

    review = api_schema[report + "/{action}"]["POST"]
    decision = {"version": answer.json()["version"], "comment": "Checked.", "highlight": False}
    approved = review.Case(path_parameters=keys | {"action": "approve"}, body=decision)
    final = call(approved, seeded.reviewer_token)
    assert final.status_code == 200 and final.json()["status"] == "approved"
    stale = review.Case(path_parameters=keys | {"action": "return"}, body=decision)
    assert call(stale, seeded.reviewer_token).status_code == 409
