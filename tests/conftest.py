"""Shared fixtures: a migrated database (SQLite by default, TEST_DATABASE_URL for PostgreSQL),
an app whose sessions join a per-test transaction that is rolled back, and signed-in clients."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from app import create_app, data_version, migrate
from app.auth.services import create_user
from app.compare import side_cache
from app.db import make_engine
from app.models.auth import User
from app.reference.services import seed_reference

PASSWORD = "correct horse battery"
TEST_KEY = "t" * 48


class ServerLikeClient(FlaskClient):
    """A test client that reads each response to its end before returning it, as a WSGI server
    does before it takes the next request: a streamed download then finishes within its own
    request, whether or not the test reads it, and never outlives it into the next one."""

    def open(self, *args: Any, buffered: bool = True, **kwargs: Any) -> Any:
        return super().open(*args, buffered=buffered, **kwargs)


# Every app a test builds (the shared one, isolated ones, the sign-in ones) uses it.
Flask.test_client_class = ServerLikeClient


def database_url(tmp_root: Path) -> str:
    """Return the database the suite runs on."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_root / 'test.sqlite'}"


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Migrate an empty database to head once, with the reference data loaded."""
    url = database_url(tmp_path_factory.mktemp("db"))
    eng = make_engine(url)
    migrate.downgrade(eng, "base")
    migrate.upgrade(eng)
    with Session(eng) as session:
        seed_reference(session)
        session.commit()
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def base_app(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Build one app for the suite, on the migrated database."""
    return create_app(
        {
            "DATABASE_URL": engine.url.render_as_string(hide_password=False),
            "SECRET_KEY": TEST_KEY,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            # Tests create hundreds of users: a cheap hash keeps the suite fast (scrypt in use).
        }
    )


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """Open a connection whose outer transaction is rolled back after the test."""
    with engine.connect() as conn:
        outer = conn.begin()
        yield conn
        outer.rollback()


@pytest.fixture
def app(base_app: Flask, connection: Connection) -> Iterator[Flask]:
    """Make every session of the app join the test's transaction (commits become savepoints).
    No baseline figures, nor anything kept by data version, carry over: rolled-back writes
    reuse version numbers, so each test computes its own."""
    side_cache.clear()
    data_version.clear()
    original = base_app.extensions["db_sessionmaker"]
    base_app.extensions["db_sessionmaker"] = sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        info=dict(data_version.COUNTED),
    )
    with base_app.app_context():
        yield base_app
    base_app.extensions["db_sessionmaker"] = original


@pytest.fixture
def db_session(app: Flask) -> Session:
    """Return the session the app's code uses in this test."""
    from app import db

    return db.session()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """Return a test client (CSRF off; see the CSRF tests for it on)."""
    return app.test_client()


@pytest.fixture
def make_user(db_session: Session) -> Any:
    """Create users: make_user("focal_point", "UNODC")."""
    counter = iter(range(1, 10_000))

    def make(role: str, entity: str | None = None, email: str | None = None) -> User:
        address = email or f"{role}{next(counter)}@example.org"
        return create_user(db_session, address, PASSWORD, role, entity)

    return make


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD) -> Any:
    """Sign a user in through the form."""
    return client.post("/login", data={"email": user.email, "password": password})


@pytest.fixture
def login(client: FlaskClient) -> Any:
    """Sign in a user with the test client."""
    return lambda user: sign_in(client, user)
