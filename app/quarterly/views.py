"""Quarterly reports in the web app: preview a draft, issue (admins), download issued copies."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.auth.permissions import roles_required
from app.baselines.services import list_baselines
from app.errors import NotFound
from app.models.baselines import Baseline
from app.models.enums import Role
from app.models.progress import ReportingPeriod
from app.models.quarterly import IssuedReport
from app.models.reference import Entity
from app.quarterly import services as issued_reports
from app.ui.downloads import download
from app.ui.writes import button_write
from indicators.periods import PeriodKey

bp = Blueprint("quarterly", __name__, template_folder="templates")
PDF = "application/pdf"


def _choice() -> tuple[str, str | None]:
    """Read and check the period and entity of the request; 404 on anything unknown."""
    period = (request.values.get("period") or "").strip()
    entity = (request.values.get("entity") or "").strip() or None
    try:
        PeriodKey.parse(period)
    except ValueError:
        abort(404)
    acronyms = set(db.session().scalars(select(Entity.acronym)))
    if entity is not None and entity not in acronyms:
        abort(404)
    return period, entity


def _compare() -> str | None:
    """Read the baseline the changes compare with ('' means the default)."""
    return (request.values.get("compare") or "").strip() or None


def _unknown_compare(label: str | None) -> str | None:
    """Return the message for a comparison label that names no baseline, else None."""
    if label is None or db.session().scalar(select(Baseline.id).where(Baseline.label == label)):
        return None
    return f"No baseline is labelled '{label}': choose one of the list."


@bp.route("/reports")
@login_required
def index(compare_error: str | None = None, status: int = 200) -> ResponseReturnValue:
    """List the periods with their issued reports, with preview and issue buttons."""
    session = db.session()
    periods = session.scalars(select(ReportingPeriod.key).order_by(ReportingPeriod.key.desc()))
    issued: dict[str, list[IssuedReport]] = {}
    for report in issued_reports.list_issued(session):
        issued.setdefault(report.period_key, []).append(report)
    entities = session.scalars(select(Entity.acronym).order_by(Entity.acronym)).all()
    keys = sorted(set(periods) | set(issued), reverse=True)
    page = render_template(
        "quarterly/reports.html",
        keys=keys,
        issued=issued,
        entities=entities,
        baselines=list_baselines(session),
        chosen=request.values,
        compare_error=compare_error,
    )
    return page, status


@bp.route("/reports/preview.pdf", methods=["GET", "POST"])
@login_required
def preview() -> ResponseReturnValue:
    """Render a draft of a quarterly report now; every page says DRAFT. The page's form posts
    (its CSRF token stays out of the URL); a plain GET with the period needs no token."""
    period, entity = _choice()
    compare = _compare()
    if (error := _unknown_compare(compare)) is not None:
        return index(error, 400)
    data = issued_reports.render_pdf(db.session(), period, entity, True, compare)
    return download(data, PDF, f"draft-{period}-{entity or 'compact'}.pdf")


@bp.route("/reports/issue", methods=["POST"])
@roles_required(Role.ADMIN)
def issue() -> ResponseReturnValue:
    """Issue a quarterly report: render it once and keep its bytes and hash for good."""
    period, entity = _choice()
    compare = _compare()
    if (error := _unknown_compare(compare)) is not None:
        return index(error, 400)
    with button_write() as write:
        report = issued_reports.issue_report(
            write.session, current_user.id, period, entity, compare
        )
    if not write.ok:
        return redirect(url_for("quarterly.index"))
    flash(f"Issued the {report.scope} report for {period} (SHA-256 {report.sha256[:12]}...).")
    return redirect(url_for("quarterly.index"))


@bp.route("/reports/issued/<int:report_id>.pdf")
@login_required
def issued(report_id: int) -> ResponseReturnValue:
    """Return an issued report's exact bytes, after checking them against their hash."""
    session = db.session()
    try:
        report = issued_reports.get_issued(session, report_id)
        data = issued_reports.served_content(session, report)
    except NotFound:
        abort(404)
    except issued_reports.TamperedReport as error:
        return render_template(
            "error.html", code=409, title="Report altered", message=str(error)
        ), 409
    return download(data, PDF, f"{report.period_key}-{report.scope}.pdf")
