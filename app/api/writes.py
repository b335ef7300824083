"""Writes through the API: a focal point saves a draft and submits it, a reviewer approves or
returns it, with the web form's services, rules, permissions, audit and version checks.

A field error is a 422 naming each field by its JSON path; a stale version a 409; nothing is
half-written (each call is one transaction).
"""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_login import current_user
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app import db
from app.api.report_input import BodyInvalid, field_errors, form_fields
from app.api.views import _json, bp
from app.auth.permissions import can_edit_project, can_review
from app.db import transaction
from app.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationFailed
from app.json_errors import json_error
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.progress import services as entry
from app.progress import workflow
from app.progress.forms import ReviewForm, report_form, to_input
from app.progress.plausibility import UnexplainedWarnings
from app.progress.views import status_for

FIXES = "some fields are not right; see fields"


@bp.errorhandler(BodyInvalid)
def _body_invalid(error: BodyInvalid) -> Response:
    return json_error(422, FIXES, fields=error.fields)


@bp.errorhandler(PermissionDenied)
def _denied(error: PermissionDenied) -> Response:
    return json_error(403, str(error) or "you may not do this")


@bp.errorhandler(ValidationFailed)
def _invalid(error: ValidationFailed) -> Response:
    return json_error(422, str(error))


@bp.errorhandler(Conflict)
def _conflict(error: Conflict) -> Response:
    return json_error(409, str(error))


def _scope(project_code: str, period_key: str) -> entry.ReportScope:
    session = db.session()
    project = session.scalar(select(Project).where(Project.code == project_code))
    period = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == period_key))
    if project is None or period is None:
        raise NotFound(f"no project {project_code} or no period {period_key}")
    return entry.load_scope(session, project, period)


def _body() -> dict[str, Any]:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BodyInvalid({"body": "send a JSON object (Content-Type: application/json)"})
    return body


def report_json(scope: entry.ReportScope) -> dict[str, Any]:
    """Return a report's status, version and what it holds (locale-free keys and codes)."""
    report = scope.report
    codes = {i.id: i.code for i in scope.indicators}
    values = {
        codes[v.indicator_id]: {
            "value": v.value, "numerator": v.numerator, "denominator": v.denominator,
            "text": v.text, "explanation": v.explanation, "parts_incomplete": v.parts_incomplete,
            "parts": {p.category: p.value for p in v.parts},
        }
        for v in (report.values if report else []) if v.indicator_id in codes
    }  # fmt: skip
    # Every activity the report covers, so that a script knows what to fill: one not reported
    # yet has a null status and % complete.
    updates = {u.activity_id: u for u in (report.activity_updates if report else [])}
    activities = {
        str(a.id): (
            {"status": u.status, "percent_complete": u.percent_complete,
             "explanation": u.explanation}
            if (u := updates.get(a.id)) is not None
            else {"status": None, "percent_complete": None, "explanation": ""}
        )
        for a in scope.activities
    }  # fmt: skip
    return {
        "project": scope.project.code, "period": scope.period.key,
        "status": report.status if report else "not_started",
        "version": report.version if report else 0,
        "narrative": report.narrative if report else "",
        "review_comment": report.review_comment if report else "",
        "indicators": values, "activities": activities,
    }  # fmt: skip


@bp.route("/reports/<project_code>/<period_key>", methods=["GET"])
def report(project_code: str, period_key: str) -> Response:
    """Return a project's report for a period: status, version, values, activities.

    ---
    get:
      tags: [reports]
      parameters:
        - ProjectCode
        - PeriodKey
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/Report"}}}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
    """
    scope = _scope(project_code, period_key)
    if not (can_edit_project(current_user, scope.project) or can_review(current_user)):
        raise PermissionDenied("only the project's focal points and the reviewers read reports")
    return _json(report_json(scope))


@bp.route("/reports/<project_code>/<period_key>", methods=["PUT"])
def save_report(project_code: str, period_key: str) -> Response:
    """Save a draft: values (numerator, denominator, parts), narrative, activities; `version`.

    ---
    put:
      tags: [reports]
      parameters:
        - ProjectCode
        - PeriodKey
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/ReportBody"}}}
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/Report"}}}
          links:
            submit:
              operationId: submit_report
              description: submit the saved draft with the version it now has
              parameters:
                project_code: $request.path.project_code
                period_key: $request.path.period_key
              requestBody: {version: $response.body#/version}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Unprocessable"}
    """
    return _entry_write(project_code, period_key, entry.save_draft)


@bp.route("/reports/<project_code>/<period_key>/submit", methods=["POST"])
def submit_report(project_code: str, period_key: str) -> Response:
    """Save what the body holds and submit the report for review (every item needs a value).

    ---
    post:
      tags: [reports]
      parameters:
        - ProjectCode
        - PeriodKey
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/ReportBody"}}}
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/Report"}}}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Unprocessable"}
    """
    return _entry_write(project_code, period_key, entry.submit)


def _entry_write(project_code: str, period_key: str, service: Any) -> Response:
    scope = _scope(project_code, period_key)
    try:
        formdata, paths = form_fields(scope, _body())
    except BodyInvalid as error:
        return json_error(422, FIXES, fields=error.fields)
    form = report_form(scope, formdata, csrf=False)
    given = [name for name in formdata if name in paths and name not in form]
    unknown = {paths[name]: "not a field of this indicator or activity" for name in given}
    if unknown or not form.validate():
        return json_error(422, FIXES, fields=unknown | field_errors(form.errors, paths))
    try:
        with transaction() as session:
            service(session, current_user, scope, to_input(form, scope), form.version.data or 0)
    except (entry.IncompleteReport, UnexplainedWarnings) as error:
        return json_error(422, str(error), fields=_gap_paths(scope, error.fields))
    except entry.StaleReport as error:
        return json_error(409, str(error), version=error.report.version if error.report else 0)
    except DomainError as error:
        return json_error(status_for(error), str(error))
    return _json(report_json(scope))


def _gap_paths(scope: entry.ReportScope, gaps: dict[str, str]) -> dict[str, str]:
    codes = {str(i.id): i.code for i in scope.indicators}
    found = {}
    for key, message in gaps.items():
        kind, _, ident = key.partition("-")
        found[
            f"indicators.{codes.get(ident, ident)}" if kind == "ind" else f"activities.{ident}"
        ] = message
    return found


@bp.route("/reports/<project_code>/<period_key>/<any(approve, return):action>", methods=["POST"])
def review_report(project_code: str, period_key: str, action: str) -> Response:
    """Approve (optional comment, `highlight`) or return (comment required) a submitted report.

    ---
    post:
      tags: [reports]
      parameters:
        - ProjectCode
        - PeriodKey
        - {in: path, name: action, required: true, schema: {enum: [approve, return]}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/ReviewBody"}}}
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/Report"}}}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
        "409": {$ref: "#/components/responses/Conflict"}
        "422": {$ref: "#/components/responses/Unprocessable"}
    """
    if not can_review(current_user):
        raise PermissionDenied("only reviewers approve or return reports")
    scope = _scope(project_code, period_key)
    if scope.report is None:
        raise NotFound(f"{project_code} has no report for {period_key}")
    body = _body()
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return json_error(422, FIXES, fields={"version": "give the version you reviewed"})
    form = _review_form(body)
    if not form.validate():
        return json_error(422, FIXES, fields=field_errors(form.errors, {}))
    try:
        with transaction() as session:
            _decide(session, action, scope.report, version, form)
    except DomainError as error:
        status = status_for(error)
        extra = {"fields": {"comment": str(error)}} if status == 422 else {}
        return json_error(status, str(error), **extra)
    return _json(report_json(_scope(project_code, period_key)))


def _review_form(body: dict[str, Any]) -> ReviewForm:
    comment = body.get("comment") or ""
    data = MultiDict({"version": str(body["version"]), "comment": str(comment)})
    if body.get("highlight") is True:
        data["highlight"] = "y"
    return ReviewForm(formdata=data, meta={"csrf": False})


def _decide(
    session: Any, action: str, found: ProgressReport, version: int, form: ReviewForm
) -> None:
    text = form.comment.data or ""
    if action == "approve":
        workflow.approve(session, current_user, found, version, text, bool(form.highlight.data))
    else:
        workflow.return_report(session, current_user, found, version, text)
