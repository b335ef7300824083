"""The user_language revision: up adds a nullable language limited to the six codes; down drops
it in place, keeping every account."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError

from app import migrate
from tests.test_migrations import scratch_engine  # noqa: F401  (the fixture)

INSERT = text(
    "INSERT INTO users (email, name, password_hash, role, active, session_epoch, created_at"
    "{extra}) VALUES ('a@example.org', 'A', 'x', 'viewer', true, 0, CURRENT_TIMESTAMP{value})"
)


def add_user(engine: Engine, language: str | None = None, column: bool = True) -> None:
    extra, value = (", language", ", :language") if column else ("", "")
    with engine.begin() as conn:
        conn.execute(text(INSERT.text.format(extra=extra, value=value)), {"language": language})


def test_only_the_six_codes_or_none_are_stored(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine)
    add_user(scratch_engine, "ar")
    with pytest.raises(IntegrityError):
        add_user(scratch_engine, "de")
    with scratch_engine.connect() as conn:
        assert conn.execute(text("SELECT language FROM users")).scalars().all() == ["ar"]


def test_down_keeps_the_accounts_and_up_again_gives_no_language(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine)
    add_user(scratch_engine, "fr")
    migrate.downgrade(scratch_engine, "outcome_values")
    assert "language" not in {c["name"] for c in inspect(scratch_engine).get_columns("users")}
    with scratch_engine.connect() as conn:
        assert conn.scalar(text("SELECT count(*) FROM users")) == 1
    migrate.upgrade(scratch_engine)
    with scratch_engine.connect() as conn:
        assert conn.execute(text("SELECT language FROM users")).scalars().all() == [None]
