"""The read endpoints describe themselves as the OpenAPI convention says: each docstring's
YAML is one GET operation whose schemas are components of app/api/schemas/reads.py, and the
description built from them is valid OpenAPI 3.1."""

from __future__ import annotations

from apispec import APISpec
from apispec.yaml_utils import load_operations_from_docstring
from apispec_webframeworks.flask import FlaskPlugin
from openapi_spec_validator import validate

from app.api.schemas.reads import SCHEMAS

READS = (
    "api.project_detail", "api.project_logframe", "api.needs", "api.periods", "api.reports",
    "api.report_thread", "api.comparison", "api.issued_reports", "api.issued_pdf",
)  # fmt: skip
SHARED = ("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict")


def test_the_read_docstrings_make_a_valid_description(app) -> None:
    spec = APISpec("reads", "1", "3.1.0", plugins=[FlaskPlugin()])
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema)
    for name in SHARED:
        spec.components.response(name, {"description": name})
    with app.test_request_context():
        for endpoint in READS:
            view = app.view_functions[endpoint]
            assert set(load_operations_from_docstring(view.__doc__ or "")) == {"get"}, endpoint
            spec.path(view=view, app=app)
    described = spec.to_dict()
    validate(described)
    assert len(described["paths"]) == len(READS)
    used = str(described["paths"])
    assert all(f"#/components/schemas/{name}" in str(described) for name in SCHEMAS), used
