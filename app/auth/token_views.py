"""The account's personal access tokens: list, create (the secret shown once), revoke."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app import db
from app.auth import tokens
from app.auth.views import bp
from app.db import transaction
from app.errors import DomainError, FieldInvalid, NotFound


class TokenForm(FlaskForm):
    """A new token: its name, its scope and when it expires."""

    name = StringField(_l("Name"), [InputRequired(), Length(max=tokens.MAX_NAME)])
    scope = SelectField(
        _l("Scope"), choices=[("read", _l("Read")), ("write", _l("Read and write"))]
    )
    expires_days = IntegerField(
        _l("Expires after (days)"), [Optional(), NumberRange(1, tokens.MAX_EXPIRES_DAYS)]
    )


class RevokeForm(FlaskForm):
    """The revoke button (its CSRF token only)."""


def _page(form: TokenForm, secret: str | None = None, status: int = 200) -> ResponseReturnValue:
    listed = tokens.user_tokens(db.session(), current_user)
    return render_template(
        "auth/tokens.html", form=form, tokens=listed, secret=secret, revoke=RevokeForm()
    ), status


@bp.route("/account/tokens", methods=["GET", "POST"])
@login_required
def account_tokens() -> ResponseReturnValue:
    """List the account's tokens; create one and show its secret this once."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=422 if form.is_submitted() else 200)
    try:
        with transaction() as session:
            _token, secret = tokens.create_token(
                session, current_user, form.name.data or "", form.scope.data or "read",
                form.expires_days.data,
            )  # fmt: skip
    except FieldInvalid as error:
        if error.field in form:
            form[error.field].errors = [*form[error.field].errors, str(error)]
        else:
            form.form_errors.append(str(error))
        return _page(form, status=422)
    return _page(TokenForm(formdata=None), secret)


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id: int) -> ResponseReturnValue:
    """Revoke one of the account's tokens: it stops working at once."""
    if not RevokeForm().validate_on_submit():
        abort(400)
    try:
        with transaction() as session:
            tokens.revoke_token(session, current_user, token_id)
    except NotFound:
        abort(404)
    except DomainError as error:
        flash(str(error), "error")
    else:
        flash(_("Token revoked: it no longer works."), "success")
    return redirect(url_for("auth.account_tokens"))
