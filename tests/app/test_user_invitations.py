"""Adding a user on the web: the account gets no password but a one-time set-password link
(signed, bound to the account's password hash, valid seven days), with the entity rules of
create_user beside the fields."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from itsdangerous.timed import TimestampSigner
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.auth import invitations
from app.auth.services import check_credentials
from app.models.audit import AuditEvent
from app.models.auth import User
from tests.conftest import TEST_KEY

NEW_PASSWORD = "a new long passphrase"
LINK = re.compile(r'value="https?://[^/"]+(/set-password/[A-Za-z0-9_.-]+)"')


def actions(db_session: Session, user_id: int) -> list[str]:
    """Return the account changes audited on one account, oldest first (sign-ins aside)."""
    rows = db_session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.object_type == "user", AuditEvent.object_id == str(user_id))
        .where(AuditEvent.action.startswith("user."))
        .order_by(AuditEvent.id)
    )
    return list(rows)


def link_of(body: str) -> str:
    """Return the set-password path shown on a confirmation page."""
    found = LINK.search(body)
    assert found, body[:3000]
    return found.group(1)


def field_errors(body: str, label: str) -> str:
    """Return the text of the field block whose label is `label` (with its errors)."""
    for block in body.split('<div class="field')[1:]:
        if f">{label}</label>" in block:
            return block.split("</div>")[0]
    raise AssertionError(f"no field {label!r}")


def add(client: Any, **fields: str) -> Any:
    data = {"email": "new.person@unodc.example", "name": "New Person", "role": "viewer"}
    return client.post("/admin/users/new", data={"entity": "", **data, **fields})


def by_email(db_session: Session, email: str) -> User | None:
    return db_session.scalar(select(User).where(User.email == email))


def test_admin_adds_a_focal_point_and_is_shown_the_link(
    client: Any, login: Any, make_user: Any, db_session: Session
) -> None:
    login(make_user("admin"))
    assert client.get("/admin/users/new").status_code == 200
    response = add(client, role="focal_point", entity="UNODC", email="Fp@UNODC.example")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "issue 16" in body
    user = by_email(db_session, "fp@unodc.example")
    assert user is not None and user.role == "focal_point" and user.entity is not None
    assert user.entity.acronym == "UNODC" and actions(db_session, user.id) == ["user.invited"]
    assert link_of(body).startswith("/set-password/")
    assert "set-password" not in str(db_session.scalar(select(AuditEvent.after).limit(1)))


@pytest.mark.parametrize(
    ("fields", "label", "message"),
    [
        ({"role": "focal_point"}, "Entity", "A focal point needs an entity."),
        ({"role": "reviewer", "entity": "UNODC"}, "Entity", "has no entity."),
        ({"email": "not-an-address"}, "E-mail", "is not an e-mail address."),
        ({"entity": "NOPE"}, "Entity", "Not a valid choice"),
    ],
)
def test_a_refused_account_says_why_beside_the_field(
    client: Any,
    login: Any,
    make_user: Any,
    db_session: Session,
    fields: Any,
    label: str,
    message: str,
) -> None:
    login(make_user("admin"))
    before = db_session.scalar(select(func.count(User.id)))
    response = add(client, **fields)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and message in field_errors(body, label)
    assert "/set-password/" not in body
    assert db_session.scalar(select(func.count(User.id))) == before


def test_a_duplicate_email_is_refused_beside_the_email(
    client: Any, login: Any, make_user: Any, db_session: Session
) -> None:
    login(make_user("admin"))
    taken = make_user("viewer")
    body = add(client, email=taken.email.upper()).get_data(as_text=True)
    assert f"A user {taken.email} already exists." in field_errors(body, "E-mail")
    assert actions(db_session, taken.id) == []


def test_only_admins_add_users(
    client: Any, login: Any, make_user: Any, db_session: Session
) -> None:
    login(make_user("reviewer"))
    assert client.get("/admin/users/new").status_code == 403
    assert add(client).status_code == 403
    assert by_email(db_session, "new.person@unodc.example") is None


def test_the_link_sets_the_password_once(
    app: Any, client: Any, login: Any, make_user: Any, db_session: Session
) -> None:
    login(make_user("admin"))
    path = link_of(add(client).get_data(as_text=True))
    stranger = app.test_client()
    page = stranger.get(path)
    assert page.status_code == 200 and "new.person@unodc.example" in page.get_data(as_text=True)
    differ = stranger.post(path, data={"password": NEW_PASSWORD, "confirm": "something else"})
    assert "The two passwords differ." in differ.get_data(as_text=True)
    short = stranger.post(path, data={"password": "short", "confirm": "short"})
    assert "Use 8 to 128 characters." in field_errors(short.get_data(as_text=True), "New password")
    done = stranger.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    user = by_email(db_session, "new.person@unodc.example")
    assert user is not None
    assert check_credentials(db_session, user.email, NEW_PASSWORD) is not None
    assert actions(db_session, user.id) == ["user.invited", "user.password_set"]
    again = stranger.get(path)
    assert again.status_code == 410 and "has been used" in again.get_data(as_text=True)
    reused = stranger.post(path, data={"password": "another passphrase", "confirm": "x"})
    assert reused.status_code == 410
    assert check_credentials(db_session, user.email, NEW_PASSWORD) is not None


def _token_aged(user: User, days: float, monkeypatch: Any) -> str:
    """Return a link token as if issued `days` ago."""
    issued = int(time.time() - days * 24 * 3600)
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda _self: issued)
        return invitations.link_token(TEST_KEY, user)


def test_a_link_works_for_seven_days_then_expires(
    client: Any, make_user: Any, db_session: Session, monkeypatch: Any
) -> None:
    user = make_user("viewer")
    fresh = client.get(f"/set-password/{_token_aged(user, 6.9, monkeypatch)}")
    assert fresh.status_code == 200
    stale = client.get(f"/set-password/{_token_aged(user, 7.1, monkeypatch)}")
    body = stale.get_data(as_text=True)
    assert stale.status_code == 410 and "expired" in body and "Traceback" not in body
    token = invitations.link_token(TEST_KEY, user)
    with pytest.raises(invitations.LinkSpent, match="expired"):
        invitations.user_for_token(db_session, TEST_KEY, token, max_age=-1)


@pytest.mark.parametrize("kind", ["tampered", "other key", "garbage", "no account"])
def test_a_forged_link_gets_a_clear_page(
    client: Any, make_user: Any, db_session: Session, kind: str
) -> None:
    user = make_user("viewer")
    token = invitations.link_token(TEST_KEY, user)
    forged = {
        "tampered": token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"),
        "other key": invitations.link_token("k" * 48, user),
        "garbage": "not-a-token",
        "no account": invitations._serializer(TEST_KEY).dumps({"u": 999_999, "s": "x"}),
    }[kind]
    for response in (
        client.get(f"/set-password/{forged}"),
        client.post(
            f"/set-password/{forged}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
        ),
    ):
        body = response.get_data(as_text=True)
        assert response.status_code == 404 and "This link does not work" in body
        assert "Traceback" not in body
    assert check_credentials(db_session, user.email, NEW_PASSWORD) is None


def test_a_deactivated_account_cannot_use_its_link(
    client: Any, make_user: Any, db_session: Session
) -> None:
    user = make_user("viewer")
    token = invitations.link_token(TEST_KEY, user)
    user.active = False
    db_session.flush()
    response = client.get(f"/set-password/{token}")
    assert response.status_code == 410 and "deactivated" in response.get_data(as_text=True)


def test_of_two_uses_at_once_only_one_sets_the_password(
    make_user: Any, db_session: Session
) -> None:
    user = make_user("viewer")
    token = invitations.link_token(TEST_KEY, user)
    checked = invitations.user_for_token(db_session, TEST_KEY, token)
    # The other use wins between this one's check and its write (the loaded hash is now stale).
    db_session.execute(
        update(User).where(User.id == user.id).values(password_hash=invitations.unusable_hash()),
        execution_options={"synchronize_session": False},
    )
    with pytest.raises(invitations.LinkSpent):
        invitations.set_password(db_session, checked, NEW_PASSWORD)
    assert "user.password_set" not in actions(db_session, user.id)
