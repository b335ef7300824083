"""Outcome values pages: the Working Group enters the Compact's outcome indicators' values per
period; someone who did not enter them approves or returns them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.auth.permissions import can_review, roles_required
from app.db import transaction
from app.errors import DomainError, ValidationFailed
from app.models.enums import PeriodStatus, Role
from app.models.progress import ReportingPeriod
from app.progress import outcome_services as svc
from app.progress import workflow
from app.progress.audit_state import report_editors
from app.progress.forms import ReviewForm, field_for_gap
from app.progress.labels import OUTCOME_DONE
from app.progress.outcome_forms import OutcomeForm, outcome_form, outcome_input
from app.progress.outcome_queries import (
    OutcomeScope,
    last_approved_outcomes,
    load_outcome_scope,
    recent_outcome_periods,
)
from app.progress.plausibility import UnexplainedWarnings, changes_from_last
from app.progress.services import IncompleteReport
from app.progress.views import status_for
from app.progress.window import not_open_yet

bp = Blueprint("outcome_values", __name__, template_folder="templates")

DECISIONS = {"approve", "return", "reopen"}


def _scope(period_key: str) -> OutcomeScope:
    session = db.session()
    period = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == period_key))
    if period is None:
        abort(404)
    return load_outcome_scope(session, period)


@bp.route("/outcomes/values")
@login_required
def index() -> ResponseReturnValue:
    """List the latest periods with where their outcome values stand (admins and reviewers)."""
    if not can_review(current_user):
        abort(403)
    periods = recent_outcome_periods(db.session())
    return render_template("progress/outcome_index.html", periods=periods)


@bp.route("/outcomes/values/<period_key>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def entry(period_key: str) -> ResponseReturnValue:
    """Show the period's outcome values to the Working Group; save a draft or submit them."""
    scope = _scope(period_key)
    if request.method == "GET":
        return _render_entry(scope, outcome_form(scope))
    form = outcome_form(scope, request.form)
    status, extra = _save(scope, form)
    if status == 303:
        return redirect(url_for("outcome_values.entry", period_key=period_key))
    return _render_entry(scope, form, status, **extra)


def _save(scope: OutcomeScope, form: OutcomeForm) -> tuple[int, dict[str, Any]]:
    submit = request.form.get("action") == "submit"
    if not form.validate():
        return 422, {"message": _("Some values are not right; see the messages next to them.")}
    service = svc.submit_outcomes if submit else svc.save_outcomes
    try:
        with transaction() as session:
            service(
                session, current_user, scope, outcome_input(form, scope), form.version.data or 0
            )
    except IncompleteReport as error:
        _mark(form, error.fields)
        return 422, {"message": _("To submit, complete the fields marked below (draft not saved).")}
    except UnexplainedWarnings as error:
        _mark(form, error.fields, explain=True)
        message = _("To submit, explain each figure marked with a warning below (draft not saved).")
        return 422, {"message": message, "warnings": error.warnings}
    except ValidationFailed as error:
        return 422, {"message": str(error)}
    except DomainError as error:
        return status_for(error), {"message": str(error)}
    flash(_("Outcome values submitted for review.") if submit else _("Draft saved."), "success")
    return 303, {}


def _mark(form: OutcomeForm, gaps: dict[str, str], explain: bool = False) -> None:
    for key, message in gaps.items():
        if (field := field_for_gap(key, form, explain)) is not None:
            field.errors = [*field.errors, message]


def _render_entry(
    scope: OutcomeScope, form: OutcomeForm, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    report, period = scope.report, scope.period
    opens = not_open_yet(period.key, period.entry_opens_on, dt.date.today())
    editable = (report is None or report.status in workflow.EDITABLE) and (
        period.status == PeriodStatus.OPEN.value and opens is None
    )
    context = _context(scope) | {"warnings": {}} | extra
    page = render_template(
        "progress/outcome_entry.html", form=form, editable=editable, opens=opens, **context
    )
    return page, status


def _context(scope: OutcomeScope) -> dict[str, Any]:
    """Return the page's groups (pillar, outcome, indicators), last approved values and changes."""
    last = last_approved_outcomes(db.session(), [i.id for i in scope.indicators], scope.period.key)
    current = {v.indicator_id: v.value for v in scope.report.values} if scope.report else {}
    groups: dict[tuple[str, str], list[Any]] = {}
    for indicator in scope.indicators:
        outcome = indicator.outcome
        key = (
            (outcome.pillar_code, f"{outcome.code} — {outcome.statement}") if outcome else ("", "")
        )
        groups.setdefault(key, []).append(indicator)
    rows = {v.indicator_id: v for v in scope.report.values} if scope.report else {}
    return {
        "scope": scope, "report": scope.report, "groups": groups, "last": last, "rows": rows,
        "changes": changes_from_last(current, last),
    }  # fmt: skip


@bp.route("/outcomes/values/<period_key>/review")
@login_required
def review(period_key: str) -> ResponseReturnValue:
    """Show the period's outcome values read-only to a reviewer, with the decisions allowed."""
    if not can_review(current_user):
        abort(403)
    scope = _scope(period_key)
    version = scope.report.version if scope.report else 0
    return _render_review(scope, ReviewForm(formdata=None, version=version))


def _render_review(
    scope: OutcomeScope, form: ReviewForm, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    report, session = scope.report, db.session()
    own = report is not None and current_user.id in report_editors(session, report)
    values = svc.merged_outcomes(scope, {})
    context = _context(scope) | {"warnings": svc.outcome_warnings(session, scope, values)}
    return render_template(
        "progress/outcome_review.html", form=form, own=own,
        actions=workflow.allowed_actions(report.status) if report else [],
        locked=scope.period.status == PeriodStatus.LOCKED.value, **(context | extra),
    ), status  # fmt: skip


@bp.route("/outcomes/values/<period_key>/<action>", methods=["POST"])
@login_required
def decide(period_key: str, action: str) -> ResponseReturnValue:
    """Approve or return (comment required) the period's submitted outcome values, or reopen
    approved ones (reason required)."""
    if action not in DECISIONS:
        abort(404)
    if not can_review(current_user):
        abort(403)
    scope, form = _scope(period_key), ReviewForm()
    if scope.report is None:
        abort(404)
    if not form.validate():
        message = _("The form was not valid; reload the page.")
        return _render_review(scope, form, 422, message=message)
    service = {
        "approve": svc.approve_outcomes,
        "return": svc.return_outcomes,
        "reopen": svc.reopen_outcomes,
    }[action]
    try:
        with transaction() as session:
            service(
                session, current_user, scope.report, form.version.data or 0, form.comment.data or ""
            )
    except DomainError as error:
        if isinstance(error, ValidationFailed):
            form.comment.errors = [*form.comment.errors, str(error)]
        scope = _scope(period_key)
        return _render_review(scope, form, status_for(error), message=str(error))
    flash(str(OUTCOME_DONE[action]), "success")
    return redirect(url_for("outcome_values.review", period_key=period_key))
