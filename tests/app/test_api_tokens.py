"""Personal access tokens: made by the command (printed once, stored hashed), Bearer reads as the
token's user, refused when revoked, expired or its user deactivated; JSON errors and per_page."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.auth.tokens import PREFIX, create_token, digest, revoke_token
from app.models.api_tokens import ApiToken
from app.models.audit import AuditEvent
from tests.app import comparison_data as analysis_data


@pytest.fixture
def data(db_session):
    analysis_data.two_baselines(db_session)
    return db_session


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def test_the_command_prints_the_token_once_and_stores_only_its_hash(app, db_session, make_user):
    user = make_user("viewer")
    result = app.test_cli_runner().invoke(
        args=[
            "create-token",
            user.email,
            "--name",
            "nightly",
            "--scope",
            "write",
            "--expires-days",
            "30",
        ]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith(PREFIX)
    secret = lines[0]
    token = db_session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert token is not None and token.scope == "write" and token.name == "nightly"
    assert token.token_hash == digest(secret) and secret not in token.token_hash
    assert token.expires_at is not None
    events = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "create_token"))
    assert [e.object_id for e in events] == [str(token.id)]


def test_the_command_refuses_an_unknown_user_and_a_bad_scope(app, make_user):
    runner = app.test_cli_runner()
    missing = runner.invoke(args=["create-token", "nobody@example.org", "--name", "x"])
    assert missing.exit_code == 1 and "nobody@example.org" in missing.stderr
    assert PREFIX not in missing.stdout
    user = make_user("viewer")
    bad = runner.invoke(args=["create-token", user.email, "--name", "x", "--scope", "admin"])
    assert bad.exit_code != 0 and PREFIX not in bad.stdout


def test_a_bearer_token_reads_as_its_user_and_notes_the_use(data, client, make_user):
    user = make_user("viewer")
    token, secret = create_token(data, user, "script")
    for url in ("/api/v1/projects", "/api/v1/portfolio", "/api/v1/baselines"):
        response = client.get(url, headers=bearer(secret))
        assert response.status_code == 200 and response.is_json, url
        assert analysis_data.CANARY not in response.text  # a viewer's clearance, not more
    data.refresh(token)
    assert token.last_used_at is not None
    assert "Set-Cookie" not in client.get("/api/v1/baselines", headers=bearer(secret)).headers


def test_a_cted_token_sees_what_cted_sees(data, client, make_user):
    _, secret = create_token(data, make_user("cted"), "cleared")
    assert analysis_data.CANARY in client.get("/api/v1/portfolio", headers=bearer(secret)).text


def test_last_use_is_written_at_most_once_a_minute(data, client, make_user):
    token, secret = create_token(data, make_user("viewer"), "busy")
    client.get("/api/v1/baselines", headers=bearer(secret))
    data.refresh(token)
    first = token.last_used_at
    client.get("/api/v1/baselines", headers=bearer(secret))
    data.refresh(token)
    assert token.last_used_at == first


def refused(client, secret: str) -> None:
    response = client.get("/api/v1/projects", headers=bearer(secret))
    assert response.status_code == 401 and response.is_json
    assert response.get_json()["error"] == "unauthorized" and response.get_json()["message"]


def test_revoked_expired_unknown_and_deactivated_tokens_are_refused(data, client, make_user):
    user = make_user("viewer")
    token, secret = create_token(data, user, "soon revoked")
    revoke_token(data, user, token.id)
    refused(client, secret)
    old, old_secret = create_token(data, user, "expired", expires_days=1)
    old.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    data.flush()
    refused(client, old_secret)
    refused(client, PREFIX + "not-a-token")
    refused(client, "garbage")
    other = make_user("viewer")
    _, kept = create_token(data, other, "owner leaves")
    assert client.get("/api/v1/projects", headers=bearer(kept)).status_code == 200
    other.active = False
    data.flush()
    refused(client, kept)


def test_a_bad_token_is_refused_even_beside_a_session_cookie(data, client, make_user, login):
    login(make_user("viewer"))
    assert client.get("/api/v1/projects").status_code == 200
    refused(client, PREFIX + "wrong")


def test_unknown_api_paths_and_methods_answer_json(data, client, make_user):
    _, secret = create_token(data, make_user("viewer"), "probe")
    for url in ("/api/v1/nothing-here", "/api/v2", "/api/v1/projects/x/y/z"):
        response = client.get(url, headers=bearer(secret))
        assert response.status_code == 404 and response.is_json, url
        assert response.get_json()["error"] == "not_found" and response.get_json()["message"]
    anonymous = client.get("/api/v1/nothing-here")
    assert anonymous.status_code == 404 and anonymous.is_json
    wrong = client.delete("/api/v1/projects", headers=bearer(secret))
    assert wrong.status_code == 405 and wrong.get_json()["error"] == "method_not_allowed"


def test_the_api_root_lists_its_endpoints(data, client, make_user):
    _, secret = create_token(data, make_user("viewer"), "index")
    body = client.get("/api/v1", headers=bearer(secret)).get_json()
    paths = {item["path"] for item in body["endpoints"]}
    assert {"/api/v1/projects", "/api/v1/baselines", "/api/v1/portfolio"} <= paths
    assert all(item["summary"] for item in body["endpoints"])
    assert client.get("/api/v1/", headers=bearer(secret)).status_code in (200, 308)


def test_per_page_is_honoured_and_bounded(data, client, make_user):
    _, secret = create_token(data, make_user("viewer"), "pages")
    whole = client.get("/api/v1/projects", headers=bearer(secret)).get_json()
    assert whole["total"] >= 2
    one = client.get("/api/v1/projects?per_page=1", headers=bearer(secret)).get_json()
    assert one["per_page"] == 1 and len(one["projects"]) == 1 and one["pages"] == whole["total"]
    second = client.get("/api/v1/projects?per_page=1&page=2", headers=bearer(secret)).get_json()
    assert second["projects"] != one["projects"]
    for value in ("201", "0", "-1", "lots"):
        response = client.get(f"/api/v1/projects?per_page={value}", headers=bearer(secret))
        assert response.status_code == 400 and "per_page" in response.get_json()["message"]


def csrf_of(page: str) -> str:
    return page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]


def test_the_account_page_creates_shows_once_and_revokes(app, client, db_session, make_user, login):
    user = make_user("viewer")
    login(user)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        refused = client.post("/account/tokens", data={"name": "x", "scope": "read"})
        assert refused.status_code == 400 and db_session.scalar(select(ApiToken.id)) is None
        token = csrf_of(client.get("/account/tokens").text)
        made = client.post(
            "/account/tokens", data={"name": "laptop", "scope": "read", "csrf_token": token}
        )
        assert made.status_code == 200
        secret = made.text.split('<code id="new-token">')[1].split("</code>")[0]
        assert secret.startswith(PREFIX) and made.headers["Cache-Control"] == "no-store"
        listed = client.get("/account/tokens").text
        assert "laptop" in listed and secret not in listed
        assert client.get("/api/v1/baselines", headers=bearer(secret)).status_code == 200
        stored = db_session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
        revoke = f"/account/tokens/{stored.id}/revoke"
        assert client.post(revoke).status_code == 400
        done = client.post(revoke, data={"csrf_token": csrf_of(listed)})
        assert done.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    refused_now = client.get("/api/v1/baselines", headers=bearer(secret))
    assert refused_now.status_code == 401
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "api_token")
    )
    assert list(actions) == ["create_token", "revoke_token"]


def test_no_one_revokes_another_users_token(data, client, make_user, login):
    owner = make_user("viewer")
    token, secret = create_token(data, owner, "mine")
    login(make_user("admin"))
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    assert client.get("/api/v1/baselines", headers=bearer(secret)).status_code == 200


def test_a_bad_name_or_expiry_is_shown_next_to_the_field(client, db_session, make_user, login):
    login(make_user("viewer"))
    long = client.post("/account/tokens", data={"name": "n" * 101, "scope": "read"})
    assert long.status_code == 422 and db_session.scalar(select(ApiToken.id)) is None
    bad = client.post("/account/tokens", data={"name": "ok", "scope": "read", "expires_days": "0"})
    assert bad.status_code == 422 and db_session.scalar(select(ApiToken.id)) is None
