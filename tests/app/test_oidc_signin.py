"""Sign-in with OpenID Connect without a provider: the settings, the refusals that need none
(missing or foreign state, a provider's error, an unreachable provider) and the account match.
The whole flow against a real provider is in tests/browser/oidc."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app import create_app, data_version
from app.auth import oidc
from app.auth.oidc_views import MESSAGES
from app.config import from_environment
from app.models.audit import AuditEvent
from tests.conftest import PASSWORD, TEST_KEY

CLOSED = "http://127.0.0.1:9"  # the discard port: nothing answers there
OIDC = {"OIDC_ISSUER": CLOSED, "OIDC_CLIENT_ID": "tracker", "OIDC_CLIENT_SECRET": "s3cret"}


@pytest.fixture(scope="module")
def oidc_base(engine: Engine) -> Flask:
    """Build an app with sign-in through a provider that cannot be reached."""
    url = engine.url.render_as_string(hide_password=False)
    config = {"DATABASE_URL": url, "SECRET_KEY": TEST_KEY, "WTF_CSRF_ENABLED": False, **OIDC}
    return create_app(config)


@pytest.fixture
def oclient(oidc_base: Flask, connection: Any) -> Iterator[Any]:
    """A client of that app whose writes join the test's transaction (one context a request)."""
    original = oidc_base.extensions["db_sessionmaker"]
    oidc_base.extensions["db_sessionmaker"] = sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        info=dict(data_version.COUNTED),
    )
    yield oidc_base.test_client()
    oidc_base.extensions["db_sessionmaker"] = original


def refusals(connection: Any) -> list[dict[str, Any]]:
    """Return the audited OIDC refusals, oldest first."""
    with Session(bind=connection) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "login_refused").order_by(AuditEvent.id)
        )
        return [dict(event.after or {}) for event in events]


def refused_on_the_page(client: Any, response: Any, reason: str) -> None:
    """Check the answer sends to the sign-in page, which says the reason, with nobody signed in."""
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")
    page = client.get("/login").get_data(as_text=True)
    with client.application.test_request_context():
        assert str(escape(str(MESSAGES[reason]))) in page
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_without_the_settings_nothing_is_offered(client: Any) -> None:
    response = client.get("/login")
    page = response.get_data(as_text=True)
    assert "/login/oidc" not in page and "organisation" not in page
    assert "form-action 'self';" in response.headers["Content-Security-Policy"]
    assert client.post("/login/oidc").status_code == 404
    assert client.get("/login/oidc/callback?code=x&state=y").status_code == 404


def test_the_sign_in_page_offers_the_provider(oclient: Any) -> None:
    response = oclient.get("/login?next=/projects")
    page = response.get_data(as_text=True)
    assert 'action="/login/oidc"' in page and 'name="next" value="/projects"' in page
    assert f"form-action 'self' {CLOSED};" in response.headers["Content-Security-Policy"]


def test_a_callback_without_state_is_refused(oclient: Any, connection: Any) -> None:
    response = oclient.get("/login/oidc/callback?code=stolen")
    refused_on_the_page(oclient, response, "state")
    assert refusals(connection)[-1] == {
        "method": "oidc",
        "reason": "state",
        "email": "",
        "detail": "mismatching_state",
    }


def test_a_state_this_session_never_began_is_refused(oclient: Any, connection: Any) -> None:
    with oclient.session_transaction() as session:  # a sign-in this browser did begin
        session["_state_oidc_begun"] = {"data": {"nonce": "n"}, "exp": time.time() + 600}
    response = oclient.get("/login/oidc/callback?code=c&state=forged")
    refused_on_the_page(oclient, response, "state")
    assert refusals(connection)[-1]["detail"] == "mismatching_state"


def test_the_providers_error_is_refused(oclient: Any, connection: Any) -> None:
    response = oclient.get("/login/oidc/callback?error=access_denied&state=s")
    refused_on_the_page(oclient, response, "denied")
    assert refusals(connection)[-1]["detail"] == "access_denied"


def test_an_unreachable_provider_is_said_not_a_500(oclient: Any, connection: Any) -> None:
    response = oclient.post("/login/oidc", data={"next": "/projects"})
    refused_on_the_page(oclient, response, "provider")
    assert refusals(connection)[-1]["reason"] == "provider"


def test_starting_again_forgets_the_sign_in_begun_before(oclient: Any) -> None:
    with oclient.session_transaction() as session:
        session["_state_oidc_earlier"] = {"data": {"nonce": "n"}, "exp": time.time() + 600}
    oclient.post("/login/oidc")
    with oclient.session_transaction() as session:
        assert not [key for key in session if key.startswith("_state_oidc_")]


def test_the_verified_email_of_an_active_account_matches(db_session: Any, make_user: Any) -> None:
    user = make_user("viewer")
    claims = {"email": user.email.upper(), "email_verified": True}
    assert oidc.match_account(db_session, claims) is user
    assert oidc.match_account(db_session, {**claims, "email_verified": "true"}) is user


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"email_verified": True}, "no_email"),
        ({"email": "nobody@example.org", "email_verified": True}, "unknown"),
        ({"email": "{user}", "email_verified": False}, "unverified"),
        ({"email": "{user}"}, "unverified"),
        ({"email": "{deactivated}", "email_verified": True}, "inactive"),
    ],
)
def test_other_answers_are_refused(
    db_session: Any, make_user: Any, claims: dict[str, Any], reason: str
) -> None:
    user, gone = make_user("viewer"), make_user("viewer")
    gone.active = False
    db_session.flush()
    filled = {k: v.format(user=user.email, deactivated=gone.email) if isinstance(v, str) else v
              for k, v in claims.items()}  # fmt: skip
    with pytest.raises(oidc.Refused) as refusal:
        oidc.match_account(db_session, filled)
    assert refusal.value.reason == reason
    assert refusal.value.user_id == (gone.id if reason == "inactive" else None)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.text()))
def test_only_a_true_email_verified_lets_one_in(db_session: Any, verified: object) -> None:
    claims = {"email": "viewer@example.org", "email_verified": verified}
    if verified in (True, "true"):
        with pytest.raises(oidc.Refused) as refusal:  # verified, but no such account here
            oidc.match_account(db_session, claims)
        assert refusal.value.reason == "unknown"
    else:
        with pytest.raises(oidc.Refused) as refusal:
            oidc.match_account(db_session, claims)
        assert refusal.value.reason == "unverified"


def test_the_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in OIDC.items():
        monkeypatch.setenv(key, value)
    assert {k: from_environment()[k] for k in OIDC} == OIDC
    assert oidc.enabled(OIDC)
    for key in OIDC:
        assert not oidc.enabled({**OIDC, key: " "})


def test_the_password_sign_in_follows_a_same_site_next(client: Any, make_user: Any) -> None:
    user = make_user("viewer")
    data = {"email": user.email, "password": PASSWORD}
    assert client.post("/login?next=/projects", data=data).headers["Location"] == "/projects"
    client.post("/logout")
    assert client.post("/login?next=//evil.example/", data=data).headers["Location"] == "/"
