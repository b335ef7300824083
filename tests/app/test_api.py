"""JSON API and the baselines pages: permissions per role, figures equal to the report, errors,
confidentiality and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.baselines.services import create_baseline
from app.figures.baseline_report import baseline_report, to_json
from app.models.audit import AuditEvent
from app.models.baselines import Baseline
from tests.app import comparison_data as analysis_data
from tests.app.comparison_helpers import counted
from tests.app.tamper import tamper

ROLES = ("admin", "focal_point", "reviewer", "viewer", "cted")
OLD, NEW = "2018 mapping", "2019 mapping"
API = (
    "/api/v1/baselines",
    f"/api/v1/baselines/{NEW}",
    f"/api/v1/baselines/{NEW}?compare={OLD}",
    "/api/v1/portfolio",
    "/api/v1/projects",
    "/api/v1/projects?pillar=II&status=active",
)


@pytest.fixture
def data(db_session):
    analysis_data.two_baselines(db_session)
    return db_session


def sign_in_as(make_user, login, role: str):
    login(make_user(role, "UNODC" if role == "focal_point" else None))


def test_anonymous_gets_401_json(data, client) -> None:
    for url in API:
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.is_json and "error" in response.get_json()


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_api_without_confidential_data(data, client, make_user, login, role):
    sign_in_as(make_user, login, role)
    for url in API:
        response = client.get(url)
        assert response.status_code == 200 and response.is_json, url
        if role not in ("admin", "cted"):
            assert analysis_data.CANARY not in response.text
            assert analysis_data.MARKER not in response.text


def test_baseline_json_equals_the_report_command(data, client, app, make_user, login) -> None:
    sign_in_as(make_user, login, "viewer")
    body = client.get(f"/api/v1/baselines/{NEW}", query_string={"compare": OLD}).text
    assert json.loads(body) == json.loads(to_json(baseline_report(data, NEW, OLD)))
    command = app.test_cli_runner().invoke(
        args=["report", "baseline", NEW, "--compare", OLD, "--format", "json"]
    )
    assert json.loads(command.output) == json.loads(body)


def test_portfolio_has_the_report_keys_and_live_figures(data, client, make_user, login) -> None:
    sign_in_as(make_user, login, "viewer")
    live = client.get("/api/v1/portfolio").get_json()
    frozen = client.get(f"/api/v1/baselines/{NEW}").get_json()
    assert set(live) == set(frozen)
    assert live["projects"] == frozen["projects"] + 2  # two live projects added since
    assert live["baseline"]["hash"] is None


def test_projects_are_paginated_and_filtered(data, client, make_user, login) -> None:
    sign_in_as(make_user, login, "viewer")
    everything = client.get("/api/v1/projects").get_json()
    assert (
        everything["total"] == len(everything["projects"]) == 17
    )  # 12 + 1 + 3 + 2, less P-002 cancelled
    pillar = client.get("/api/v1/projects?pillar=I&page=1").get_json()
    assert pillar["total"] > 0 and {p["pillar"] for p in pillar["projects"]} == {"I"}
    late = client.get("/api/v1/projects?page=99").get_json()
    assert late["projects"] == [] and late["page"] == 99
    assert client.get("/api/v1/projects?status=cancelled").get_json()["total"] == 1


def test_api_errors_are_json(data, client, make_user, login) -> None:
    sign_in_as(make_user, login, "viewer")
    missing = client.get("/api/v1/baselines/nope")
    assert missing.status_code == 404 and "nope" in missing.get_json()["message"]
    other = client.get(f"/api/v1/baselines/{NEW}?compare=nope")
    assert other.status_code == 404 and other.is_json
    bad = client.get("/api/v1/projects?pillar=V")
    assert bad.status_code == 400 and "pillar" in bad.get_json()["message"]
    assert client.get("/api/v1/nothing").status_code == 404


def test_api_runs_a_fixed_number_of_queries(db_session, connection, client, make_user, login):
    sign_in_as(make_user, login, "viewer")
    counts = []
    for prefix, size in (("S", 5), ("L", 60)):
        analysis_data.add_projects(db_session, size, prefix=prefix)
        create_baseline(db_session, None, f"{prefix}-a", dt.date(2019, 1, 1))
        create_baseline(db_session, None, f"{prefix}-b", dt.date(2019, 6, 1))
        found = []
        for url in (f"/api/v1/baselines/{prefix}-b?compare={prefix}-a", "/api/v1/portfolio",
                    "/api/v1/projects"):  # fmt: skip
            with counted(connection) as statements:
                assert client.get(url).status_code == 200
            found.append(len(statements))
        counts.append(found)
    assert counts[0] == counts[1]


def test_baselines_page_create_and_verify(data, client, make_user, login) -> None:
    sign_in_as(make_user, login, "viewer")
    assert NEW in client.get("/baselines").text
    assert client.post("/baselines", data={"label": "x", "as_of": "2020-01-01"}).status_code == 403
    assert client.post(f"/baselines/{NEW}/verify").status_code == 403
    client.post("/logout")
    sign_in_as(make_user, login, "admin")
    created = client.post("/baselines", data={"label": "2020 Q1", "as_of": "2020-03-31"})
    assert created.status_code == 302
    assert data.scalar(select(Baseline.as_of).where(Baseline.label == "2020 Q1")) == dt.date(
        2020, 3, 31
    )
    assert data.scalar(select(AuditEvent.id).where(AuditEvent.action == "freeze"))
    page = client.post(f"/baselines/{NEW}/verify", follow_redirects=True).text
    assert f"OK: baseline &#39;{NEW}&#39; still matches" in page
    tamper(data, "baseline_projects", "UPDATE baseline_projects SET title = 'forged'")
    alarm = client.post(f"/baselines/{NEW}/verify", follow_redirects=True).text
    assert "ALARM" in alarm and "no longer matches its hash" in alarm


def test_baseline_form_errors_are_shown_next_to_fields(data, client, make_user, login) -> None:
    sign_in_as(make_user, login, "admin")
    bad_date = client.post("/baselines", data={"label": "y", "as_of": "31/12/2019"})
    assert bad_date.status_code == 400 and 'class="error"' in bad_date.text
    duplicate = client.post("/baselines", data={"label": NEW, "as_of": "2019-12-31"})
    assert duplicate.status_code == 400 and "exists already" in duplicate.text
    assert data.scalar(select(Baseline.id).where(Baseline.label == "y")) is None


def test_baseline_downloads(data, client, make_user, login) -> None:
    sign_in_as(make_user, login, "viewer")
    as_json = client.get(f"/baselines/{NEW}.json")
    assert json.loads(as_json.data) == json.loads(to_json(baseline_report(data, NEW)))
    assert as_json.headers["Content-Disposition"] == 'attachment; filename="baseline.json"'
    xlsx = client.get(f"/baselines/{NEW}.xlsx")
    assert xlsx.data[:2] == b"PK" and xlsx.headers["Cache-Control"] == "no-store"
    assert "by_pillar.I.count" in client.get(f"/baselines/{NEW}.csv").text
    assert client.get(f"/baselines/{NEW}.pdf").data.startswith(b"%PDF")
    assert client.get("/baselines/nope.csv").status_code == 404
    assert client.get("/baselines/nope.pdf").status_code == 404
