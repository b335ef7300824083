"""Administering accounts: role and entity changes and deactivation end sessions, are audited,
and never let an administrator lock themselves out."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.admin_services import change_access, set_active
from app.errors import ValidationFailed
from app.models.audit import AuditEvent


def _actions(db_session: Session, user_id: int) -> list[str]:
    rows = db_session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.object_type == "user", AuditEvent.object_id == str(user_id)
        )
    )
    return list(rows)


def test_role_change_ends_sessions_and_is_audited(db_session: Session, make_user: Any) -> None:
    admin, viewer = make_user("admin"), make_user("viewer")
    epoch = viewer.session_epoch
    change_access(db_session, admin, viewer, "focal_point", "UNODC")
    assert viewer.role == "focal_point" and viewer.entity is not None
    assert viewer.session_epoch > epoch
    assert _actions(db_session, viewer.id) == ["user.access_changed"]


def test_deactivation_ends_sessions_and_reactivation_is_audited(
    db_session: Session, make_user: Any
) -> None:
    admin, viewer = make_user("admin"), make_user("viewer")
    epoch = viewer.session_epoch
    set_active(db_session, admin, viewer, False)
    assert not viewer.active and viewer.session_epoch > epoch
    set_active(db_session, admin, viewer, True)
    assert _actions(db_session, viewer.id) == ["user.deactivated", "user.reactivated"]


def test_admin_cannot_deactivate_or_demote_self(db_session: Session, make_user: Any) -> None:
    admin = make_user("admin")
    with pytest.raises(ValidationFailed, match="deactivate your own"):
        set_active(db_session, admin, admin, False)
    with pytest.raises(ValidationFailed, match="administrator role from yourself"):
        change_access(db_session, admin, admin, "viewer", None)
    assert admin.active and admin.role == "admin"
    assert _actions(db_session, admin.id) == []


@pytest.mark.parametrize(
    ("role", "entity", "field_text"),
    [
        ("focal_point", None, "a focal point belongs to one entity"),
        ("reviewer", "UNODC", "leave the entity empty"),
        ("viewer", "NOPE", "no Compact entity 'NOPE'"),
        ("emperor", None, "'emperor' is not one of"),
    ],
)
def test_bad_access_change_names_the_field_and_writes_nothing(
    db_session: Session, make_user: Any, role: str, entity: str | None, field_text: str
) -> None:
    admin, viewer = make_user("admin"), make_user("viewer")
    with pytest.raises(ValidationFailed) as caught:
        change_access(db_session, admin, viewer, role, entity)
    assert any(field_text in p for p in caught.value.problems)
    assert viewer.role == "viewer" and _actions(db_session, viewer.id) == []


def test_only_admins_see_the_users_page(client: Any, login: Any, make_user: Any) -> None:
    login(make_user("cted"))
    assert client.get("/admin/users").status_code == 403


def test_users_page_filters_and_deactivates(
    client: Any, login: Any, make_user: Any, db_session: Session
) -> None:
    admin, viewer = make_user("admin"), make_user("viewer")
    make_user("cted")
    login(admin)
    page = client.get("/admin/users?role=viewer").get_data(as_text=True)
    assert viewer.email in page and "cted" not in page.split("<tbody>")[1]
    response = client.post(f"/admin/users/{viewer.id}/deactivate")
    assert response.status_code == 302
    db_session.refresh(viewer)
    assert not viewer.active
    assert "user.deactivated" in _actions(db_session, viewer.id)
