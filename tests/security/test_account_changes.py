"""A change to an account ends the sessions issued before it (issue 13, F18; RELIABILITY T12):
re-activating an account, or undoing a role, entity or password change, never brings an old
session cookie back."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.models.auth import User
from app.models.reference import Entity
from tests.security.test_sessions_headers import isolated_app, session_cookie, signed_in


def _other_entity(db_session: Any, user: User) -> int:
    stmt = select(Entity.id).where(Entity.id != user.entity_id).order_by(Entity.id).limit(1)
    found = db_session.scalar(stmt)
    assert found is not None
    return found


def _change_and_undo(db_session: Any, user: User, change: str) -> None:
    """Change one access field of the account, commit, then put it back and commit."""
    if change == "active":
        steps = [("active", False), ("active", True)]
    elif change == "role":
        steps = [("role", "viewer"), ("role", user.role)]
    elif change == "entity":
        steps = [("entity_id", _other_entity(db_session, user)), ("entity_id", user.entity_id)]
    else:
        new = generate_password_hash("another password 1", method="pbkdf2:sha256:1000")
        steps = [("password_hash", new), ("password_hash", user.password_hash)]
    for name, value in steps:
        setattr(user, name, value)
        db_session.commit()


@pytest.mark.parametrize("change", ["active", "role", "entity", "password"])
def test_an_old_cookie_stays_dead_after_a_change_is_undone(
    engine, connection, ds, db_session, change
) -> None:
    app = isolated_app(engine, connection)
    client = app.test_client()
    user = ds.user("owner")
    signed_in(client, user)
    captured = session_cookie(client)
    edit = f"/projects/{ds.world.project.id}/edit"
    assert client.get(edit).status_code == 200
    epoch = user.session_epoch
    _change_and_undo(db_session, user, change)
    db_session.refresh(user)
    assert user.session_epoch > epoch
    replay = app.test_client()
    replay.set_cookie("session", captured)
    response = replay.get(edit)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    fresh = app.test_client()
    signed_in(fresh, user)  # the account itself works again: only old cookies are dead
    assert fresh.get(edit).status_code == 200


def test_an_unrelated_change_keeps_the_session(engine, connection, ds, db_session) -> None:
    app = isolated_app(engine, connection)
    client = app.test_client()
    user = ds.user("owner")
    signed_in(client, user)
    epoch = user.session_epoch
    user.name = "Renamed focal point"
    user.role = user.role  # the same value is no change
    db_session.commit()
    db_session.refresh(user)
    assert user.session_epoch == epoch
    assert client.get(f"/projects/{ds.world.project.id}/edit").status_code == 200
