"""Who may do what: the one place each domain asks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import current_user

from app.auth.models import User
from app.errors import PermissionDenied
from app.portfolio.models import Project
from indicators.types import Role

F = TypeVar("F", bound=Callable[..., Any])

EDITORS = (Role.ADMIN, Role.FOCAL_POINT)
REVIEWERS = (Role.ADMIN, Role.REVIEWER)


def roles_required(*roles: Role) -> Callable[[F], F]:
    """Refuse (403) a signed-in user whose role is not listed; send others to sign in."""

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                from app.extensions import login_manager

                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def can_edit_project(user: User, project: Project) -> bool:
    """Tell whether the user may change the project and its logframe and progress."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.FOCAL_POINT and user.entity_id == project.entity_id


def ensure_can_edit_project(user: User, project: Project) -> None:
    """Raise PermissionDenied unless the user may change the project."""
    if not can_edit_project(user, project):
        raise PermissionDenied("You may change only your own entity's projects.")


def can_review(user: User) -> bool:
    """Tell whether the user may approve or return submissions."""
    return user.role in REVIEWERS


def ensure_role(user: User, *roles: Role) -> None:
    """Raise PermissionDenied unless the user has one of the roles."""
    if user.role not in roles:
        raise PermissionDenied("Your role does not allow this.")


def can_view_report(user: User, project: Project) -> bool:
    """Tell whether the user may read a project's quarterly reports before approval."""
    return can_edit_project(user, project) or can_review(user)


def ensure_can_review(user: User, authors: set[int | None]) -> None:
    """Raise PermissionDenied unless the user reviews and did not author or submit the report."""
    if not can_review(user):
        raise PermissionDenied("Only reviewers may approve, return or reopen reports.")
    if user.id in authors:
        raise PermissionDenied("You cannot review a report you wrote or submitted.")


def can_use_entity_sheet(user: User, entity_id: int) -> bool:
    """Tell whether the user may download or upload an entity's progress workbook."""
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.FOCAL_POINT and user.entity_id == entity_id
