"""Sign-in throttling (issue 13 point 19, F9 and F10): attempts are counted atomically per
account and address, with a larger limit per address; parallel guesses never get more passwords
checked than the limit, and never a 500."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import create_engine, func, make_url, select, text
from sqlalchemy.orm import Session

from app import create_app, migrate
from app.auth import services as auth_services
from app.auth.services import create_user
from app.models.auth import LoginFailure
from tests.conftest import PASSWORD, TEST_KEY
from tests.security.test_sessions_headers import isolated_app

A, B = "192.0.2.10", "198.51.100.20"


def post_login(client: Any, email: str, password: str, address: str = A) -> Any:
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


@pytest.fixture
def throttled(engine, connection, make_user) -> tuple[Any, Any, Any]:
    """A client of an isolated app and two viewers."""
    first, second = make_user("viewer"), make_user("viewer")
    return isolated_app(engine, connection).test_client(), first, second


def _fail_until_throttled(client: Any, email: str, limit: int) -> None:
    for _ in range(limit):
        assert post_login(client, email, "wrong guess").status_code == 200
    assert post_login(client, email, PASSWORD).status_code == 429


def test_right_password_from_another_address_still_works(throttled, app) -> None:
    client, user, _ = throttled
    _fail_until_throttled(client, user.email, app.config["LOGIN_MAX_FAILURES"])
    assert post_login(client, user.email, PASSWORD, address=B).status_code == 302


def test_another_user_at_the_same_address_still_works(throttled, app) -> None:
    client, user, other = throttled
    _fail_until_throttled(client, user.email, app.config["LOGIN_MAX_FAILURES"])
    assert post_login(client, other.email, PASSWORD).status_code == 302


def test_a_good_sign_in_forgets_that_pairs_failures_only(throttled, app) -> None:
    client, user, _ = throttled
    limit = app.config["LOGIN_MAX_FAILURES"]
    for address in (A, B):
        for _ in range(limit - 1):
            assert post_login(client, user.email, "wrong guess", address).status_code == 200
    assert post_login(client, user.email, PASSWORD, address=A).status_code == 302
    client.post("/logout")
    for _ in range(limit - 1):  # from A the count starts again
        assert post_login(client, user.email, "wrong guess").status_code == 200
    assert post_login(client, user.email, "wrong guess", B).status_code == 200
    assert post_login(client, user.email, PASSWORD, B).status_code == 429  # B's still count


def test_the_per_address_limit_covers_every_account(engine, connection, make_user) -> None:
    users = [make_user("viewer") for _ in range(3)]
    client = isolated_app(engine, connection, LOGIN_MAX_FAILURES_PER_ADDRESS=4).test_client()
    for email in ("a@nowhere.example", "b@nowhere.example", "c@nowhere.example", users[0].email):
        assert post_login(client, email, "wrong guess").status_code == 200
    refused = post_login(client, users[1].email, PASSWORD)
    assert refused.status_code == 429 and "Too many failed" in refused.get_data(as_text=True)
    assert post_login(client, users[2].email, PASSWORD, address=B).status_code == 302


# --- parallel guesses on a committed database (SQLite file, or PostgreSQL) --------------------


@pytest.fixture
def committed(tmp_path) -> Iterator[tuple[Flask, str]]:
    """An app on its own committed database (a SQLite file, or a fresh PostgreSQL database when
    TEST_DATABASE_URL names one), migrated, with one viewer; yields the app and the e-mail."""
    server_url = os.environ.get("TEST_DATABASE_URL", "")
    admin = None
    if server_url.startswith("postgresql"):
        server = make_url(server_url)
        name = f"compact_thr_{uuid.uuid4().hex[:10]}"
        admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = server.set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{tmp_path / 'throttle.sqlite'}"
    app = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": TEST_KEY, "TESTING": True, "WTF_CSRF_ENABLED": False}
    )
    engine = app.extensions["db_engine"]
    try:
        migrate.upgrade(engine)
        with Session(engine) as session:
            create_user(session, "guessed@example.org", PASSWORD, "viewer")
            session.commit()
        yield app, "guessed@example.org"
    finally:
        engine.dispose()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


def _counting_checks(monkeypatch: Any) -> list[int]:
    """Count every password check; make each slow, as a real hash is, so guesses overlap."""
    checks: list[int] = []
    original: Callable[..., bool] = auth_services.check_password_hash

    def slow(hashed: str, password: str) -> bool:
        checks.append(1)
        time.sleep(0.2)
        return original(hashed, password)

    monkeypatch.setattr(auth_services, "check_password_hash", slow)
    return checks


def _guess_at_once(app: Flask, email: str, count: int) -> list[int]:
    start = threading.Barrier(count, timeout=30)
    statuses: list[int] = []

    def guess(n: int) -> None:
        client = app.test_client()
        start.wait()
        statuses.append(post_login(client, email, f"wrong guess {n}").status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(statuses) == count
    return statuses


@pytest.mark.postgres_only
def test_thirty_parallel_guesses_check_at_most_the_limit(committed, monkeypatch) -> None:
    app, email = committed
    checks = _counting_checks(monkeypatch)
    statuses = _guess_at_once(app, email, 30)
    limit = app.config["LOGIN_MAX_FAILURES"]
    assert len(checks) <= limit, f"{len(checks)} passwords checked, limit {limit}"
    assert sorted(set(statuses)) == [200, 429] and statuses.count(200) == len(checks)
    with Session(app.extensions["db_engine"]) as session:
        assert session.scalar(select(func.count(LoginFailure.id))) == len(checks)


def test_parallel_guesses_never_answer_500_and_are_counted(committed, monkeypatch) -> None:
    app, email = committed
    checks = _counting_checks(monkeypatch)
    statuses = _guess_at_once(app, email, 8)
    assert set(statuses) <= {200, 429}, statuses
    limit = app.config["LOGIN_MAX_FAILURES"]
    assert len(checks) <= limit and statuses.count(200) == len(checks)
    with Session(app.extensions["db_engine"]) as session:  # every checked guess was counted
        assert session.scalar(select(func.count(LoginFailure.id))) == len(checks)
