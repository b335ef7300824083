"""Quarterly report pages: entry by focal points, review by reviewers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import db
from app.auth.permissions import can_edit_project, can_review, own_entity
from app.db import transaction
from app.errors import DomainError, PermissionDenied, ValidationFailed
from app.models.enums import PeriodStatus
from app.models.logframe import Activity, Indicator, Output
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.progress import evidence, workflow
from app.progress import services as entry
from app.progress.audit_state import report_editors
from app.progress.comments import may_comment, next_to_review
from app.progress.evidence_forms import evidence_form
from app.progress.forms import (
    CommentForm,
    ReportForm,
    ReviewForm,
    field_for_gap,
    report_form,
    to_input,
)
from app.progress.labels import REPORT_DONE, measure_label
from app.progress.parts import ordered_parts
from app.progress.plausibility import UnexplainedWarnings, changes_from_last, report_warnings
from app.progress.queries import last_approved_values
from app.progress.review_thread import open_return, review_thread
from app.progress.window import not_open_yet
from app.ui.decimal_input import understood
from indicators.disaggregation import label as part_label
from reports.content import HIGHLIGHTS_PER_PILLAR

bp = Blueprint("progress", __name__, template_folder="templates")
bp.add_app_template_filter(ordered_parts, "ordered_parts")
bp.add_app_template_filter(measure_label, "measure")  # "percentage", in the reader's words
bp.add_app_template_filter(part_label, "part_label")  # "women", "age 18-24" in the reader's words

REVIEW_ACTIONS = {"approve", "return", "reopen"}


def status_for(error: DomainError) -> int:
    """Return the HTTP status that answers a domain error."""
    if isinstance(error, PermissionDenied):
        return 403
    return 422 if isinstance(error, ValidationFailed) else 409


def _project_period(project_id: int, period_key: str) -> tuple[Project, ReportingPeriod]:
    session = db.session()
    project = session.get(Project, project_id)
    period = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == period_key))
    if project is None or period is None:
        abort(404)
    return project, period


@bp.route("/projects/<int:project_id>/reports/<period_key>", methods=["GET", "POST"])
@login_required
def report(project_id: int, period_key: str) -> Any:
    """Show the quarterly report of a project for one period; save or submit it."""
    project, period = _project_period(project_id, period_key)
    scope = entry.load_scope(db.session(), project, period)
    if not can_edit_project(current_user, project):
        if can_review(current_user) and scope.report is not None and request.method == "GET":
            return redirect(url_for("progress.review", report_id=scope.report.id))
        abort(403)
    if request.method == "GET":
        return render_report(scope, report_form(scope))
    form = report_form(scope, request.form)
    status, extra = _save(scope, form)
    if status == 303:
        return redirect(url_for("progress.report", project_id=project_id, period_key=period_key))
    return render_report(scope, form, status, **extra)


def _save(scope: entry.ReportScope, form: ReportForm) -> tuple[int, dict[str, Any]]:
    action = "submit" if request.form.get("action") == "submit" else "save"
    if not form.validate():
        return 422, {"message": _("Some values are not right; see the messages next to them.")}
    service = entry.submit if action == "submit" else entry.save_draft
    try:
        with transaction() as session:
            data = to_input(form, scope)
            service(session, current_user, scope, data, form.version.data or 0)
    except entry.IncompleteReport as error:
        _mark_gaps(form, error.fields)
        return 422, {"message": _("To submit, complete the fields marked below (draft not saved).")}
    except UnexplainedWarnings as error:
        _mark_gaps(form, error.fields, explain=True)
        message = _("To submit, explain each figure marked with a warning below (draft not saved).")
        return 422, {"message": message, "warnings": error.warnings}
    except entry.StaleReport as error:
        _reset_version(form, error.report)
        return 409, {"stale": error}
    except DomainError as error:
        return status_for(error), {"message": str(error)}
    flash(_("Report submitted for review.") if action == "submit" else _("Draft saved."), "success")
    for note in understood(form, {f"ind_{i.id}": i.code for i in scope.indicators}):
        flash(note, "success")
    return 303, {}


def _mark_gaps(form: ReportForm, gaps: dict[str, str], explain: bool = False) -> None:
    for key, message in gaps.items():
        field = field_for_gap(key, form, explain)
        if field is not None:
            field.errors = [*field.errors, message]


def _reset_version(form: ReportForm, current: ProgressReport | None) -> None:
    # The user has now seen the other change; saving again overwrites it knowingly.
    version = current.version if current else 0
    form.version.data, form.version.raw_data = version, [str(version)]


def render_report(
    scope: entry.ReportScope, form: ReportForm, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    """Render the report page (entry) with the form and whatever else the caller adds."""
    report, period = scope.report, scope.period
    opens = not_open_yet(period.key, period.entry_opens_on, dt.date.today())
    editable = (report is None or report.status in workflow.EDITABLE) and (
        period.status == PeriodStatus.OPEN.value and opens is None
    )
    context = _report_context(scope) | extra
    return render_template(
        "progress/report.html", form=form, editable=editable, opens=opens, **context
    ), status


def _report_context(scope: entry.ReportScope) -> dict[str, Any]:
    session, ids = db.session(), [i.id for i in scope.indicators]
    last = last_approved_values(session, ids, scope.period.key, scope.project.id)
    thread = review_thread(session, scope.report)
    values, activities = entry.merged(scope, entry.ReportInput())
    current = {key: given.value for key, given in values.items()}
    return {
        "scope": scope, "sections": sections(scope), "last": last, "report": scope.report,
        "warnings": report_warnings(session, scope, values, activities),
        "changes": changes_from_last(current, last),
        "thread": thread, "back": open_return(thread, scope.report),
        "comment_form": CommentForm(formdata=None),
        "may_comment": scope.report is not None and may_comment(current_user, scope.project),
    } | _evidence_context(scope)  # fmt: skip


def _evidence_context(scope: entry.ReportScope) -> dict[str, Any]:
    report = scope.report
    if report is None:
        return {"evidence": [], "may_attach": False, "may_remove": False}
    return {
        "evidence": evidence.evidence_of(db.session(), [report.id]).get(report.id, []),
        "evidence_form": evidence_form(scope.indicators),
        "may_attach": evidence.may_attach(current_user, report),
        "may_remove": evidence.may_remove(current_user, report),
    }


def sections(scope: entry.ReportScope) -> list[tuple[Output, list[Indicator], list[Activity]]]:
    """Group the scope's indicators and activities under their outputs, in code order."""
    owners = [i.output for i in scope.indicators] + [a.output for a in scope.activities]
    outputs = {o.id: o for o in owners if o is not None}  # the scope's indicators are outputs'
    ordered = sorted(outputs.values(), key=lambda o: o.code)
    return [
        (
            o,
            [i for i in scope.indicators if i.output_id == o.id],
            [a for a in scope.activities if a.output_id == o.id],
        )
        for o in ordered
    ]


def load_report(report_id: int) -> ProgressReport:
    """Return the report with this id, or answer 404."""
    if not 0 < report_id < 2**31:  # beyond any id: 404, never a database overflow
        abort(404)
    found = db.session().get(ProgressReport, report_id)
    if found is None:
        abort(404)
    return found


@bp.route("/reports/<int:report_id>/review")
@login_required
def review(report_id: int) -> Any:
    """Show a submitted report read-only to a reviewer, with the decisions allowed."""
    if not can_review(current_user):
        abort(403)
    found = load_report(report_id)
    return render_review(found, ReviewForm(formdata=None, version=found.version))


def render_review(
    found: ProgressReport, form: ReviewForm, status: int = 200, **extra: Any
) -> ResponseReturnValue:
    """Render the review page with the decision form and whatever else the caller adds."""
    scope = entry.load_scope(db.session(), found.project, found.period)
    return render_template(
        "progress/review.html",
        form=form,
        own=_own_reason(found),
        actions=workflow.allowed_actions(found.status),
        locked=found.period.status == PeriodStatus.LOCKED.value,
        highlights_per_pillar=HIGHLIGHTS_PER_PILLAR,
        **(_report_context(scope) | extra),
    ), status


def _own_reason(found: ProgressReport) -> str:
    """Say why the current user may not decide on this report, or "" if they may."""
    if current_user.id in report_editors(db.session(), found):
        return _("You entered, saved or submitted figures of this report")
    if own_entity(current_user, found.project.entity_id):
        return _("You belong to the entity that wrote this report")
    return ""


@bp.route("/reports/<int:report_id>/<action>", methods=["POST"])
@login_required
def decide(report_id: int, action: str) -> Any:
    """Approve, return (comment required) or reopen (reason required) a report."""
    if action not in REVIEW_ACTIONS:
        abort(404)
    if not can_review(current_user):
        abort(403)
    found, form = load_report(report_id), ReviewForm()
    if not form.validate():
        message = _("The form was not valid; reload the page.")
        return render_review(found, form, 422, message=message)
    try:
        with transaction() as session:
            _decision(action, found, form)
            # Chosen before the commit, so that the answer leaves as soon as the decision holds.
            following = (
                None if action == "reopen" else next_to_review(session, current_user, report_id)
            )
    except DomainError as error:
        if isinstance(error, ValidationFailed):
            form.comment.errors = [*form.comment.errors, str(error)]
        return render_review(load_report(report_id), form, status_for(error), message=str(error))
    return _after_decision(action, report_id, following)


def _after_decision(action: str, report_id: int, following: int | None) -> ResponseReturnValue:
    """Go on to the next report awaiting this reviewer, or back to the queue when none is left."""
    done = str(REPORT_DONE[action])
    if action == "reopen":
        flash(done, "success")
        return redirect(url_for("progress.review", report_id=report_id))
    if following is None:
        flash(_("%(done)s No other report awaits your review.", done=done), "success")
        return redirect(url_for("home.index"))
    flash(_("%(done)s This is the next report in the review queue.", done=done), "success")
    return redirect(url_for("progress.review", report_id=following))


def _decision(action: str, found: ProgressReport, form: ReviewForm) -> None:
    session, version, text = db.session(), form.version.data or 0, form.comment.data or ""
    if action == "approve":
        workflow.approve(
            session, current_user, found, version, text, highlight=bool(form.highlight.data)
        )
    elif action == "return":
        workflow.return_report(session, current_user, found, version, text)
    else:
        workflow.reopen(session, current_user, found, version, text)
