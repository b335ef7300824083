"""Baselines in the web app: list, freeze (admins), verify (admins) and download."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app import db
from app.analysis import exports, queries
from app.analysis.baseline_report import baseline_report
from app.analysis.forms import BaselineForm
from app.analysis.pdf import baseline_pdf
from app.analysis.views import XLSX, download
from app.auth.permissions import roles_required
from app.baselines.services import create_baseline, get_baseline, verify_baseline
from app.errors import DomainError, NotFound, ValidationFailed
from app.models.enums import Role

bp = Blueprint("baselines", __name__, template_folder="templates")

MIMETYPES = {"csv": "text/csv", "xlsx": XLSX, "json": "application/json", "pdf": "application/pdf"}


def _list_page(form: BaselineForm, status: int = 200):  # type: ignore[no-untyped-def]
    baselines = queries.baselines_with_creators(db.session())
    return render_template("analysis/baselines.html", baselines=baselines, form=form), status


@bp.route("/baselines")
@login_required
def index():  # type: ignore[no-untyped-def]
    """List the baselines; admins also get the form that freezes a new one."""
    return _list_page(BaselineForm())


@bp.route("/baselines", methods=["POST"])
@roles_required(Role.ADMIN)
def create():  # type: ignore[no-untyped-def]
    """Freeze the live portfolio as a new baseline, then go back to the list."""
    form = BaselineForm()
    if not form.validate_on_submit():
        return _list_page(form, 400)
    session = db.session()
    try:
        baseline = create_baseline(session, current_user.id, form.label.data or "", form.as_of.data)
    except ValidationFailed as error:
        session.rollback()
        form.label.errors = [p.removeprefix("label: ") for p in error.problems]
        return _list_page(form, 400)
    except DomainError as error:
        session.rollback()
        form.label.errors = [str(error)]
        return _list_page(form, 400)
    session.commit()
    flash(f"Baseline {baseline.label!r} frozen as of {baseline.as_of:%d %B %Y}.")
    return redirect(url_for("baselines.index"))


@bp.route("/baselines/<path:label>/verify", methods=["POST"])
@roles_required(Role.ADMIN)
def verify(label: str):  # type: ignore[no-untyped-def]
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


@bp.route("/baselines/<path:label>.<any(csv, xlsx, json, pdf):fmt>")
@login_required
def export(label: str, fmt: str):  # type: ignore[no-untyped-def]
    """Download a baseline's figures (the report of CONTRACT section 4) as CSV, XLSX, JSON, PDF."""
    session = db.session()
    try:
        if fmt == "pdf":
            data = baseline_pdf(session, label, None)
        else:
            figures = baseline_report(session, label, None, bool(current_user.sees_confidential))
            data = exports.render_baseline(figures, fmt)
    except NotFound as error:
        abort(404, description=str(error))
    return download(data, MIMETYPES[fmt], f"baseline.{fmt}")
