"""The logframe editing blueprint, its loaders and how refused requests answer."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import Blueprint, abort, render_template
from flask_login import current_user

from app import db
from app.auth.permissions import ensure_can_edit_project
from app.errors import NotFound, PermissionDenied
from app.models.portfolio import Project

bp = Blueprint("logframe", __name__, template_folder="templates")
T = TypeVar("T")


@bp.app_errorhandler(PermissionDenied)
def _denied(error: PermissionDenied) -> tuple[str, int]:
    db.session().rollback()
    return render_template("error.html", code=403, title="Forbidden", message=str(error)), 403


@bp.app_errorhandler(NotFound)
def _not_found(_error: NotFound) -> tuple[str, int]:
    db.session().rollback()
    message = "The page or record does not exist, or you may not see it."
    return render_template("error.html", code=404, title="Not found", message=message), 404


def load(model: type[T], object_id: int) -> T:
    """Return a record by id, or answer 404."""
    item = db.session().get(model, object_id)
    if item is None:
        abort(404)
    return item


def editable_project(project_id: int) -> Project:
    """Return a project the signed-in user may change, or answer 404/403."""
    project = load(Project, project_id)
    ensure_can_edit_project(current_user, project)
    return project


def form_page(form: Any, title: str, back: str, **context: Any) -> str:
    """Render the generic edit page of a form."""
    return render_template("logframe/form.html", form=form, title=title, back=back, **context)


def _register_globals() -> None:
    from app.auth.permissions import can_edit_project, can_read_entity_audit

    bp.add_app_template_global(can_edit_project, "can_edit_project")
    bp.add_app_template_global(can_read_entity_audit, "can_read_entity_audit")


_register_globals()
