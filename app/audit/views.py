"""Audit trail pages: per project and per entity, newest first, paginated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import db
from app.audit.history import EventPage, event_page
from app.audit.labels import action_label, object_label
from app.audit.redaction import clearance, redact_state, redact_text
from app.auth.permissions import ensure_can_read_entity_audit
from app.models.audit import AuditEvent
from app.models.auth import User
from app.models.portfolio import Project
from app.models.reference import Entity

bp = Blueprint("audit", __name__, template_folder="templates")
bp.add_app_template_filter(action_label, "audit_action")
bp.add_app_template_filter(object_label, "audit_object")


def _page() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and len(value) < 7 else 1


@dataclass(frozen=True)
class Shown:
    """One audit event as the reader may see it: confidential needs redacted."""

    event: AuditEvent
    email: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str


def shown(session: Session, reader: User, page: EventPage) -> list[Shown]:
    """Return the page's events redacted by the reader's clearance and each need's current flag."""
    events = [event for event, _ in page.rows]
    states = [s for e in events for s in (e.before, e.after, e.reason)]
    seen = clearance(session, reader, states)
    return [
        Shown(
            event,
            email,
            redact_state(seen, event.before),
            redact_state(seen, event.after),
            redact_text(seen, event.reason),
        )
        for event, email in page.rows
    ]


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
    title = _("Audit trail of %(name)s", name=project.code)
    rows = shown(session, current_user, page)
    return render_template("audit/events.html", page=page, rows=rows, title=title)


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
    title = _("Audit trail of %(name)s", name=entity.acronym)
    rows = shown(session, current_user, page)
    return render_template("audit/events.html", page=page, rows=rows, title=title)
