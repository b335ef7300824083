"""Helpers of the read API's tests: a read token per role, schema checks, statement counts."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.api.schemas.reads import SCHEMAS
from app.auth.tokens import create_token
from tests.app.comparison_helpers import counted

# Who calls: the role and entity of each caller the tests compare.
CALLERS = {
    "admin": ("admin", None),
    "own_focal_point": ("focal_point", "UNODC"),
    "other_focal_point": ("focal_point", "UNOCT"),
    "reviewer": ("reviewer", None),
    "viewer": ("viewer", None),
    "cted": ("cted", None),
}


def read_tokens(session: Session, make_user: Any) -> dict[str, dict[str, str]]:
    """Return an Authorization header with a read-scope token for each caller."""
    headers = {}
    for name, (role, entity) in CALLERS.items():
        _, secret = create_token(session, make_user(role, entity), f"{name} tests", "read")
        headers[name] = {"Authorization": f"Bearer {secret}"}
    return headers


def valid(body: Any, name: str) -> Any:
    """Assert an answer matches its component schema; return it."""
    schema = {"$ref": f"#/components/schemas/{name}", "components": {"schemas": SCHEMAS}}
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(body)]
    assert not errors, errors[:3]
    return body


def get(client: FlaskClient, url: str, header: dict[str, str], status: int = 200) -> Any:
    """GET a JSON answer, assert its status, return the body."""
    response = client.get(url, headers=header)
    assert response.status_code == status, (url, response.status_code, response.text[:300])
    assert response.is_json, url
    return response.get_json()


def statements(connection: Connection, client: FlaskClient, url: str, header: Any) -> int:
    """Count the statements one successful call runs."""
    with counted(connection) as found:
        assert client.get(url, headers=header).status_code == 200, url
    return len(found)
