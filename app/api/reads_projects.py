"""Reading one project through the API: its facts, and its logframe with approved values.

Every signed-in user reads what the project page shows (app/progress/project_page.py): the
facts, the needs the reader may see (a confidential one only with clearance, and never a count
of those hidden), outputs, activities and indicators with their approved values only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from app import db
from app.api.logframe_reads import logframe_json
from app.api.views import _json, bp
from app.errors import NotFound
from app.models.portfolio import Project
from app.portfolio.queries import project_needs_for


def iso(day: dt.date | dt.datetime | None) -> str | None:
    """Return a date or time in ISO 8601 (None stays None)."""
    return None if day is None else day.isoformat()


def load_project(session: Session, code: str) -> Project:
    """Return a project by code with its entity, countries and PVE areas; NotFound otherwise."""
    stmt = (
        select(Project)
        .where(Project.code == code)
        .options(
            joinedload(Project.entity),
            selectinload(Project.countries),
            selectinload(Project.pve_areas),
        )
    )
    found = session.scalar(stmt)
    if found is None:
        raise NotFound(f"no project {code}")
    return found


def project_json(project: Project, needs: list[str]) -> dict[str, Any]:
    """Return a project's fields with the codes of the needs the reader may see."""
    return {
        "code": project.code, "title": project.title, "entity": project.entity.acronym,
        "pillar": project.pillar_code, "scope": project.scope, "status": project.status,
        "countries": [c.iso3 for c in project.countries],
        "budget_usd": project.budget_usd, "funded_usd": project.funded_usd,
        "shortfall_usd": project.shortfall_usd,
        "start_date": iso(project.start_date), "end_date": iso(project.end_date),
        "in_multi_year_appeal": project.in_multi_year_appeal,
        "gender_marker": project.gender_marker, "origin": project.origin,
        "pve_areas": [{"number": a.number, "name": a.name} for a in project.pve_areas],
        "needs": needs,
    }  # fmt: skip


@bp.route("/projects/<code>")
def project_detail(code: str) -> Response:
    """Return one project's fields, countries, PVE areas and the needs the caller may see.

    ---
    get:
      tags: [projects]
      parameters:
        - {in: path, name: code, required: true, schema: {type: string}}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/ProjectDetail"}
        "404": {$ref: "#/components/responses/NotFound"}
    """
    session = db.session()
    project = load_project(session, code)
    needs = [n.code for n in project_needs_for(session, current_user, project.id)]
    return _json(project_json(project, needs))


@bp.route("/projects/<code>/logframe")
def project_logframe(code: str) -> Response:
    """Return a project's outcomes, outputs, activities and indicators with approved values.

    ---
    get:
      tags: [projects]
      parameters:
        - {in: path, name: code, required: true, schema: {type: string}}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Logframe"}
        "404": {$ref: "#/components/responses/NotFound"}
    """
    session = db.session()
    found = session.scalar(select(Project.id).where(Project.code == code))
    if found is None:
        raise NotFound(f"no project {code}")
    return _json({"project": code, **logframe_json(session, found)})
