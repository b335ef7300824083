"""Portfolio pages: the project list with totals, the CTED needs.

The project page itself joins this blueprint from progress/project_page.py: it shows the
project's results and report history, which are progress's to read.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from sqlalchemy import func, select

from app import db
from app.models.columns import choices
from app.models.portfolio import CtedNeed
from app.models.reference import Pillar
from app.paging import requested_page
from app.portfolio import labels, need_queries, queries
from app.reference.member_states import label
from indicators.types import Pillar as PillarCode
from indicators.types import ProjectStatus, Scope

bp = Blueprint("portfolio", __name__, template_folder="templates")


def _arg(name: str, allowed: list[str]) -> str:
    value = request.args.get(name, "")
    return value if value in allowed else ""


@bp.route("/projects")
@login_required
def projects() -> ResponseReturnValue:
    """List the portfolio's projects with filters and totals."""
    session = db.session()
    entities = queries.entity_choices(session)
    filters = queries.ProjectFilter(
        entity=_arg("entity", [a for a, _ in entities]),
        pillar=_arg("pillar", choices(PillarCode)),
        scope=_arg("scope", choices(Scope)),
        status=_arg("status", choices(ProjectStatus)),
    )
    result = queries.project_page(session, filters, requested_page(request.args))
    return render_template(
        "portfolio/projects.html",
        result=result,
        filters=filters,
        entities=entities,
        pillars=choices(PillarCode),
        scopes=labels.choices(labels.SCOPE_LABELS, choices(Scope)),
        statuses=labels.choices(labels.STATUS_LABELS, choices(ProjectStatus)),
    )


@bp.app_template_filter("project_status")
def project_status_label(value: str) -> str:
    """Show a project's stored status in the reader's language."""
    return labels.shown(labels.STATUS_LABELS, value)


@bp.app_template_filter("project_scope")
def project_scope_label(value: str) -> str:
    """Show a project's stored scope in the reader's language."""
    return labels.shown(labels.SCOPE_LABELS, value)


@bp.app_template_filter("achievement_status")
def achievement_status_label(value: str) -> str:
    """Show an indicator's traffic-light reading (on_track...) in the reader's language."""
    return labels.shown(labels.ACHIEVEMENT_LABELS, value)


@bp.app_template_filter("scope_pairs")
def scope_pairs(values: list[str]) -> list[tuple[str, str]]:
    """Return (scope, label in the reader's language) pairs for a select."""
    return labels.choices(labels.SCOPE_LABELS, [str(v) for v in values])


@bp.app_template_filter("known")
def known_label(value: bool | None) -> str:
    """Show yes, no or unknown in the reader's language."""
    return str(labels.KNOWN[value])


@bp.app_template_filter("member_state")
def member_state_label(code: str) -> str:
    """Show a member state code with its name: "Iraq (IRQ)"."""
    return label(code)


@bp.route("/needs")
@login_required
def needs() -> ResponseReturnValue:
    """List the CTED-identified needs this user may see, filtered and paged, with how many
    projects answer each."""
    session = db.session()
    options = need_queries.need_options(session, current_user)
    filters = need_queries.read_filter(request.args, options)
    return render_template(
        "portfolio/needs.html",
        result=need_queries.need_page(session, current_user, filters, requested_page(request.args)),
        filters=filters,
        options=options,
        pillars=session.scalars(select(Pillar.code).order_by(Pillar.position)).all(),
        hidden=queries.hidden_need_count(session, current_user),
        total=session.scalar(select(func.count(CtedNeed.id))),
    )
