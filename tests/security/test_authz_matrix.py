"""Walk the authorisation matrix (tests/security/authz_matrix.py) with every role
(RELIABILITY T01-T05, T09, T20): the status is the one listed, and a refused request leaves
every table of the database as it was."""

from __future__ import annotations

from typing import Any

import pytest

from tests.security import authz_matrix
from tests.security.fingerprint import changed, fingerprint

ROWS = authz_matrix.rows()


def _id(row: tuple[str, str, str, str, int]) -> str:
    endpoint, method, path, role, status = row
    return f"{method} {path} as {role} -> {status}"


@pytest.mark.parametrize("row", ROWS, ids=[_id(r) for r in ROWS])
def test_matrix(row, ds, as_role, connection) -> None:
    endpoint, method, path, role, expected = row
    client = as_role(role)
    ids = ds.ids()
    url = path.format(**ids)
    before = fingerprint(connection)
    if endpoint in authz_matrix.JSON_BODIES:
        body = authz_matrix.JSON_BODIES[endpoint](ids)
        response = client.open(url, method=method, json=body)
    elif method == "POST":
        response = client.post(url, data=authz_matrix.form_for(endpoint, path, ids))
    else:
        response = client.get(url)
    body = response.get_data().decode("utf-8", "replace")
    assert response.status_code == expected, body[:2000]
    if expected == 302 and role == "anonymous":
        assert "/login" in response.headers["Location"]
    refused = expected >= 400 or (role == "anonymous" and expected == 302)
    if refused or method == "GET":
        # Refused before any write; and GET never writes (beyond the sign-in already done).
        assert changed(before, fingerprint(connection)) == []
    if refused:
        assert "Traceback" not in body and "Border project" not in body


def _normalise(rule: str) -> str:
    import re

    return re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>", r"{\1}", rule)


def test_every_rule_is_in_the_matrix(app) -> None:
    """A rule added to the app without a line in the matrix fails here."""
    listed = {(e, m) for e, m, *_ in authz_matrix.MATRIX}
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if (rule.endpoint, method) not in listed:
                missing.append(f"{method} {rule.rule} ({rule.endpoint})")
    assert missing == []
    methods: dict[str, set[str]] = {}
    for r in app.url_map.iter_rules():
        methods.setdefault(_normalise(r.rule), set()).update(
            (r.methods or set()) - {"HEAD", "OPTIONS"}
        )
    post_only = {path for path, found in methods.items() if found == {"POST"}}
    assert post_only <= {
        p.replace("/approve", "/{action}").replace("{label}", "{label}")
        for p in authz_matrix.POST_ONLY
    }


def test_matrix_size_is_printed(capsys: Any) -> None:
    roles = len(authz_matrix.ROLE_COLUMNS)
    print(
        f"authorisation matrix: {len(ROWS)} requests ({len(ROWS) // roles} rules x {roles} roles)"
    )
    assert len(ROWS) >= 60 * roles
