"""The home page: what is due for a focal point, a reviewer's queue, the admin's overdue list,
and for viewers and CTED the Compact at a glance; each list shows its first rows and links to
its paged page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy.orm import Session

from app import data_version, db
from app.auth.permissions import ensure_admin, ensure_role
from app.models.enums import Role
from app.models.reference import Entity
from app.paging import HOME_ROWS, AnySelect, count, page_of, requested_page
from app.portfolio.queries import entity_choices
from app.progress import due
from app.progress.outcome_queries import submitted_outcome_periods
from app.quarterly.glance import glance

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    """Show what is due (focal points, reviewers, admins), or the Compact at a glance (readers)."""
    session, today, role = db.session(), dt.date.today(), current_user.role
    context: dict[str, object] = {"today": today, "shown": HOME_ROWS}
    if role == Role.FOCAL_POINT:
        # The same for every focal point of the entity that day until something is written.
        key = ("focal_home", current_user.entity_id, today)
        entity = current_user.entity_id
        context |= data_version.kept(session, key, lambda: _focal_rows(session, today, entity))
    if role in (Role.REVIEWER, Role.ADMIN):
        # The same for every reviewer (and admin) of the day until something is written.
        key = ("staff_home", role, today)
        context |= data_version.kept(session, key, lambda: _staff_rows(session, today, role))
    if role in (Role.VIEWER, Role.CTED):
        context["glance"] = glance(session, current_user.sees_confidential)
    return render_template("home.html", **context)


def _focal_rows(session: Session, today: dt.date, entity: int | None) -> dict[str, object]:
    """The entity's first reports due and the counts of those due and late."""
    stmt = due.due_select(today, entity)
    return {
        "due": due.due_rows(session, stmt.limit(HOME_ROWS), today),
        "due_count": count(session, stmt),
        "late_count": count(session, due.overdue_select(today, entity)),
    }


def _staff_rows(session: Session, today: dt.date, role: str) -> dict[str, object]:
    """The review queue (and, for admins, the overdue reports): the first rows and the counts."""
    found: dict[str, object] = {
        "queue": due.review_queue(session, HOME_ROWS),
        "queue_count": count(session, due.review_select()),
        "outcomes_to_review": submitted_outcome_periods(session),
    }
    if role == Role.ADMIN:
        found["overdue"] = due.overdue_reports(session, today, HOME_ROWS)
        found["overdue_count"] = count(session, due.overdue_select(today))
    return found


@bp.route("/due")
@login_required
def due_list() -> ResponseReturnValue:
    """List, page by page, the reports due from the focal point's entity."""
    ensure_role(current_user, Role.FOCAL_POINT)
    session, today = db.session(), dt.date.today()
    stmt = due.due_select(today, current_user.entity_id)
    paging, rows = page_of(session, stmt, requested_page(request.args))
    shown = [due.due_row(row, today) for row in rows]
    return render_template("home/due.html", paging=paging, due=shown)


def _by_entity(session: Session, stmt: AnySelect) -> tuple[AnySelect, dict[str, Any]]:
    """Filter a statement joined to entities by the request's `entity`; return it and what the
    template needs (the choices, the chosen acronym, the pager's arguments)."""
    entities = entity_choices(session)
    chosen = request.args.get("entity", "")
    chosen = chosen if chosen in {acronym for acronym, _ in entities} else ""
    if chosen:
        stmt = stmt.where(Entity.acronym == chosen)
    args = {"entity": chosen} if chosen else {}
    return stmt, {"entities": entities, "entity": chosen, "args": args}


@bp.route("/review-queue")
@login_required
def review_queue() -> ResponseReturnValue:
    """List, page by page, the submitted reports awaiting review, oldest first."""
    ensure_role(current_user, Role.REVIEWER, Role.ADMIN)
    session = db.session()
    stmt, shown = _by_entity(session, due.review_select())
    paging, rows = page_of(session, stmt, requested_page(request.args))
    queue = [due.QueueRow(*row) for row in rows]
    return render_template("home/review_queue.html", paging=paging, rows=queue, **shown)


@bp.route("/overdue")
@login_required
def overdue() -> ResponseReturnValue:
    """List, page by page, the reports across entities whose due date passed unsubmitted."""
    ensure_admin(current_user)
    session, today = db.session(), dt.date.today()
    stmt, shown = _by_entity(session, due.overdue_select(today))
    paging, rows = page_of(session, stmt, requested_page(request.args))
    late = [due.due_row(row, today) for row in rows]
    return render_template("home/overdue.html", paging=paging, rows=late, **shown)
