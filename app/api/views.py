"""JSON API for signed-in users: baselines, their reports and comparisons, live figures, projects.

The session cookie authenticates; an anonymous call gets 401 JSON, never a redirect. Every figure
comes from the same functions as the command line and the web pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Blueprint, Response, current_app, request
from flask_login import current_user
from sqlalchemy import Row, select

from app import data_version, db
from app.api.bearer import Refused, authenticate
from app.baselines.services import list_baselines
from app.compare.params import page_number
from app.errors import NotFound
from app.extensions import csrf
from app.figures import queries
from app.figures.baseline_report import baseline_report, live_report, to_json
from app.figures.data_source import Filters, Source
from app.json_errors import json_error
from app.models.portfolio import Project
from app.models.reference import Entity
from app.portfolio.breakdown import breakdowns_json
from app.quarterly.build import quarterly_headlines
from app.quarterly.json import headlines_json
from app.report_language import for_data
from indicators.periods import PeriodKey
from indicators.portfolio import PILLAR_KEYS, SCOPE_KEYS
from indicators.types import ProjectStatus

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # checked in `authenticate` instead: for cookie-authenticated writes only

PER_PAGE = 100
MAX_PER_PAGE = 200
STATUSES = tuple(s.value for s in ProjectStatus) + ("active",)
PUBLIC = {"api.openapi"}  # the description holds no data (docs/api.md)


class BadRequest(Exception):
    """A query parameter has a value the API does not know."""


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(to_json(body) + "\n", status=status, mimetype="application/json")


@bp.before_request
def _signed_in() -> Response | None:
    """Let through a usable token (in its scope) or a signed-in session (CSRF on writes)."""
    if request.endpoint in PUBLIC:
        return None
    try:
        authenticate()
    except Refused as refused:
        return json_error(refused.status, str(refused))
    return None


@bp.route("", strict_slashes=False)
def index() -> Response:
    """List the API's endpoints: each path (with its <parameters>), methods and purpose.

    ---
    get:
      tags: [meta]
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/Index"}}}
    """
    rules = [r for r in current_app.url_map.iter_rules() if r.endpoint.startswith("api.")]
    items = [
        {
            "path": rule.rule,
            "methods": sorted(set(rule.methods or ()) - {"HEAD", "OPTIONS"}),
            "summary": _summary(rule.endpoint),
        }
        for rule in sorted(rules, key=lambda r: r.rule)
    ]
    body = {"api": "v1", "authentication": AUTHENTICATION, "max_per_page": MAX_PER_PAGE}
    return _json({**body, "endpoints": items})


AUTHENTICATION = "Authorization: Bearer TOKEN (flask --app app create-token), or the session cookie"


def _summary(endpoint: str) -> str:
    view = current_app.view_functions.get(endpoint)
    doc = (view.__doc__ or "").strip() if view is not None else ""
    return doc.split("\n\n")[0].replace("\n", " ")


def _reveal() -> bool:
    return bool(current_user.sees_confidential)


@bp.route("/baselines")
def baselines() -> Response:
    """List the baselines, newest as-of date first.

    ---
    get:
      tags: [figures]
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/BaselineList"}}}
    """
    items = [
        {"label": b.label, "as_of": b.as_of.isoformat(), "hash": b.content_hash}
        for b in list_baselines(db.session())
    ]
    return _json({"baselines": items})


@bp.route("/baselines/<path:label>")
def baseline(label: str) -> Response:
    """Return a baseline's report, compared with another baseline when ?compare= is given.

    ---
    get:
      tags: [figures]
      parameters:
        - {in: path, name: label, required: true, schema: {type: string}}
        - in: query
          name: compare
          description: the label of the baseline to compare with
          schema: {type: string}
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/BaselineReport"}}}
        "404": {$ref: "#/components/responses/NotFound"}
    """
    other = request.args.get("compare") or None
    return _json(baseline_report(db.session(), label, other, _reveal()))


@bp.route("/portfolio")
def portfolio() -> Response:
    """Return the live portfolio's figures with the keys of a baseline report.

    ---
    get:
      tags: [figures]
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/BaselineReport"}}}
    """
    session, reveal = db.session(), _reveal()
    key = ("live_report", reveal, dt.date.today())  # kept until something is written
    return _json(data_version.kept(session, key, lambda: live_report(session, reveal)))


@bp.route("/quarterly/<period>")
def quarterly(period: str) -> Response:
    """Return a quarter's headline figures: the state they show and the chosen comparison.

    ?entity= gives one entity's figures; ?compare=LABEL the baseline the changes compare with
    (default: the previous quarter's close baseline). An unknown value is a 400.
    ---
    get:
      tags: [figures]
      parameters:
        - {in: path, name: period, required: true, schema: {type: string, examples: [2019Q3]}}
        - {in: query, name: entity, schema: {type: string}, description: an entity's acronym}
        - {in: query, name: compare, schema: {type: string}, description: a baseline's label}
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/Quarterly"}}}
    """
    session = db.session()
    try:
        key = PeriodKey.parse(period)
    except ValueError as error:
        raise BadRequest(f"period: {error}") from error
    entities = list(session.scalars(select(Entity.acronym)))
    entity = _choice("entity", entities) or None
    compare = request.args.get("compare") or None
    if compare is not None and compare not in {b.label for b in list_baselines(session)}:
        raise BadRequest(f"compare: no baseline labelled {compare!r}; see /api/v1/baselines")
    with for_data():  # labels and words in English, whatever the reader's language
        top = quarterly_headlines(session, key, entity, dt.date.today(), compare)
    return _json(headlines_json(str(key), entity, top))


def _choice(name: str, allowed: tuple[str, ...] | list[str]) -> str:
    value = request.args.get(name, "")
    if value and value not in allowed:
        raise BadRequest(f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return value


@bp.route("/projects")
def projects() -> Response:
    """Return one page of live projects, filtered by pillar, entity, scope and status.

    ---
    get:
      tags: [projects]
      parameters:
        - Page
        - PerPage
        - {in: query, name: pillar, schema: {enum: [I, II, III, IV]}}
        - {in: query, name: entity, schema: {type: string}, description: an entity's acronym}
        - {in: query, name: scope, schema: {enum: [global, interregional, regional, national]}}
        - in: query
          name: status
          description: a project status, or active (ongoing and suspended)
          schema: {enum: [pipeline, ongoing, suspended, completed, cancelled, active]}
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/ProjectPage"}}}
    """
    session = db.session()
    entities = list(session.scalars(Entity.__table__.select().with_only_columns(Entity.acronym)))
    filters = Filters(
        pillar=_choice("pillar", PILLAR_KEYS),
        entity=_choice("entity", entities),
        scope=_choice("scope", SCOPE_KEYS),
    )
    status, page, per_page = _choice("status", STATUSES), page_number(request.args), _per_page()
    rows, total = queries.project_list(session, Source(None, filters), status, page, per_page)
    return _json(
        {
            "page": page,
            "pages": max(1, -(-total // per_page)),
            "per_page": per_page,
            "total": total,
            "projects": [_project(row) for row in rows],
        }
    )


def _per_page() -> int:
    """Read ?per_page= (default PER_PAGE, at most MAX_PER_PAGE); anything else is a 400."""
    value = request.args.get("per_page", "")
    if not value:
        return PER_PAGE
    if not value.isdigit() or not 1 <= int(value) <= MAX_PER_PAGE:
        raise BadRequest(f"per_page: give a whole number from 1 to {MAX_PER_PAGE}")
    return int(value)


def _project(row: Row[Any]) -> dict[str, Any]:
    keys = ("code", "title", "entity", "pillar", "scope", "status", "budget_usd", "funded_usd")
    return {key: getattr(row, key) for key in keys}


@bp.route("/projects/<code>/breakdown")
def project_breakdown(code: str) -> Response:
    """Return a project's approved disaggregated figures, part by part, with the women's share.

    ---
    get:
      tags: [projects]
      parameters:
        - {in: path, name: code, required: true, schema: {type: string}}
      responses:
        "200":
          content: {application/json: {schema: {$ref: "#/components/schemas/ProjectBreakdown"}}}
        "404": {$ref: "#/components/responses/NotFound"}
    """
    session = db.session()
    project_id = session.scalar(select(Project.id).where(Project.code == code))
    if project_id is None:
        raise NotFound(f"no project {code}")
    return _json({"project": code, "indicators": breakdowns_json(session, project_id)})
