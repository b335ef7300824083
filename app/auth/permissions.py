"""Who may do what: the one place each domain asks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import PermissionDenied
from app.extensions import login_manager
from app.models.auth import User
from app.models.enums import Role
from app.models.portfolio import Project

F = TypeVar("F", bound=Callable[..., Any])

EDITORS = (Role.ADMIN, Role.FOCAL_POINT)
REVIEWERS = (Role.ADMIN, Role.REVIEWER)


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Refuse (403) a signed-in user whose role is not listed; send others to sign in."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapper)  # functools.wraps keeps the signature mypy cannot see

    return decorate


def can_edit_project(user: User, project: Project) -> bool:
    """Tell whether the user may change the project and its logframe and progress."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.FOCAL_POINT and user.entity_id == project.entity_id


def ensure_can_edit_project(user: User, project: Project) -> None:
    """Raise PermissionDenied unless the user may change the project."""
    if not can_edit_project(user, project):
        raise PermissionDenied(_("You may change only your own entity's projects."))


def can_review(user: User) -> bool:
    """Tell whether the user may approve or return submissions."""
    return user.role in REVIEWERS


def ensure_role(user: User, *roles: Role) -> None:
    """Raise PermissionDenied unless the user has one of the roles."""
    if user.role not in roles:
        raise PermissionDenied(_("Your role does not allow this."))


def ensure_admin(user: User) -> None:
    """Raise PermissionDenied unless the user is an administrator."""
    if user.role != Role.ADMIN:
        raise PermissionDenied(_("Only administrators may do this."))


def can_create_project_for(user: User, entity_id: int | None) -> bool:
    """Tell whether the user may create a project for the entity."""
    if user.role == Role.ADMIN:
        return entity_id is not None
    return user.role == Role.FOCAL_POINT and entity_id == user.entity_id


def ensure_can_create_project(user: User, entity_id: int | None) -> None:
    """Raise PermissionDenied unless the user may create a project for the entity."""
    if not can_create_project_for(user, entity_id):
        raise PermissionDenied(_("You may create projects only for your own entity."))


def can_read_entity_audit(user: User, entity_id: int | None) -> bool:
    """Tell whether the user may read the audit trail of an entity and its projects."""
    if user.role in REVIEWERS:
        return True
    return user.role == Role.FOCAL_POINT and entity_id is not None and user.entity_id == entity_id


def ensure_can_read_entity_audit(user: User, entity_id: int | None) -> None:
    """Raise PermissionDenied unless the user may read the entity's audit trail."""
    if not can_read_entity_audit(user, entity_id):
        raise PermissionDenied(_("You may read only your own entity's audit trail."))


def can_see_need(user: User, confidential: bool) -> bool:
    """Tell whether the user may see a CTED need (confidential ones: CTED and admin only)."""
    return not confidential or user.sees_confidential


def can_view_report(user: User, project: Project) -> bool:
    """Tell whether the user may read a project's quarterly reports before approval."""
    return can_edit_project(user, project) or can_review(user)


def ensure_can_review(user: User, authors: set[int | None], entity_id: int | None = None) -> None:
    """Raise PermissionDenied unless the user reviews, changed none of the report's figures
    (`authors`: everyone who wrote, saved or submitted it) and is not bound to its entity."""
    if not can_review(user):
        raise PermissionDenied(_("Only reviewers may approve, return or reopen reports."))
    if user.id in authors:
        raise PermissionDenied(
            _("You cannot review a report you wrote or submitted, or whose figures you changed.")
        )
    if own_entity(user, entity_id):
        raise PermissionDenied(_("You cannot review your own entity's reports."))


def own_entity(user: User, entity_id: int | None) -> bool:
    """Tell whether the user is bound to the entity (a reviewer never reviews its own)."""
    return user.entity_id is not None and user.entity_id == entity_id


def can_use_entity_sheet(user: User, entity_id: int) -> bool:
    """Tell whether the user may download or upload an entity's progress workbook."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.FOCAL_POINT and user.entity_id == entity_id
