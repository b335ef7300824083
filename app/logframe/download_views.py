"""Download of a project's logframe matrix (CSV or XLSX), for everyone who may read the project."""

from __future__ import annotations

from flask.typing import ResponseReturnValue
from flask_login import login_required

from app import db
from app.logframe.queries import LOGFRAME_COLUMNS, logframe_rows
from app.logframe.views import bp
from app.models.portfolio import Project
from app.ui.downloads import XLSX, download
from app.ui.pages import load
from reports.tabular import to_csv, to_xlsx


@bp.route("/projects/<int:project_id>/logframe.<any(csv, xlsx):fmt>")
@login_required
def logframe_download(project_id: int, fmt: str) -> ResponseReturnValue:
    """Download a project's outcomes and outputs with indicators, assumptions and means of
    verification."""
    project = load(Project, project_id)
    rows = logframe_rows(db.session(), project.id)
    name = "logframe-" + "".join(c if c.isalnum() else "-" for c in project.code.lower())
    if fmt == "csv":
        return download(to_csv(LOGFRAME_COLUMNS, rows, bom=True), "text/csv", f"{name}.csv")
    return download(to_xlsx({"Logframe": (LOGFRAME_COLUMNS, rows)}), XLSX, f"{name}.xlsx")
