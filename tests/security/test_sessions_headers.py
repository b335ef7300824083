"""Sessions, cookies, headers and error pages (RELIABILITY T08, T11-T16, T33-T37)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import sessionmaker

from app import create_app, data_version
from app.auth import views as auth_views
from app.config import ConfigError
from tests.conftest import PASSWORD, TEST_KEY

CSP_PARTS = ("object-src 'none'", "base-uri", "frame-ancestors 'none'", "default-src 'self'")


def isolated_app(engine: Any, connection: Any, **config: Any) -> Flask:
    """Build an app on the test's transaction whose requests each get a fresh app context (as
    in production; the shared `app` fixture keeps one context, so Flask-Login's g cache would
    outlive a request there)."""
    found = create_app(
        {
            "DATABASE_URL": engine.url.render_as_string(hide_password=False),
            "SECRET_KEY": TEST_KEY,
            "WTF_CSRF_ENABLED": False,
            **config,
        }
    )
    found.extensions["db_sessionmaker"] = sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        info=dict(data_version.COUNTED),
    )
    return found


@pytest.fixture
def iso(engine, connection, ds) -> Any:
    """A client of an isolated app (see isolated_app)."""
    return isolated_app(engine, connection).test_client()


def signed_in(client: Any, user: Any) -> Any:
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def session_cookie(client: Any, name: str = "session") -> str | None:
    cookie = client.get_cookie(name)
    return cookie.value if cookie else None


# --- T11: a fresh session on sign-in ---------------------------------------------------------


def test_session_is_renewed_on_login(iso, ds) -> None:
    client = iso
    with client.session_transaction() as session:
        session["planted"] = "by an attacker before sign-in"
    before = session_cookie(client)
    signed_in(client, ds.user("viewer"))
    assert session_cookie(client) != before
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == ds.user("viewer").get_id()


# --- T12, T08: replay after logout, deactivation and role change ------------------------------


def test_cookie_captured_before_logout_no_longer_authenticates(engine, connection, ds) -> None:
    app = isolated_app(engine, connection)
    client = app.test_client()
    signed_in(client, ds.user("viewer"))
    captured = session_cookie(client)
    assert client.get("/").status_code == 200
    assert client.post("/logout").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", captured)
    response = replay.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_deactivating_an_account_ends_its_sessions_at_the_next_request(iso, ds, db_session):
    client = iso
    user = ds.user("owner")
    signed_in(client, user)
    assert client.get(f"/projects/{ds.world.project.id}/edit").status_code == 200
    user.active = False
    db_session.commit()
    response = client.get(f"/projects/{ds.world.project.id}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_role_change_applies_at_the_next_request(iso, ds, db_session) -> None:
    client = iso
    user = ds.user("owner")
    signed_in(client, user)
    assert client.get(f"/projects/{ds.world.project.id}/edit").status_code == 200
    user.role, user.entity_id = "viewer", None
    db_session.commit()
    # The change ends the session (issue 13, F18); signed in again, the new role applies.
    response = client.get(f"/projects/{ds.world.project.id}/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    signed_in(client, user)
    assert client.get(f"/projects/{ds.world.project.id}/edit").status_code == 403


# --- T13: idle and absolute timeouts ---------------------------------------------------------


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    import time

    found = Clock(time.time())
    monkeypatch.setattr(auth_views.time, "time", found.time)
    return found


def test_idle_timeout(iso, ds, clock) -> None:
    client = iso
    signed_in(client, ds.user("viewer"))
    clock.now += 59 * 60
    assert client.get("/").status_code == 200
    clock.now += 61 * 60
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_absolute_timeout_despite_activity(iso, ds, clock) -> None:
    client = iso
    signed_in(client, ds.user("viewer"))
    for _ in range(9):  # 9 x 50 minutes = 7.5 hours, never idle
        clock.now += 50 * 60
        assert client.get("/").status_code == 200
    clock.now += 50 * 60  # 8 h 20 min after sign-in
    response = client.get("/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- T15, T16: throttling and enumeration ----------------------------------------------------


def _masked(body: str, email: str) -> str:
    return re.sub(r'name="csrf_token"[^>]*>', "", body.replace(email, "EMAIL"))


def test_unknown_account_answers_like_a_wrong_password(iso, ds) -> None:
    client = iso
    known = ds.user("viewer").email
    unknown = "nobody-here@security.example.org"
    wrong = client.post("/login", data={"email": known, "password": "wrong password!"})
    missing = client.post("/login", data={"email": unknown, "password": "wrong password!"})
    assert wrong.status_code == missing.status_code == 200
    assert _masked(wrong.get_data(as_text=True), known) == _masked(
        missing.get_data(as_text=True), unknown
    )


def test_login_is_throttled_after_repeated_failures(iso, ds, app) -> None:
    client = iso
    user = ds.user("viewer")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        response = client.post("/login", data={"email": user.email, "password": "guess"})
        assert response.status_code == 200
    throttled = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert throttled.status_code == 429
    assert "Too many failed sign-ins" in throttled.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "_user_id" not in session  # even the right password is refused while throttled


# --- T34: SECRET_KEY --------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["changeme", "dev", "secret", "CHANGE_ME", "x" * 31, "short"])
def test_placeholder_or_short_secret_key_is_refused(key) -> None:
    with pytest.raises(ConfigError):
        create_app({"SECRET_KEY": key, "DATABASE_URL": "sqlite://"})


# --- T14, T33, T35, T36, T37: production config, headers, error pages -------------------------


@pytest.fixture
def prod(engine, connection) -> Flask:
    """A production-configured app on the test's transaction, with a route that fails."""
    found = isolated_app(engine, connection, PRODUCTION=True)

    @found.route("/boom")
    def boom() -> str:
        raise RuntimeError(
            'SELECT password_hash FROM users WHERE email = "x" in /work/app/auth/services.py'
        )

    return found


def test_production_cookie_attributes_and_hsts(prod, ds) -> None:
    client = prod.test_client()
    user = ds.user("viewer")
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD}, base_url="https://localhost"
    )
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    assert "Domain=" not in cookie
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert prod.config["DEBUG"] is False


def _check_headers(response: Any) -> None:
    csp = response.headers["Content-Security-Policy"]
    for part in CSP_PARTS:
        assert part in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" in response.headers


def test_security_headers_on_every_kind_of_response(prod, ds) -> None:
    client = prod.test_client()
    anonymous = {
        "/login": 200,
        "/healthz": 200,
        "/no-such-page": 404,
        "/static/app.css": 200,
        "/boom": 500,
        "/api/v1/projects": 401,
    }
    for path, status in anonymous.items():
        response = client.get(path, base_url="https://localhost")
        assert response.status_code == status, path
        _check_headers(response)
    client.post(
        "/login",
        data={"email": ds.user("admin").email, "password": PASSWORD},
        base_url="https://localhost",
    )
    label = ds.baseline.label
    signed = [
        "/",
        "/compare.csv",
        "/compare.xlsx",
        f"/baselines/{label}.pdf",
        f"/baselines/{label}.xlsx",
        "/entities/UNODC/reports.xlsx",
        "/api/v1/portfolio",
        "/projects/999999",
    ]
    for path in signed:
        response = client.get(path, base_url="https://localhost")
        assert response.status_code in (200, 404), path
        _check_headers(response)
        assert response.headers["Cache-Control"] == "no-store", path  # T37


def test_generic_error_page_in_production(prod, ds) -> None:
    response = prod.test_client().get("/boom", base_url="https://localhost")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in body
    for leak in (
        "Traceback",
        "SELECT",
        "password_hash",
        "/work/",
        "app/auth",
        ".py",
        "RuntimeError",
    ):
        assert leak not in body
    assert response.headers["Cache-Control"] == "no-store"


def test_no_store_on_authenticated_pages_and_exports(as_role, ds) -> None:
    client = as_role("viewer")
    for path in ("/", "/projects", "/needs", "/compare.csv", f"/baselines/{ds.baseline.label}.csv"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-store", path


def test_static_files_carry_the_headers_too(client) -> None:
    response = client.get("/static/app.css")
    assert response.status_code == 200
    assert "object-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
