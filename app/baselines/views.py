"""Baselines in the web app: list, freeze (admins) and verify (admins)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _
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


@bp.app_template_filter("translated")
def translated(message: str) -> str:
    """Show a label the figures mark with N_ (kept English in exports) in the reader's language;
    a label without a translation, or made of data, reads as it is."""
    return _(message)


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
    day = format_date(baseline.as_of, "dd MMMM y")
    flash(_("Baseline %(label)s frozen as of %(day)s.", label=repr(baseline.label), day=day))
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
        flash(
            _(
                "OK: baseline %(label)s still matches its hash %(hash)s.",
                label=repr(label),
                hash=baseline.content_hash,
            )
        )
    else:
        flash(
            _(
                "ALARM: baseline %(label)s no longer matches its hash %(hash)s. Its stored rows"
                " were changed after freezing; do not publish figures from it.",
                label=repr(label),
                hash=baseline.content_hash,
            ),
            "error",
        )
    return redirect(url_for("baselines.index"))
