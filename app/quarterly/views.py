"""Quarterly reports in the web app: preview a draft, issue (admins), download issued copies."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
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
from app.progress.readiness import period_readiness
from app.quarterly import services as issued_reports
from app.quarterly.forms import IssueForm
from app.ui.downloads import download
from app.ui.forms import add_error
from app.ui.writes import button_write
from indicators.periods import PeriodKey, is_quarter

bp = Blueprint("quarterly", __name__, template_folder="templates")
PDF = "application/pdf"
Problems = dict[str, str]  # field name -> what to fix


def _choice() -> tuple[str, str | None]:
    """Read and check the period and entity of a GET preview; 404 on anything unknown."""
    period = (request.values.get("period") or "").strip()
    entity = (request.values.get("entity") or "").strip() or None
    try:
        PeriodKey.parse(period)
    except ValueError:
        abort(404)
    if entity is not None and not _entity_id(entity):
        abort(404)
    return period, entity


def _posted() -> tuple[str, str | None, str | None, Problems]:
    """Read the /reports form's quarter, scope and comparison, with a message for each field
    that names nothing known (the quarter must be one of the reporting periods)."""
    period = (request.form.get("period") or "").strip()
    entity = (request.form.get("entity") or "").strip() or None
    compare = _compare()
    problems = _compare_problem(compare)
    if _period(period) is None:
        problems["period"] = _("Choose one of the reporting periods in the list.")
    if entity is not None and not _entity_id(entity):
        problems["entity"] = _("Choose Compact-wide or one of the entities in the list.")
    return period, entity, compare, problems


def _period(key: str) -> ReportingPeriod | None:
    """Return the reporting period of a quarter key, if there is one."""
    if not is_quarter(key):
        return None
    return db.session().scalar(select(ReportingPeriod).where(ReportingPeriod.key == key))


def _entity_id(acronym: str | None) -> int | None:
    """Return the id of an entity by acronym (None for Compact-wide or an unknown one)."""
    if acronym is None:
        return None
    return db.session().scalar(select(Entity.id).where(Entity.acronym == acronym))


def _compare() -> str | None:
    """Read the baseline the changes compare with ('' means the default)."""
    return (request.values.get("compare") or "").strip() or None


def _compare_problem(label: str | None) -> Problems:
    """Return the message for a comparison label that names no baseline, if it names none."""
    if label is None or db.session().scalar(select(Baseline.id).where(Baseline.label == label)):
        return {}
    return {
        "compare": _("No baseline is labelled '%(label)s': choose one of the list.", label=label)
    }


@bp.route("/reports")
@login_required
def index(problems: Problems | None = None, status: int = 200) -> ResponseReturnValue:
    """List the periods with their issued reports, with preview and issue buttons."""
    session = db.session()
    periods = list(
        session.scalars(select(ReportingPeriod.key).order_by(ReportingPeriod.key.desc()))
    )
    issued: dict[str, list[IssuedReport]] = {}
    for report in issued_reports.list_issued(session):
        issued.setdefault(report.period_key, []).append(report)
    entities = session.scalars(select(Entity.acronym).order_by(Entity.acronym)).all()
    keys = sorted(set(periods) | set(issued), reverse=True)
    page = render_template(
        "quarterly/reports.html",
        keys=keys,
        periods=periods,
        issued=issued,
        entities=entities,
        baselines=list_baselines(session),
        chosen=request.values,
        problems=problems or {},
    )
    return page, status


@bp.route("/reports/preview.pdf", methods=["GET", "POST"])
@login_required
def preview() -> ResponseReturnValue:
    """Render a draft of a quarterly report now; every page says DRAFT. The page's form posts
    (its CSRF token stays out of the URL); a plain GET with the period needs no token."""
    if request.method == "POST":
        period, entity, compare, problems = _posted()
    else:
        (period, entity), compare = _choice(), _compare()
        problems = _compare_problem(compare)
    if problems:
        return index(problems, 400)
    data = issued_reports.render_pdf(db.session(), period, entity, True, compare)  # reader's
    return download(data, PDF, f"draft-{period}-{entity or 'compact'}.pdf")


@bp.route("/reports/issue", methods=["POST"])
@roles_required(Role.ADMIN)
def issue() -> ResponseReturnValue:
    """Issue a quarterly report from its confirmation page (the ticked box); any other POST
    shows that page, with the quarter's readiness summary, and issues nothing."""
    period, entity, compare, problems = _posted()
    if problems:
        return index(problems, 400)
    form = IssueForm()
    if form.validate_on_submit() and form.confirm.data:
        return _issue(period, entity, compare)
    if form.shown.data:
        add_error(form.confirm, _("Tick this box once you have read the summary."))
    return _confirmation(form, period, entity, compare)


def _confirmation(
    form: IssueForm, period_key: str, entity: str | None, compare: str | None
) -> ResponseReturnValue:
    """Show what issuing would do and what is still pending in the quarter (and scope)."""
    session = db.session()
    period = session.scalars(select(ReportingPeriod).where(ReportingPeriod.key == period_key))
    readiness = period_readiness(session, period.one(), dt.date.today(), _entity_id(entity))
    form.period.data, form.entity.data, form.compare.data = period_key, entity or "", compare or ""
    return render_template(
        "quarterly/issue_confirm.html",
        form=form,
        readiness=readiness,
        scope=entity or _("Compact-wide"),
        compare=compare,
        already=issued_reports.find_issued(session, period_key, entity),
    )


def _issue(period: str, entity: str | None, compare: str | None) -> ResponseReturnValue:
    """Issue the report for good, then go back to the list (which flashes why not, if not)."""
    with button_write() as write:
        report = issued_reports.issue_report(
            write.session, current_user.id, period, entity, compare
        )
    if not write.ok:
        return redirect(url_for("quarterly.index"))
    flash(
        _(
            "Issued the %(scope)s report for %(period)s (SHA-256 %(hash)s...).",
            scope=report.scope,
            period=period,
            hash=report.sha256[:12],
        )
    )
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
            "error.html", code=409, title=_("Report altered"), message=str(error)
        ), 409
    return download(data, PDF, f"{report.period_key}-{report.scope}.pdf")
