"""The home page: what is due for a focal point, a reviewer's queue, the admin's overdue list,
and for viewers and CTED the Compact at a glance."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import db
from app.models.enums import Role
from app.progress import due
from app.progress.outcome_queries import submitted_outcome_periods
from app.quarterly.glance import glance

bp = Blueprint("home", __name__)


@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    """Show what is due (focal points, reviewers, admins), or the Compact at a glance (readers)."""
    session, today, role = db.session(), dt.date.today(), current_user.role
    context: dict[str, object] = {"today": today}
    if role == Role.FOCAL_POINT:
        context["due"] = due.due_for_entity(session, current_user.entity_id, today)
    if role in (Role.REVIEWER, Role.ADMIN):
        context["queue"] = due.review_queue(session)
        context["outcomes_to_review"] = submitted_outcome_periods(session)
    if role == Role.ADMIN:
        context["overdue"] = due.overdue_reports(session, today)
    if role in (Role.VIEWER, Role.CTED):
        context["glance"] = glance(session, current_user.sees_confidential)
    return render_template("home.html", **context)
