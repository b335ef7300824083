"""Audit trail pages: per project and per entity, newest first, paginated."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.audit.history import event_page
from app.auth.permissions import ensure_can_read_entity_audit
from app.models.audit import AuditEvent
from app.models.auth import User
from app.models.portfolio import Project
from app.models.reference import Entity

bp = Blueprint("audit", __name__, template_folder="templates")


def _page() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and len(value) < 7 else 1


def redact(user: User, state: dict[str, Any] | None) -> dict[str, Any] | None:
    """Hide what an event says about a confidential need from users who may not see it."""
    if state and state.get("confidential") and not user.sees_confidential:
        return {"need": "a confidential CTED need"}
    return state


@bp.route("/projects/<int:project_id>/audit")
@login_required
def project_audit(project_id: int) -> ResponseReturnValue:
    """Show the audit trail of one project (admin, reviewer, the entity's focal points)."""
    session = db.session()
    project = session.get(Project, project_id)
    if project is None:
        abort(404)
    ensure_can_read_entity_audit(current_user, project.entity_id)
    page = event_page(session, AuditEvent.project_id == project_id, _page())
    title = f"Audit trail of {project.code}"
    return render_template("audit/events.html", page=page, title=title, redact=redact)


@bp.route("/entities/<acronym>/audit")
@login_required
def entity_audit(acronym: str) -> ResponseReturnValue:
    """Show the audit trail of one entity and its projects."""
    session = db.session()
    entity = session.scalars(select(Entity).where(Entity.acronym == acronym[:20])).first()
    if entity is None:
        abort(404)
    ensure_can_read_entity_audit(current_user, entity.id)
    page = event_page(session, AuditEvent.entity_id == entity.id, _page())
    title = f"Audit trail of {entity.acronym}"
    return render_template("audit/events.html", page=page, title=title, redact=redact)
