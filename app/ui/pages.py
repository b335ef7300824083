"""Page helpers of the editing views: load a record or 404, the editable project, the form page."""

from __future__ import annotations

from typing import Any, TypeVar

from flask import abort, render_template
from flask_login import current_user

from app import db
from app.auth.permissions import ensure_can_edit_project
from app.models.portfolio import Project

T = TypeVar("T")


def load(model: type[T], object_id: int) -> T:
    """Return a record by id, or answer 404."""
    item = db.session().get(model, object_id)
    if item is None:
        abort(404)
    return item


def form_page(form: Any, title: str, back: str, **context: Any) -> str:
    """Render the generic edit page of a form."""
    return render_template("form.html", form=form, title=title, back=back, **context)


def editable_project(project_id: int) -> Project:
    """Return a project the signed-in user may change, or answer 404/403."""
    project = load(Project, project_id)
    ensure_can_edit_project(current_user, project)
    return project
