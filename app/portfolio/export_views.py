"""Downloads of the project and CTED need lists, in the import files' columns (CSV or XLSX)."""

from __future__ import annotations

from flask import request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import db
from app.models.columns import choices
from app.portfolio import export_queries as rows
from app.portfolio import need_queries, queries
from app.portfolio.views import bp
from app.ui.downloads import XLSX, download
from indicators.types import Pillar as PillarCode
from indicators.types import ProjectStatus, Scope
from reports.tabular import Cell, to_csv, to_xlsx


def _arg(name: str, allowed: list[str]) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


def _file(fmt: str, sheet: str, headers: list[str], data: list[list[Cell]]) -> ResponseReturnValue:
    name = sheet.lower().replace(" ", "-")
    if fmt == "csv":
        return download(to_csv(headers, data, bom=True), "text/csv", f"{name}.csv")
    return download(to_xlsx({sheet: (headers, data)}), XLSX, f"{name}.xlsx")


@bp.route("/projects.<any(csv, xlsx):fmt>")
@login_required
def projects_download(fmt: str) -> ResponseReturnValue:
    """Download the project list (with the page's filters) in the projects file's columns."""
    session = db.session()
    filters = queries.ProjectFilter(
        entity=_arg("entity", [a for a, _ in queries.entity_choices(session)]),
        pillar=_arg("pillar", choices(PillarCode)),
        scope=_arg("scope", choices(Scope)),
        status=_arg("status", choices(ProjectStatus)),
    )
    data = rows.project_rows(session, current_user, filters)
    return _file(fmt, "Projects", rows.project_columns(current_user), data)


@bp.route("/needs.<any(csv, xlsx):fmt>")
@login_required
def needs_download(fmt: str) -> ResponseReturnValue:
    """Download the CTED needs this user may see (with the page's filters) in the needs file's
    columns."""
    session = db.session()
    options = need_queries.need_options(session, current_user)
    filters = need_queries.read_filter(request.args, options)
    data = rows.need_rows(session, current_user, filters)
    return _file(fmt, "CTED needs", rows.need_columns(), data)
