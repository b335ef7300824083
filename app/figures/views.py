"""A baseline's report page and downloads (docs/interfaces.md section 4), compare optional.

The page, the PDF, the CSV, the XLSX and the JSON all render one `baseline_model` object;
`?compare=LABEL` names the baseline every change column is taken against.
"""

from __future__ import annotations

from flask import abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import db
from app.baselines.services import list_baselines
from app.baselines.views import bp
from app.errors import NotFound
from app.figures import exports
from app.figures.baseline_model import baseline_model
from app.report_language import NO_ARABIC_PDF, falls_back, for_data, for_pdf
from app.ui.downloads import MIMETYPES, download
from reports.baseline_content import BaselineModel
from reports.baseline_json import APPEAL_DEFINITION
from reports.baseline_text import fmt_change, fmt_figure

bp.add_app_template_filter(fmt_figure, "baseline_figure")
bp.add_app_template_filter(fmt_change, "baseline_change")


def _compare() -> str | None:
    return request.args.get("compare") or None


@bp.route("/baselines/<path:label>/report")
@login_required
def report(label: str) -> ResponseReturnValue:
    """Show a baseline's report (Annex II's tables), compared with ?compare= when given."""
    session = db.session()
    try:
        model = baseline_model(session, label, _compare(), bool(current_user.sees_confidential))
    except NotFound as error:
        abort(404, description=str(error))
    others = [b.label for b in list_baselines(session) if b.label != label]
    return render_template(
        "baselines/report.html",
        model=model,
        others=others,
        compare=_compare() or "",
        framing=_framing(model),
        appeal_definition=APPEAL_DEFINITION,
    )


@bp.route("/baselines/<path:label>.<any(csv, xlsx, json, pdf):fmt>")
@login_required
def export(label: str, fmt: str) -> ResponseReturnValue:
    """Download a baseline's report as CSV, XLSX, JSON or PDF; ?compare= adds the changes.

    The PDF is in the reader's language (Arabic: English, and the page says so); the data
    formats are in English whatever the reader's language.
    """
    scope = for_pdf() if fmt == "pdf" else for_data()
    with scope:
        try:
            model = baseline_model(
                db.session(), label, _compare(), bool(current_user.sees_confidential)
            )
        except NotFound as error:
            abort(404, description=str(error))
        data = _render_pdf(model) if fmt == "pdf" else exports.render_model(model, fmt)
    return download(data, MIMETYPES[fmt], f"baseline.{fmt}")


def pdf_language_notice() -> str | None:
    """Say, beside a PDF link, that the reader's language has no PDF yet (Arabic), or None."""
    return str(NO_ARABIC_PDF) if falls_back() else None


bp.add_app_template_global(pdf_language_notice, "pdf_language_notice")


def _framing(model: BaselineModel) -> str:
    from reports.pdf.baseline import framing  # ReportLab loads with the first report, not at start

    return framing(model)


def _render_pdf(model: BaselineModel) -> bytes:
    from reports.pdf.baseline import render_baseline

    return render_baseline(model)
