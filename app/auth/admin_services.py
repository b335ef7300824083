"""Administering accounts: role and entity changes, deactivation and reactivation.

Every change is audited, and ends the account's sessions at once (app/auth/epoch.py bumps the
session epoch at flush). An administrator can neither deactivate nor demote their own account,
so the Compact always keeps at least the administrator making the change.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record
from app.errors import ValidationFailed
from app.models.auth import User
from app.models.enums import Role
from app.models.reference import Entity


def _snapshot(user: User) -> dict[str, object]:
    return {
        "role": user.role,
        "entity": user.entity.acronym if user.entity else None,
        "active": user.active,
    }


def _entity_problems(role: str, entity: Entity | None, acronym: str | None) -> list[str]:
    problems = []
    if acronym and entity is None:
        problems.append("entity: " + _("no Compact entity %(entity)s", entity=repr(acronym)))
    if role == Role.FOCAL_POINT and not acronym:
        problems.append("entity: " + _("a focal point belongs to one entity; choose it"))
    if role == Role.REVIEWER and acronym:
        problems.append(
            "entity: " + _("a reviewer reviews every entity's reports; leave the entity empty")
        )
    return problems


def change_access(
    session: Session, actor: User, user: User, role: str, entity_acronym: str | None
) -> User:
    """Give a user a new role and entity, after checking both; audited."""
    entity_acronym = (entity_acronym or "").strip() or None
    problems = []
    if role not in {r.value for r in Role}:
        problems.append(
            "role: "
            + _(
                "%(role)s is not one of %(roles)s",
                role=repr(role),
                roles=", ".join(r.value for r in Role),
            )
        )
    if user.id == actor.id and role != Role.ADMIN:
        problems.append("role: " + _("you cannot take the administrator role from yourself"))
    entity = None
    if entity_acronym:
        entity = session.scalar(select(Entity).where(Entity.acronym == entity_acronym))
    problems += _entity_problems(role, entity, entity_acronym)
    if problems:
        raise ValidationFailed(problems)
    before = _snapshot(user)
    user.role, user.entity = role, entity
    session.flush()
    record(
        session,
        actor.id,
        "user.access_changed",
        "user",
        user.id,
        before=before,
        after=_snapshot(user),
    )
    return user


def set_active(session: Session, actor: User, user: User, active: bool) -> User:
    """Deactivate or reactivate a user; you cannot deactivate yourself; audited."""
    if user.id == actor.id and not active:
        raise ValidationFailed(["active: " + _("you cannot deactivate your own account")])
    if user.active == active:
        return user
    before = _snapshot(user)
    user.active = active
    session.flush()
    action = "user.reactivated" if active else "user.deactivated"
    record(session, actor.id, action, "user", user.id, before=before, after=_snapshot(user))
    return user
