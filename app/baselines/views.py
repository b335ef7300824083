"""Baselines in the web app: list, freeze (admins) and verify (admins)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import db
from app.auth.permissions import roles_required
from app.baselines import queries
from app.baselines.forms import BaselineForm
from app.baselines.services import create_baseline, get_baseline, verify_baseline
from app.db import transaction
from app.errors import DomainError, NotFound, ValidationFailed
from app.models.enums import Role

bp = Blueprint("baselines", __name__, template_folder="templates")


def _list_page(form: BaselineForm, status: int = 200) -> tuple[str, int]:
    baselines = queries.baselines_with_creators(db.session())
    return render_template("baselines/baselines.html", baselines=baselines, form=form), status


@bp.route("/baselines")
@login_required
def index() -> ResponseReturnValue:
    """List the baselines; admins also get the form that freezes a new one."""
    return _list_page(BaselineForm())


@bp.route("/baselines", methods=["POST"])
@roles_required(Role.ADMIN)
def create() -> ResponseReturnValue:
    """Freeze the live portfolio as a new baseline, then go back to the list."""
    form = BaselineForm()
    if not form.validate_on_submit():
        return _list_page(form, 400)
    label, as_of = form.label.data or "", form.as_of.data
    if as_of is None:  # InputRequired and the date's parse let none through
        return _list_page(form, 400)
    try:
        with transaction() as session:
            baseline = create_baseline(session, current_user.id, label, as_of)
    except ValidationFailed as error:
        form.label.errors = [p.removeprefix("label: ") for p in error.problems]
        return _list_page(form, 400)
    except DomainError as error:
        form.label.errors = [str(error)]
        return _list_page(form, 400)
    flash(f"Baseline {baseline.label!r} frozen as of {baseline.as_of:%d %B %Y}.")
    return redirect(url_for("baselines.index"))


@bp.route("/baselines/<path:label>/verify", methods=["POST"])
@roles_required(Role.ADMIN)
def verify(label: str) -> ResponseReturnValue:
    """Recompute a baseline's hash and say whether its stored rows are intact."""
    session = db.session()
    try:
        baseline = get_baseline(session, label)
    except NotFound as error:
        flash(str(error), "error")
        return redirect(url_for("baselines.index"))
    if verify_baseline(session, baseline):
        flash(f"OK: baseline {label!r} still matches its hash {baseline.content_hash}.")
    else:
        flash(
            f"ALARM: baseline {label!r} no longer matches its hash {baseline.content_hash}. "
            "Its stored rows were changed after freezing; do not publish figures from it.",
            "error",
        )
    return redirect(url_for("baselines.index"))
