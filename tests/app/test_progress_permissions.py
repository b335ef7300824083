"""Who may use each progress route: every role against every route; refusals change nothing."""

from __future__ import annotations

import io

import pytest
from flask import Flask

from app.progress import services as entry
from tests.app.progress_data import fingerprint, report_of, world
from tests.app.test_progress_workflow import complete

ROLES = ("admin", "focal_own", "focal_other", "reviewer", "viewer", "cted", "anonymous")


def make_actor(make_user, role: str):
    if role == "anonymous":
        return None
    if role.startswith("focal"):
        return make_user("focal_point", "UNODC" if role == "focal_own" else "UNOCT")
    return make_user(role)


@pytest.fixture
def setup(db_session, make_user):
    w = world(db_session)
    author = make_user("focal_point", "UNODC")
    entry.submit(
        db_session, author, entry.load_scope(db_session, w.project, w.period), complete(w), 0
    )
    return w, report_of(db_session, w)


# (method, route, allowed roles, status when allowed)
MATRIX = [
    ("GET", "report", {"admin", "focal_own"}, 200),
    ("POST", "report", {"admin", "focal_own"}, 409),  # allowed in, refused: already submitted
    ("GET", "review", {"admin", "reviewer"}, 200),
    ("POST", "approve", {"admin", "reviewer"}, 302),
    ("POST", "return", {"admin", "reviewer"}, 302),
    ("GET", "download", {"admin", "focal_own"}, 200),
    ("GET", "upload", {"admin", "focal_own"}, 200),
    ("POST", "upload", {"admin", "focal_own"}, 422),
    ("GET", "home", set(ROLES) - {"anonymous"}, 200),
]


def url_for_route(route: str, w, report) -> str:
    return {
        "report": w.url,
        "review": f"/reports/{report.id}/review",
        "approve": f"/reports/{report.id}/approve",
        "return": f"/reports/{report.id}/return",
        "download": "/entities/UNODC/reports.xlsx",
        "upload": "/entities/UNODC/reports/upload",
        "home": "/",
    }[route]


def body_for(route: str, w, report) -> dict:
    if route == "report":
        return w.form(version=report.version) | {"action": "save"}
    if route == "upload":
        return {"workbook": (io.BytesIO(b"not a workbook"), "x.xlsx")}
    return {"version": str(report.version), "comment": "Please check"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "route", "allowed", "ok"), MATRIX)
def test_route_matrix(
    client, db_session, make_user, login, setup, role, method, route, allowed, ok
):
    w, report = setup
    actor = make_actor(make_user, role)
    if actor is not None:
        login(actor)
    before = fingerprint(db_session)
    url = url_for_route(route, w, report)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data=body_for(route, w, report))
    if role == "anonymous":
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    elif (method, route, role) == ("GET", "report", "reviewer"):
        assert response.headers["Location"].endswith("/review")  # read-only review page
    elif role in allowed:
        assert response.status_code == ok
    else:
        assert response.status_code == 403
    if not (role in allowed and route in ("approve", "return")):
        assert fingerprint(db_session) == before
    else:
        assert report_of(db_session, w).status in ("approved", "returned")


def test_reviewer_is_sent_from_the_report_page_to_the_review_page(client, make_user, login, setup):
    w, report = setup
    login(make_user("reviewer"))
    response = client.get(w.url)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reports/{report.id}/review")


def test_every_progress_rule_is_in_the_matrix(app: Flask) -> None:
    mine = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("progress.")}
    assert mine == {"progress.report", "progress.review", "progress.decide", "progress.comment"} | {
        "progress.evidence_attach",
        "progress.evidence_download",
        "progress.evidence_remove",
        "progress.download",
        "progress.upload",
        "progress.upload_confirm",
        "progress.upload_cancel",
    }


def test_post_without_csrf_token_is_refused_and_nothing_written(
    app, client, db_session, make_user, login
):
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    before = fingerprint(db_session)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(w.url, data=w.form() | {"action": "save"})
        assert response.status_code == 400
        assert fingerprint(db_session) == before
        page = client.get(w.url).get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        response = client.post(w.url, data=w.form() | {"action": "save", "csrf_token": token})
        assert response.status_code == 302
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert report_of(db_session, w).status == "draft"
