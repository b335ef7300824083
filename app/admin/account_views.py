"""Adding a user (by a set-password link), editing a user's role and entity, and resetting a
password; joined to the admin blueprint. The writes are app/auth/invitations.py's and
app/auth/admin_services.py's."""

from __future__ import annotations

from flask import abort, current_app, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.admin.forms import AccessForm, NewUserForm, place_problems, with_entities
from app.admin.views import bp
from app.auth import admin_services, invitations
from app.auth.permissions import ensure_admin
from app.errors import ValidationFailed
from app.models.auth import User
from app.models.reference import Entity
from app.ui.forms import ConfirmForm, required
from app.ui.navigation import role_label
from app.ui.pages import load
from app.ui.writes import Write, button_write, form_write


def _acronyms() -> list[str]:
    return list(db.session().scalars(select(Entity.acronym).order_by(Entity.acronym)))


def _link_page(user: User, invited: bool) -> ResponseReturnValue:
    """Show the set-password link, this once (it is stored nowhere)."""
    token = invitations.link_token(current_app.config["SECRET_KEY"], user)
    link = url_for("auth.set_password", token=token, _external=True)
    days = invitations.INVITATION_DAYS
    return render_template("admin/link.html", user=user, link=link, invited=invited, days=days)


def _form(form: AccessForm, write: Write | None, title: str, lead: str) -> ResponseReturnValue:
    if write is not None and isinstance(write.error, ValidationFailed):
        place_problems(form, write.error)
    page = render_template("admin/user_form.html", form=form, title=title, lead=lead)
    return page, 200


@bp.route("/admin/users/new", methods=["GET", "POST"])
@login_required
def new_user() -> ResponseReturnValue:
    """Create an account and show the one-time link with which its holder sets a password."""
    ensure_admin(current_user)
    form = with_entities(NewUserForm(), _acronyms())
    lead = _("The new user chooses their own password through a link shown on the next page.")
    if not form.validate_on_submit():
        return _form(form, None, _("Add a user"), lead)
    with form_write(form) as write:
        user = invitations.invite_user(
            write.session,
            current_user,
            required(form.email.data),
            form.role.data or "",
            form.entity.data or None,
            form.name.data or "",
        )
    if write.ok:
        return _link_page(user, invited=True)
    return _form(form, write, _("Add a user"), lead)


@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@login_required
def edit_user(user_id: int) -> ResponseReturnValue:
    """Change an account's role and entity; its sessions end at once."""
    ensure_admin(current_user)
    user = load(User, user_id)
    current = {"role": user.role, "entity": user.entity.acronym if user.entity else ""}
    form = with_entities(AccessForm(data=current), _acronyms())
    title = _("Role and entity of %(email)s", email=user.email)
    lead = _("Saving signs the user out everywhere.")
    if not form.validate_on_submit():
        return _form(form, None, title, lead)
    with form_write(form) as write:
        admin_services.change_access(
            write.session, current_user, user, form.role.data or "", form.entity.data or None
        )
    if write.ok:
        message = _(
            "%(email)s is now %(role)s; their sessions have ended.",
            email=user.email,
            role=role_label(user.role),
        )
        return write.done(url_for("admin.users"), message)
    return _form(form, write, title, lead)


@bp.route("/admin/users/<int:user_id>/reset-password", methods=["POST"])
@login_required
def reset_password(user_id: int) -> ResponseReturnValue:
    """Make an account's password unusable, end its sessions and show a new set-password link."""
    ensure_admin(current_user)
    user = load(User, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    with button_write() as write:
        invitations.reset_password(write.session, current_user, user)
    if write.ok:
        return _link_page(user, invited=False)
    return write.done(url_for("admin.users"))
