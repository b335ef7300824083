"""A baseline's figures as a download (the report of docs/interfaces.md section 4)."""

from __future__ import annotations

from flask import abort
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import db
from app.baselines.views import bp
from app.errors import NotFound
from app.figures import exports
from app.figures.baseline_pdf import baseline_pdf
from app.figures.baseline_report import baseline_report
from app.ui.downloads import MIMETYPES, download


@bp.route("/baselines/<path:label>.<any(csv, xlsx, json, pdf):fmt>")
@login_required
def export(label: str, fmt: str) -> ResponseReturnValue:
    """Download a baseline's figures (docs/interfaces.md section 4): CSV, XLSX, JSON or PDF."""
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
