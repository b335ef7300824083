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
from app.portfolio import queries
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
    page = request.args.get("page", "1")
    result = queries.project_page(session, filters, int(page) if page.isdigit() else 1)
    return render_template(
        "portfolio/projects.html",
        result=result,
        filters=filters,
        entities=entities,
        pillars=choices(PillarCode),
        scopes=choices(Scope),
        statuses=choices(ProjectStatus),
    )


@bp.route("/needs")
@login_required
def needs() -> ResponseReturnValue:
    """List the CTED-identified needs this user may see, with how many projects answer each."""
    session = db.session()
    pillar = _arg("pillar", choices(PillarCode))
    stmt = queries.visible_needs(current_user)
    if pillar:
        stmt = stmt.where(CtedNeed.pillar_code == pillar)
    rows = session.execute(
        stmt.add_columns(queries.linked_project_count()).order_by(
            CtedNeed.member_state, CtedNeed.code
        )
    ).all()
    return render_template(
        "portfolio/needs.html",
        rows=rows,
        pillar=pillar,
        pillars=session.scalars(select(Pillar).order_by(Pillar.position)).all(),
        hidden=queries.hidden_need_count(session, current_user),
        total=session.scalar(select(func.count(CtedNeed.id))),
    )
