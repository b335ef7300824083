"""Every logframe, period and audit route against every role (RELIABILITY T01-T04, T62)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from app.models.logframe import Activity, Indicator, Outcome, Output
from app.models.portfolio import Project, project_needs
from app.models.progress import ReportingPeriod
from tests.app.logframe_fixtures import ROLES, World, audit_count

EDITORS = {"admin", "owner"}
CREATORS = {"admin", "owner", "other_focal"}
ADMIN = {"admin"}
AUDIT_READERS = {"admin", "reviewer", "owner"}
READERS = {"admin", "owner", "other_focal", "reviewer", "viewer", "cted"}


def project_data(w: World) -> dict[str, Any]:
    return {
        "code": "P-1",
        "title": "Renamed project",
        "entity_id": str(w.project.entity_id),
        "pillar_code": "II",
        "scope": "global",
        "status": "ongoing",
        "budget_usd": "100",
        "funded_usd": "40",
        "version": str(w.project.version),
    }


def indicator_data(w: World, code: str = "IND-9") -> dict[str, Any]:
    return {
        "code": code,
        "name": "Changed name",
        "unit": "people",
        "measure": "number",
        "direction": "increase",
        "cumulation": "non_cumulative",
        "baseline_value": "0",
        "life_target": "100",
        "targets-0-period_key": "2019Q3",
        "targets-0-target": "10",
        "version": str(w.indicator.version),
    }


def activity_data(w: World) -> dict[str, Any]:
    return {
        "title": "Workshop 2",
        "status": "ongoing",
        "percent_complete": "0",
        "version": str(w.activity.version),
    }


GETS: list[tuple[str, set[str]]] = [
    ("/projects/new", CREATORS),
    ("/projects/{p}/edit", EDITORS),
    ("/projects/{p}/logframe", EDITORS),
    ("/projects/{p}/logframe.csv", READERS),
    ("/projects/{p}/logframe.xlsx", READERS),
    ("/projects/{p}/outputs/new", EDITORS),
    ("/outputs/{o}/edit", EDITORS),
    ("/outputs/{o}/activities/new", EDITORS),
    ("/outputs/{o}/indicators/new", EDITORS),
    ("/activities/{a}/edit", EDITORS),
    ("/indicators/{i}/edit", EDITORS),
    ("/outcomes", ADMIN),
    ("/outcomes/new", ADMIN),
    ("/outcomes/{oc}/edit", ADMIN),
    ("/outcomes/{oc}/indicators/new", ADMIN),
    ("/periods", ADMIN),
    ("/periods/new", ADMIN),
    ("/periods/{pe}/edit", ADMIN),
    ("/projects/{p}/audit", AUDIT_READERS),
    ("/entities/UNODC/audit", AUDIT_READERS),
    ("/imports", ADMIN),
]

POSTS: list[tuple[str, set[str], Any]] = [
    ("/projects/{p}/edit", EDITORS, project_data),
    ("/projects/{p}/delete", EDITORS, lambda w: {}),
    ("/projects/{p}/needs", EDITORS, lambda w: {"need_id": str(w.need.id)}),
    (
        "/projects/{p}/outputs/new",
        EDITORS,
        lambda w: {"code": "O-2", "title": "New output", "outcome_id": str(w.outcome.id)},
    ),
    (
        "/outputs/{o}/edit",
        EDITORS,
        lambda w: {
            "code": "O-1",
            "title": "Renamed",
            "outcome_id": str(w.outcome.id),
            "version": str(w.output.version),
        },
    ),
    ("/outputs/{o}/delete", EDITORS, lambda w: {}),
    (
        "/outputs/{o}/activities/new",
        EDITORS,
        lambda w: {"title": "New", "status": "planned", "percent_complete": "0"},
    ),
    ("/activities/{a}/edit", EDITORS, activity_data),
    ("/activities/{a}/delete", EDITORS, lambda w: {}),
    ("/outputs/{o}/indicators/new", EDITORS, indicator_data),
    ("/indicators/{i}/edit", EDITORS, lambda w: indicator_data(w, "IND-1")),
    ("/indicators/{i}/delete", EDITORS, lambda w: {}),
    ("/outcomes/new", ADMIN, lambda w: {"code": "OC-2", "pillar_code": "I", "statement": "S"}),
    (
        "/outcomes/{oc}/edit",
        ADMIN,
        lambda w: {
            "code": "OC-1",
            "pillar_code": "I",
            "statement": "S2",
            "version": str(w.outcome.version),
        },
    ),
    ("/outcomes/{oc}/indicators/new", ADMIN, indicator_data),
    ("/periods/new", ADMIN, lambda w: {"key": "2019Q4"}),
    (
        "/periods/{pe}/edit",
        ADMIN,
        lambda w: {
            "entry_opens_on": "2019-10-01",
            "due_on": "2019-11-15",
            "version": str(w.period.version),
        },
    ),
    ("/periods/{pe}/lock", ADMIN, lambda w: {"reason": "Quarter closed", "confirm": "1"}),
    ("/periods/{pe}/delete", ADMIN, lambda w: {}),
]


def url(template: str, w: World) -> str:
    return template.format(
        p=w.project.id,
        o=w.output.id,
        a=w.activity.id,
        i=w.indicator.id,
        oc=w.outcome.id,
        pe=w.period.id,
    )


def fingerprint(session: Any) -> tuple[Any, ...]:
    """Return the state a refused request must leave unchanged."""
    session.expire_all()
    counts = tuple(
        session.scalar(select(func.count()).select_from(model))
        for model in (Project, Output, Activity, Indicator, Outcome, ReportingPeriod)
    )
    links = session.scalar(select(func.count()).select_from(project_needs))
    rows = session.execute(
        select(Project.title, Output.title, Activity.title, Indicator.name, Outcome.statement)
        .join(Output, Output.project_id == Project.id)
        .join(Activity)
        .join(Indicator)
        .join(Outcome, Outcome.id == Output.outcome_id)
    ).all()
    periods = session.execute(select(ReportingPeriod.status, ReportingPeriod.due_on)).all()
    return counts, links, rows, periods, audit_count(session)


def expected(role: str, allowed: set[str], success: int) -> int:
    if role == "anonymous":
        return 302
    return success if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("path", "allowed"), GETS, ids=[g[0] for g in GETS])
def test_get_matrix(world, as_role, role, path, allowed) -> None:
    response = as_role(role).get(url(path, world))
    assert response.status_code == expected(role, allowed, 200)
    if role == "anonymous":
        assert "/login" in response.headers["Location"]
    elif role not in allowed:
        assert "Border project" not in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("path", "allowed", "data"), POSTS, ids=[p[0] for p in POSTS])
def test_post_matrix(world, as_role, db_session, role, path, allowed, data) -> None:
    client = as_role(role)
    form = data(world)
    before = fingerprint(db_session)
    response = client.post(url(path, world), data=form)
    assert response.status_code == expected(role, allowed, 302), response.get_data(as_text=True)
    after = fingerprint(db_session)
    if role in allowed:
        assert after[-1] == before[-1] + 1  # exactly one audit event per write
        assert after[:-1] != before[:-1]
    else:
        assert after == before


# The project editing pages (portfolio/project_views.py), once in the logframe blueprint.
PROJECT_EDITING = {
    f"portfolio.{name}"
    for name in (
        "new_project",
        "edit_project",
        "delete_project",
        "logframe",
        "link_need",
        "unlink_need",
    )
}


# The web import (portfolio/import_views.py): its POSTs upload a file or confirm a preview, so
# tests/app/test_import_web.py runs them against every role (test_only_administrators_import).
IMPORTS = {f"portfolio.{name}" for name in ("import_upload", "import_confirm", "import_cancel")}


def test_matrix_covers_every_route(app) -> None:
    templates = {g[0] for g in GETS} | {p[0] for p in POSTS}
    templates |= {"/projects/{p}/needs/{n}/unlink", "/periods/{pe}/reopen", "/outcomes/{oc}/delete"}
    templates |= {"/imports/confirm", "/imports/cancel"}
    templates |= {"/projects/{p}/logframe.{any(csv, xlsx):fmt}"}  # the two GETS rows above
    covered = {t.replace("{", "<").replace("}", ">") for t in templates}
    mine = [
        r
        for r in app.url_map.iter_rules()
        if r.endpoint.split(".")[0] in ("logframe", "periods", "audit")
        or r.endpoint in PROJECT_EDITING | IMPORTS
    ]
    assert len(mine) >= 25
    for rule in mine:
        normal = rule.rule
        for name in (
            "project_id",
            "output_id",
            "activity_id",
            "indicator_id",
            "outcome_id",
            "period_id",
            "need_id",
            "acronym",
        ):
            short = {
                "project_id": "p",
                "output_id": "o",
                "activity_id": "a",
                "indicator_id": "i",
                "outcome_id": "oc",
                "period_id": "pe",
                "need_id": "n",
            }.get(name)
            normal = normal.replace(f"<int:{name}>", f"<{short}>")
        normal = normal.replace("<acronym>", "UNODC")
        assert normal in covered, rule.rule
