"""The read endpoints describe themselves as the OpenAPI convention says: each docstring's
YAML is one GET operation whose schemas are components of app/api/schemas/reads.py, and the
description built from them is valid OpenAPI 3.1."""

from __future__ import annotations

from apispec.yaml_utils import load_operations_from_docstring
from openapi_spec_validator import validate

from app.api import openapi
from app.api.schemas.reads import SCHEMAS

READS = (
    "api.project_detail", "api.project_logframe", "api.needs", "api.periods", "api.reports",
    "api.report_thread", "api.comparison", "api.issued_reports", "api.issued_pdf",
)  # fmt: skip


def test_the_read_docstrings_make_a_valid_description(app) -> None:
    """Built from the docstrings with the shared components (parameters, error answers) as
    app.api.openapi builds the whole description."""
    spec = openapi._spec()
    with app.test_request_context():
        for endpoint in READS:
            view = app.view_functions[endpoint]
            assert set(load_operations_from_docstring(view.__doc__ or "")) == {"get"}, endpoint
            spec.path(view=view, app=app)
    described = spec.to_dict()
    for operations in described["paths"].values():
        for operation in operations.values():
            for response in operation["responses"].values():
                if "$ref" not in response:
                    response.setdefault("description", "OK")  # as openapi.build fills it in
    validate(described)
    assert len(described["paths"]) == len(READS)
    used = str(described)  # by a path, or by a schema a path uses
    assert all(f"#/components/schemas/{name}" in used for name in SCHEMAS), used
