"""Writes through the API with a token: draft -> submit -> approve (audited, counted only once
approved), a return needs a comment, 409 on a stale version, 422 naming fields, parts kept,
read scope refused, CSRF still asked of cookie writes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.auth.tokens import create_token
from app.progress.queries import last_approved_values
from tests.app.progress_data import audit_events, fingerprint, report_of, world


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def w(db_session):
    found = world(db_session)
    found.number.disaggregation = "sex"
    db_session.flush()
    return found


@pytest.fixture
def focal(db_session, make_user):
    return create_token(db_session, make_user("focal_point", "UNODC"), "entry", "write")[1]


@pytest.fixture
def reviewer(db_session, make_user):
    return create_token(db_session, make_user("reviewer"), "review", "write")[1]


def url(w, tail: str = "") -> str:
    return f"/api/v1/reports/{w.project.code}/{w.period.key}{tail}"


def body(w, version: int = 0, **number) -> dict:
    return {
        "version": version,
        "narrative": "Trained 12 officers.",
        "indicators": {
            w.number.code: number
            or {"value": 12, "parts": {"women": 5, "men": "7"}, "parts_incomplete": False},
            w.percent.code: {"numerator": 3, "denominator": 4},
            w.text.code: {"text": "Draft law tabled"},
        },
        "activities": {str(w.activity.id): {"status": "ongoing", "percent_complete": 40}},
    }


def test_draft_submit_approve_with_audit_and_figures_only_after_approval(
    w, client, db_session, focal, reviewer
):
    saved = client.put(url(w), json=body(w), headers=bearer(focal))
    assert saved.status_code == 200, saved.get_json()
    got = saved.get_json()
    assert got["status"] == "draft" and got["version"] == 1
    assert got["indicators"][w.number.code]["parts"] == {"women": 5, "men": 7}
    assert got["activities"][str(w.activity.id)]["percent_complete"] == 40
    read = client.get(url(w), headers=bearer(focal)).get_json()
    assert read == got  # parts round trip
    submitted = client.post(url(w, "/submit"), json={"version": 1}, headers=bearer(focal))
    assert submitted.status_code == 200, submitted.get_json()
    assert submitted.get_json()["status"] == "submitted"
    assert last_approved_values(db_session, [w.number.id]) == {}
    version = submitted.get_json()["version"]
    approved = client.post(
        url(w, "/approve"), json={"version": version, "comment": "Fine."}, headers=bearer(reviewer)
    )
    assert approved.status_code == 200 and approved.get_json()["status"] == "approved"
    counted = last_approved_values(db_session, [w.number.id])
    assert counted[w.number.id].value == Decimal(12)
    assert [e.action for e in audit_events(db_session)] == ["save", "submit", "approve"]


def test_return_requires_a_comment(w, client, db_session, focal, reviewer):
    client.put(url(w), json=body(w), headers=bearer(focal))
    version = client.post(url(w, "/submit"), json={"version": 1}, headers=bearer(focal)).get_json()[
        "version"
    ]
    refused = client.post(url(w, "/return"), json={"version": version}, headers=bearer(reviewer))
    assert refused.status_code == 422 and "comment" in refused.get_json()["fields"]
    done = client.post(
        url(w, "/return"), json={"version": version, "comment": "Add the evidence."},
        headers=bearer(reviewer),
    )  # fmt: skip
    assert done.status_code == 200 and done.get_json()["status"] == "returned"
    assert done.get_json()["review_comment"] == "Add the evidence."


def test_a_stale_version_is_a_409_and_changes_nothing(w, client, db_session, focal):
    client.put(url(w), json=body(w), headers=bearer(focal))
    before = fingerprint(db_session)
    stale = client.put(url(w), json=body(w, version=0), headers=bearer(focal))
    assert stale.status_code == 409 and stale.get_json()["error"] == "conflict"
    assert stale.get_json()["version"] == 1
    assert fingerprint(db_session) == before


def test_field_errors_are_422_naming_each_field_and_nothing_is_written(
    w, client, db_session, focal
):
    before = fingerprint(db_session)
    bad = body(w, value=12, parts={"women": 50, "men": "x"})
    bad["indicators"][w.percent.code] = {"numerator": 5, "denominator": 4}
    bad["indicators"]["NOPE"] = {"value": 1}
    bad["activities"][str(w.activity.id)]["percent_complete"] = 140
    response = client.put(url(w), json=bad, headers=bearer(focal))
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"] == "invalid"
    assert set(response.get_json()["fields"]) == {"indicators.NOPE"}
    del bad["indicators"]["NOPE"]
    fields = client.put(url(w), json=bad, headers=bearer(focal)).get_json()["fields"]
    code = w.number.code
    assert f"indicators.{code}.parts.men" in fields
    assert f"indicators.{w.percent.code}.numerator" in fields
    assert f"activities.{w.activity.id}.percent_complete" in fields
    for broken in ({}, {"version": "one"}, {"version": 0, "indicators": []}):
        response = client.put(url(w), json=broken, headers=bearer(focal))
        assert response.status_code == 422 and response.get_json()["fields"], broken
    assert client.put(url(w), data="not json", headers=bearer(focal)).status_code == 422
    unknown_part = body(w, value=5, parts={"children": 5})
    response = client.put(url(w), json=unknown_part, headers=bearer(focal))
    assert response.status_code == 422
    assert f"indicators.{code}.parts.children" in response.get_json()["fields"]
    assert fingerprint(db_session) == before


def test_submit_names_what_is_missing(w, client, db_session, focal):
    incomplete = {"version": 0, "indicators": {w.text.code: {"text": "Begun"}}}
    response = client.post(url(w, "/submit"), json=incomplete, headers=bearer(focal))
    assert response.status_code == 422
    assert f"indicators.{w.number.code}" in response.get_json()["fields"]
    assert report_of(db_session, w) is None


def test_permissions_follow_the_user_and_the_scope(w, client, db_session, make_user, reviewer):
    read_only = create_token(db_session, make_user("focal_point", "UNODC"), "ro", "read")[1]
    refused = client.put(url(w), json=body(w), headers=bearer(read_only))
    assert refused.status_code == 403 and refused.get_json()["error"] == "forbidden"
    other = create_token(db_session, make_user("focal_point", "UNDP"), "other", "write")[1]
    assert client.put(url(w), json=body(w), headers=bearer(other)).status_code == 403
    assert client.put(url(w), json=body(w), headers=bearer(reviewer)).status_code == 403
    viewer = create_token(db_session, make_user("viewer"), "v", "write")[1]
    assert client.get(url(w), headers=bearer(viewer)).status_code == 403
    assert report_of(db_session, w) is None
    missing = client.put("/api/v1/reports/NOPE/2019Q3", json=body(w), headers=bearer(reviewer))
    assert missing.status_code == 404 and missing.is_json


def test_cookie_writes_still_need_the_csrf_token(w, app, client, db_session, make_user, login):
    login(make_user("focal_point", "UNODC"))
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.put(url(w), json=body(w))
        assert response.status_code == 400 and response.is_json
        assert "CSRF" in response.get_json()["message"]
        assert report_of(db_session, w) is None
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert client.put(url(w), json=body(w)).status_code == 200


def test_token_writes_need_no_csrf_token(w, app, client, focal):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.put(url(w), json=body(w), headers=bearer(focal)).status_code == 200
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_a_report_lists_every_activity_it_covers_even_unreported(w, client, db_session, focal):
    """Measured: a script reading the report could not know the activities still to fill."""
    empty = client.get(url(w), headers=bearer(focal)).get_json()
    assert empty["activities"] == {
        str(w.activity.id): {"status": None, "percent_complete": None, "explanation": ""}
    }
    assert client.put(url(w), json=body(w), headers=bearer(focal)).status_code == 200
    saved = client.get(url(w), headers=bearer(focal)).get_json()["activities"]
    assert saved[str(w.activity.id)]["status"] == "ongoing"
