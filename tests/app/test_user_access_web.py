"""Editing a user's role and entity, and resetting a password, on the web: audited, and the
user's sessions end at once; a reset kills the old password and any earlier link."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from app.auth import invitations
from app.auth.services import check_credentials
from tests.app.test_user_invitations import NEW_PASSWORD, actions, field_errors, link_of
from tests.conftest import PASSWORD, TEST_KEY
from tests.security.test_sessions_headers import isolated_app, signed_in


@pytest.fixture
def iso(engine: Any, connection: Any, app: Flask) -> Flask:
    """An app whose requests each get a fresh app context, so a session ends as in production."""
    return isolated_app(engine, connection)


def signed_out(client: Any) -> bool:
    response = client.get("/")
    return response.status_code == 302 and "/login" in response.headers["Location"]


def test_edit_changes_role_and_entity_and_ends_the_sessions(
    iso: Flask, make_user: Any, db_session: Session
) -> None:
    admin, viewer = make_user("admin"), make_user("viewer")
    db_session.commit()
    by_admin, by_viewer = iso.test_client(), iso.test_client()
    signed_in(by_admin, admin), signed_in(by_viewer, viewer)
    page = by_admin.get(f"/admin/users/{viewer.id}/edit").get_data(as_text=True)
    assert '<option selected value="viewer">' in page
    data = {"role": "focal_point", "entity": "UNODC"}
    response = by_admin.post(f"/admin/users/{viewer.id}/edit", data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/users")
    db_session.refresh(viewer)
    assert viewer.role == "focal_point" and viewer.entity and viewer.entity.acronym == "UNODC"
    assert actions(db_session, viewer.id) == ["user.access_changed"]
    assert signed_out(by_viewer) and not signed_out(by_admin)


@pytest.mark.parametrize(
    ("who", "data", "label", "message"),
    [
        ("other", {"role": "reviewer", "entity": "UNODC"}, "Entity", "leave the entity empty."),
        ("other", {"role": "focal_point", "entity": ""}, "Entity", "choose it."),
        ("self", {"role": "viewer", "entity": ""}, "Role", "from yourself."),
        ("other", {"role": "emperor", "entity": ""}, "Role", "Not a valid choice"),
    ],
)
def test_a_refused_edit_says_why_beside_the_field(
    client: Any,
    login: Any,
    make_user: Any,
    db_session: Session,
    who: str,
    data: Any,
    label: str,
    message: str,
) -> None:
    admin, viewer = make_user("admin"), make_user("viewer")
    login(admin)
    target = admin if who == "self" else viewer
    response = client.post(f"/admin/users/{target.id}/edit", data=data)
    assert response.status_code == 200
    assert message in field_errors(response.get_data(as_text=True), label)
    assert (admin.role, viewer.role) == ("admin", "viewer")
    assert actions(db_session, target.id) == []


def test_reset_kills_the_password_and_the_sessions_and_issues_a_link(
    iso: Flask, make_user: Any, db_session: Session
) -> None:
    admin, viewer = make_user("admin"), make_user("viewer")
    earlier = invitations.link_token(TEST_KEY, viewer)
    db_session.commit()
    by_admin, by_viewer = iso.test_client(), iso.test_client()
    signed_in(by_admin, admin), signed_in(by_viewer, viewer)
    response = by_admin.post(f"/admin/users/{viewer.id}/reset-password")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "password is reset" in body
    assert signed_out(by_viewer) and not signed_out(by_admin)
    db_session.refresh(viewer)
    assert check_credentials(db_session, viewer.email, PASSWORD) is None
    old = by_viewer.post("/login", data={"email": viewer.email, "password": PASSWORD})
    assert old.status_code == 200 and "not right" in old.get_data(as_text=True)
    assert by_viewer.get(f"/set-password/{earlier}").status_code == 410
    path = link_of(body)
    done = by_viewer.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.status_code == 302
    fresh = by_viewer.post("/login", data={"email": viewer.email, "password": NEW_PASSWORD})
    assert fresh.status_code == 302 and not signed_out(by_viewer)
    assert actions(db_session, viewer.id) == ["user.password_reset", "user.password_set"]


def test_setting_the_password_ends_the_accounts_other_sessions(
    iso: Flask, make_user: Any, db_session: Session
) -> None:
    viewer = make_user("viewer")
    token = invitations.link_token(TEST_KEY, viewer)
    db_session.commit()
    elsewhere = iso.test_client()
    signed_in(elsewhere, viewer)
    data = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    assert iso.test_client().post(f"/set-password/{token}", data=data).status_code == 302
    assert signed_out(elsewhere)


def test_no_reset_of_ones_own_password(
    client: Any, login: Any, make_user: Any, db_session: Session
) -> None:
    admin = make_user("admin")
    login(admin)
    users_page = client.get("/admin/users").get_data(as_text=True)
    assert f"/admin/users/{admin.id}/reset-password" not in users_page
    response = client.post(f"/admin/users/{admin.id}/reset-password", follow_redirects=True)
    assert "not your own" in response.get_data(as_text=True)
    assert check_credentials(db_session, admin.email, PASSWORD) is not None
    assert actions(db_session, admin.id) == []


def test_only_admins_edit_or_reset(
    client: Any, login: Any, make_user: Any, db_session: Session
) -> None:
    viewer = make_user("viewer")
    login(make_user("reviewer"))
    assert client.get(f"/admin/users/{viewer.id}/edit").status_code == 403
    assert client.post(f"/admin/users/{viewer.id}/reset-password").status_code == 403
    assert check_credentials(db_session, viewer.email, PASSWORD) is not None
    assert actions(db_session, viewer.id) == []
