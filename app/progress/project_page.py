"""The project page, served on the portfolio's blueprint from the progress floor: beside the
project's facts, needs and logframe it shows its results (targets against approved actuals)
and its report history, which are progress's to read."""

from __future__ import annotations

from flask import abort, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from app import db
from app.logframe import queries as logframe_queries
from app.models.portfolio import Project
from app.portfolio import queries
from app.portfolio.breakdown import project_breakdowns
from app.portfolio.views import bp
from app.progress.project_results import project_results
from app.progress.report_history import report_history


@bp.route("/projects/<int:project_id>")
@login_required
def project(project_id: int) -> ResponseReturnValue:
    """Show one project: its facts, needs, results, report history, outputs and activities."""
    session = db.session()
    item = session.get(Project, project_id)
    if item is None:
        abort(404)
    outputs = logframe_queries.project_outputs(session, project_id)
    return render_template(
        "portfolio/project.html",
        project=item,
        outputs=outputs,
        needs=queries.project_needs_for(session, current_user, project_id),
        hidden_needs=queries.hidden_need_count(session, current_user, project_id),
        breakdowns=project_breakdowns(session, project_id),
        results=project_results(session, outputs),
        history=report_history(session, current_user, item),
        completion=logframe_queries.reported_completion(session, project_id),
    )
