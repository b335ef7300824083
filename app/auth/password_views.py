"""The set-password page a link opens (an invitation or a reset); joined to the auth blueprint.
It is public: the signed token in the link is the credential (app/auth/invitations.py)."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from app import db
from app.auth import invitations
from app.auth.forms import SetPasswordForm
from app.auth.views import bp
from app.db import transaction
from app.errors import ValidationFailed
from app.models.auth import User


def _unusable(message: str, status: int) -> ResponseReturnValue:
    return render_template("auth/link_unusable.html", message=message), status


@bp.route("/set-password/<token>", methods=["GET", "POST"])
def set_password(token: str) -> ResponseReturnValue:
    """Let the holder of a valid link choose the account's password (the link then dies)."""
    try:
        user = invitations.user_for_token(db.session(), current_app.config["SECRET_KEY"], token)
    except invitations.LinkInvalid as error:
        return _unusable(str(error), 404)
    except invitations.LinkSpent as error:
        return _unusable(str(error), 410)
    form = SetPasswordForm()
    if not form.validate_on_submit():
        return _page(form, user)
    try:
        with transaction() as session:
            invitations.set_password(session, user, form.password.data or "")
    except invitations.LinkSpent as error:
        return _unusable(str(error), 410)
    except ValidationFailed as error:
        form.password.errors = [*form.password.errors, *_messages(error)]
        return _page(form, user)
    flash(_("Your password is set: sign in with it."), "success")
    return redirect(url_for("auth.login"))


def _page(form: SetPasswordForm, user: User) -> ResponseReturnValue:
    return render_template("auth/set_password.html", form=form, user=user), 200


def _messages(error: ValidationFailed) -> list[str]:
    found = [p.partition(": ")[2] or p for p in error.problems]
    return [m[:1].upper() + m[1:] + "." for m in found]
