"""The quarterly progress reports through the API: the list a caller may see, and a report's
review conversation.

The list follows the project page's report history (app/progress/report_history.py): a draft
only for those who may edit the project (its entity's focal points, admins); any other report
for every signed-in user, its review time only once approved, unless the caller edits the
project or reviews. The conversation is for the project's editors and the reviewers, as the
report itself is (GET /reports/CODE/PERIOD), with hidden need codes redacted.
"""

from __future__ import annotations

from typing import Any

from flask import Response, request
from flask_login import current_user
from sqlalchemy import ColumnElement, Row, func, or_, select, true

from app import db
from app.api import read_params as params
from app.api.views import BadRequest, _json, bp
from app.api.writes import _scope
from app.audit.redaction import clearance, redact_text
from app.auth.permissions import can_view_report
from app.errors import PermissionDenied
from app.models.enums import Role
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from app.progress.review_thread import review_thread
from indicators.types import ReportStatus

STATUSES = tuple(s.value for s in ReportStatus)
DRAFT, APPROVED = ReportStatus.DRAFT.value, ReportStatus.APPROVED.value


def readable() -> ColumnElement[bool]:
    """Return the condition on reports the caller may list (drafts only for editors)."""
    if current_user.role == Role.ADMIN:
        return true()
    if current_user.role == Role.FOCAL_POINT and current_user.entity_id is not None:
        return or_(ProgressReport.status != DRAFT, Project.entity_id == current_user.entity_id)
    return ProgressReport.status != DRAFT


def _exists(name: str, column: Any) -> str:
    """Read a filter naming a period, project or entity; one that names nothing is a 400."""
    value = request.args.get(name, "")
    if value and db.session().scalar(select(column).where(column == value)) is None:
        raise BadRequest(f"{name}: no {name} {value!r}")
    return value


def report_filters() -> list[ColumnElement[bool]]:
    """Return the conditions the query's filters ask for (each checked first)."""
    wanted = {
        ReportingPeriod.key: _exists("period", ReportingPeriod.key),
        Project.code: _exists("project", Project.code),
        Entity.acronym: _exists("entity", Entity.acronym),
        ProgressReport.status: params.choice("status", STATUSES),
    }
    return [column == value for column, value in wanted.items() if value]


def report_row_json(row: Row[Any]) -> dict[str, Any]:
    """Return a listed report, its review time only where the project page shows it."""
    editor = current_user.role == Role.ADMIN or (
        current_user.role == Role.FOCAL_POINT and current_user.entity_id == row.entity_id
    )
    shown = row.status == APPROVED or editor or current_user.role == Role.REVIEWER
    return {
        "project": row.code, "period": row.key, "entity": row.acronym, "status": row.status,
        "version": row.version, "submitted_at": params.utc_iso(row.submitted_at),
        "reviewed_at": params.utc_iso(row.reviewed_at) if shown else None,
        "approved_at": params.utc_iso(row.reviewed_at) if row.status == APPROVED else None,
    }  # fmt: skip


@bp.route("/reports")
def reports() -> Response:
    """Return one page of the progress reports the caller may see, filtered and newest first.

    ---
    get:
      tags: [reports]
      parameters:
        - {in: query, name: period, schema: {type: string}}
        - {in: query, name: project, schema: {type: string}}
        - {in: query, name: entity, schema: {type: string}}
        - in: query
          name: status
          schema: {type: string, enum: [draft, submitted, approved, returned]}
        - Page
        - PerPage
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ReportPage"}
    """
    where = [readable(), *report_filters()]
    number, size, session = params.page(), params.per_page(), db.session()
    r = ProgressReport
    base = (
        select(r.status, r.version, r.submitted_at, r.reviewed_at, ReportingPeriod.key)
        .add_columns(Project.code, Project.entity_id, Entity.acronym)
        .join(Project, Project.id == r.project_id)
        .join(Entity, Entity.id == Project.entity_id)
        .join(ReportingPeriod, ReportingPeriod.id == r.period_id)
        .where(*where)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    number = params.clamp(number, total, size)
    stmt = base.order_by(ReportingPeriod.key.desc(), Project.code)
    rows = session.execute(stmt.limit(size).offset((number - 1) * size))
    items = [report_row_json(row) for row in rows]
    return _json(params.paged("reports", items, number, size, total))


@bp.route("/reports/<project_code>/<period_key>/thread")
def report_thread(project_code: str, period_key: str) -> Response:
    """Return a report's review conversation, oldest first: who, role, when (UTC) and text.

    ---
    get:
      tags: [reports]
      parameters:
        - ProjectCode
        - PeriodKey
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ReviewThread"}
        "403": {$ref: "#/components/responses/Forbidden"}
        "404": {$ref: "#/components/responses/NotFound"}
    """
    scope = _scope(project_code, period_key)
    if not can_view_report(current_user, scope.project):
        raise PermissionDenied("only the project's focal points and the reviewers read reports")
    session = db.session()
    notes = review_thread(session, scope.report)
    seen = clearance(session, current_user, [note.comment for note in notes])
    thread = [
        {
            "action": note.action, "author": note.who, "role": note.role.replace(" ", "_"),
            "at": params.utc_iso(note.at), "text": redact_text(seen, note.comment),
        }
        for note in notes
    ]  # fmt: skip
    return _json({"project": project_code, "period": period_key, "thread": thread})
