"""The CTED needs and the reporting periods through the API.

Needs follow the needs page (app/portfolio/need_queries.py): a confidential need exists only
for a cleared caller (CTED, admin). Lists, totals and the thematic areas a filter may take all
leave it out for anyone else, so an answer never tells that one exists.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_login import current_user
from sqlalchemy import func, select

from app import db
from app.api import read_params as params
from app.api.views import _json, bp
from app.models.portfolio import CtedNeed
from app.models.progress import ReportingPeriod
from app.portfolio import need_queries
from app.reference.member_states import names
from indicators.portfolio import PILLAR_KEYS


def need_filter() -> need_queries.NeedFilter:
    """Read the needs' filters; a value outside what exists (for this caller) is a 400."""
    options = need_queries.need_options(db.session(), current_user)
    # A code the caller's needs use (the import takes any three letters) or an ISO one.
    states = set(names()) | {code for code, _ in options.states}
    return need_queries.NeedFilter(
        member_state=params.choice("member_state", states, "an ISO 3166-1 alpha-3 code"),
        pillar=params.choice("pillar", PILLAR_KEYS),
        thematic_area=params.choice(
            "thematic_area", options.areas, "a thematic area of the needs listed"
        ),
        covered=params.choice("covered", need_queries.COVERED),
    )


def need_json(need: CtedNeed, projects: int) -> dict[str, Any]:
    """Return a need's fields and how many non-cancelled projects answer it."""
    return {
        "code": need.code, "member_state": need.member_state,
        "assessment_date": need.assessment_date.isoformat(), "pillar": need.pillar_code,
        "thematic_area": need.thematic_area, "description": need.description,
        "confidential": need.confidential, "projects": projects,
    }  # fmt: skip


@bp.route("/needs")
def needs() -> Response:
    """Return one page of the CTED needs the caller may see, filtered by State, pillar, area.

    ---
    get:
      tags: [needs]
      parameters:
        - {in: query, name: member_state, schema: {type: string}}
        - {in: query, name: pillar, schema: {type: string, enum: [I, II, III, IV]}}
        - {in: query, name: thematic_area, schema: {type: string}}
        - {in: query, name: covered, schema: {type: string, enum: ["yes", "no"]}}
        - Page
        - PerPage
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/NeedPage"}
    """
    filters, number, size = need_filter(), params.page(), params.per_page()
    found = need_queries.need_page(
        db.session(), current_user, filters, number, size, last_when_beyond=True
    )
    items = [need_json(need, count) for need, count in found.rows]
    return _json(params.paged("needs", items, found.paging.page, size, found.count))


def period_json(period: ReportingPeriod) -> dict[str, Any]:
    """Return a period's key, dates and status."""
    return {
        "key": period.key, "starts_on": period.starts_on.isoformat(),
        "ends_on": period.ends_on.isoformat(),
        "entry_opens_on": period.entry_opens_on.isoformat(),
        "due_on": period.due_on.isoformat(), "status": period.status,
    }  # fmt: skip


@bp.route("/periods")
def periods() -> Response:
    """Return one page of the reporting periods, newest first: key, dates, due date, status.

    ---
    get:
      tags: [periods]
      parameters:
        - Page
        - PerPage
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/PeriodPage"}
    """
    session, size = db.session(), params.per_page()
    total = session.scalar(select(func.count(ReportingPeriod.id))) or 0
    number = params.clamp(params.page(), total, size)
    stmt = select(ReportingPeriod).order_by(ReportingPeriod.key.desc())
    rows = session.scalars(stmt.limit(size).offset((number - 1) * size))
    return _json(params.paged("periods", [period_json(p) for p in rows], number, size, total))
