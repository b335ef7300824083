"""The users page for administrators: a paged list filtered by role and state, with
deactivate and reactivate buttons (app/auth/admin_services.py does the writes); adding,
editing and password resets are in account_views.py."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app import db
from app.auth import admin_services
from app.auth.permissions import ensure_admin
from app.models.auth import User
from app.models.enums import Role
from app.ui.forms import ConfirmForm
from app.ui.writes import button_write

bp = Blueprint("admin", __name__, template_folder="templates")
PAGE_SIZE = 50


def _filters() -> tuple[str, str]:
    role = request.args.get("role", "")
    state = request.args.get("state", "")
    return (
        role if role in {r.value for r in Role} else "",
        state if state in {"active", "inactive"} else "",
    )


@bp.route("/admin/users")
@login_required
def users() -> ResponseReturnValue:
    """List the accounts, PAGE_SIZE a page, filtered by role and active state."""
    ensure_admin(current_user)
    role, state = _filters()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    query = select(User)
    if role:
        query = query.where(User.role == role)
    if state:
        query = query.where(User.active.is_(state == "active"))
    session = db.session()
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.options(selectinload(User.entity))
        .order_by(User.email)
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template(
        "admin/users.html",
        users=rows,
        total=total,
        page=page,
        pages=pages,
        role=role,
        state=state,
        roles=[r.value for r in Role],
    )


@bp.route("/admin/users/<int:user_id>/<any(deactivate, reactivate):act>", methods=["POST"])
@login_required
def set_active(user_id: int, act: str) -> ResponseReturnValue:
    """Deactivate or reactivate one account; its sessions end at once."""
    ensure_admin(current_user)
    user = db.session().get(User, user_id)
    if user is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with button_write() as write:
        admin_services.set_active(write.session, current_user, user, act == "reactivate")
    if act == "reactivate":
        done = _("%(email)s is now reactivated.", email=user.email)
    else:
        done = _("%(email)s is now deactivated.", email=user.email)
    return write.done(url_for("admin.users"), done)
