"""No 500 for what the outside probe found (issue 13 point 22, F13): an id past what the id
columns hold is a 404 on every `<int:...>` route, a bad API parameter is a JSON 400, and the
losing side of a same-key create race is a 409 with a message (page, API, command line)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

from app import db
from app.models.baselines import Baseline
from app.models.progress import ReportingPeriod
from app.models.quarterly import IssuedReport
from tests.security.corpus import BAD_API_PARAMETERS, OUT_OF_RANGE_IDS
from tests.security.test_concurrency import client_of, gate, live, race  # noqa: F401

# --- ids out of range -------------------------------------------------------------------------

MAX_ID = 2**31 - 1  # what an INTEGER id column holds on PostgreSQL


def _probe(client: Any, url: str, method: str = "get") -> Any:
    response = getattr(client, method)(url)
    assert response.status_code < 500, (url, response.status_code)
    return response


@pytest.mark.parametrize("number", OUT_OF_RANGE_IDS)
@pytest.mark.parametrize(
    "template",
    ["/projects/{}", "/reports/{}/review", "/projects/{}/edit", "/periods/{}/edit",
     "/reports/issued/{}.pdf", "/projects/{}/logframe", "/projects/{}/audit",
     "/needs/{}/edit"],
)  # fmt: skip
def test_an_id_out_of_range_is_a_404(as_role, template, number) -> None:
    client = as_role("admin")
    assert _probe(client, template.format(number)).status_code == 404


@pytest.mark.parametrize("number", OUT_OF_RANGE_IDS)
def test_a_post_to_an_id_out_of_range_is_a_404(as_role, ds, number) -> None:
    client = as_role("admin")
    for template in ("/reports/{}/approve", "/periods/{}/lock", "/projects/{}/delete"):
        assert _probe(client, template.format(number), "post").status_code == 404


def test_every_int_route_is_bounded(app) -> None:
    converters = [
        rule._converters[name]
        for rule in app.url_map.iter_rules()
        for name in rule.arguments
        if isinstance(rule._converters.get(name), IntegerConverter)
    ]
    assert converters, "no <int:...> route found"
    assert all(getattr(c, "max", None) == MAX_ID for c in converters)


def test_the_largest_id_is_still_an_ordinary_404(as_role) -> None:
    assert _probe(as_role("admin"), f"/projects/{MAX_ID}").status_code == 404


# --- bad API parameters -----------------------------------------------------------------------


@pytest.mark.parametrize("value", BAD_API_PARAMETERS)
@pytest.mark.parametrize(
    ("path", "name"),
    [("/api/v1/baselines/{label}", "compare"), ("/api/v1/quarterly/2019Q3", "compare"),
     ("/api/v1/quarterly/2019Q3", "entity"), ("/api/v1/projects", "status"),
     ("/api/v1/projects", "page")],
)  # fmt: skip
def test_a_bad_api_parameter_is_a_json_400(as_role, ds, path, name, value) -> None:
    client = as_role("viewer")
    response = client.get(path.format(label=ds.baseline.label), query_string={name: value})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]


def test_a_control_character_in_an_api_path_is_a_json_400(as_role) -> None:
    response = as_role("viewer").get("/api/v1/baselines/a%01b")
    assert response.status_code == 400 and response.get_json()["error"]


# --- a write the database refuses: 409, never 500 -------------------------------------------


def test_a_refused_unique_key_is_a_409_page(as_role, ds, monkeypatch) -> None:
    from app.progress import period_services

    def lost_race(session: Any, *_args: Any) -> None:
        # as when another admin created the quarter between our check and our INSERT
        world = ds.world.period
        twin = ReportingPeriod(
            key=world.key, starts_on=world.starts_on, ends_on=world.ends_on,
            entry_opens_on=world.entry_opens_on, due_on=world.due_on, status="open",
        )  # fmt: skip
        session.add(twin)
        session.flush()

    client = as_role("admin")
    before = db.session().scalar(select(func.count(ReportingPeriod.id)))
    monkeypatch.setattr(period_services, "create_period", lost_race)
    response = client.post("/periods/new", data={"key": "2019Q4"})
    assert response.status_code == 409
    assert "someone else created the same record" in response.get_data(as_text=True).lower()
    assert db.session().scalar(select(func.count(ReportingPeriod.id))) == before


def test_a_refused_unique_key_is_a_json_409_in_the_api(app, as_role, monkeypatch) -> None:
    from app.api import views as api

    def refused(*_args: Any) -> Any:
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: baselines.label"))

    monkeypatch.setattr(api, "live_report", refused)
    response = as_role("viewer").get("/api/v1/portfolio")
    assert response.status_code == 409 and "someone else" in response.get_json()["message"]


def test_any_other_api_failure_is_json(app, as_role, monkeypatch) -> None:
    from app.api import views as api

    monkeypatch.setattr(api, "live_report", lambda *_a: 1 / 0)
    response = as_role("viewer").get("/api/v1/portfolio")
    assert response.status_code == 500 and response.mimetype == "application/json"


def _locked(*_args: Any) -> Any:
    raise OperationalError("INSERT", {}, Exception("database is locked"))


def test_a_locked_database_is_a_503_page_not_a_500(as_role, ds, monkeypatch) -> None:
    from app.progress import period_services

    monkeypatch.setattr(period_services, "create_period", _locked)
    response = as_role("admin").post("/periods/new", data={"key": "2019Q4"})
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert "Nothing was saved: try again" in response.get_data(as_text=True)


def test_a_locked_database_is_a_json_503_in_the_api(as_role, monkeypatch) -> None:
    from app.api import views as api

    monkeypatch.setattr(api, "live_report", _locked)
    response = as_role("viewer").get("/api/v1/portfolio")
    assert response.status_code == 503 and "busy" in response.get_json()["message"]


def test_another_database_failure_is_still_the_generic_500_page(as_role, monkeypatch) -> None:
    from app.progress import period_services

    def broken(*_args: Any) -> Any:
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(period_services, "create_period", broken)
    response = as_role("admin").post("/periods/new", data={"key": "2019Q4"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "server closed" not in page


# --- the losing side of a same-key create race (PostgreSQL, two threads) ----------------------


def _statuses(results: list[Any]) -> list[int]:
    return sorted(r.status_code for r in results)


def _losing_page(results: list[Any]) -> str:
    return next(r.get_data(as_text=True) for r in results if r.status_code == 409)


@pytest.mark.postgres_only
def test_two_admins_freeze_the_same_label_at_once(live, monkeypatch) -> None:  # noqa: F811
    from app.baselines import services

    app, ds, engine = live
    gate(monkeypatch, services, "_check_label", after=True)
    body = {"label": "Race 2020", "as_of": "2020-01-31"}
    a, b = client_of(app, ds.user("admin")), client_of(app, ds.user("admin"))
    results = race(lambda: a.post("/baselines", data=body), lambda: b.post("/baselines", data=body))
    assert _statuses(results) == [302, 409]
    assert "someone else created the same record" in _losing_page(results).lower()
    with Session(engine) as session:
        assert session.scalar(select(func.count()).where(Baseline.label == "Race 2020")) == 1


@pytest.mark.postgres_only
def test_two_admins_create_the_same_period_at_once(live, monkeypatch) -> None:  # noqa: F811
    from app.progress import period_services

    app, ds, engine = live
    gate(monkeypatch, period_services, "default_window")
    a, b = client_of(app, ds.user("admin")), client_of(app, ds.user("admin"))
    body = {"key": "2020Q1"}
    results = race(
        lambda: a.post("/periods/new", data=body), lambda: b.post("/periods/new", data=body)
    )
    assert _statuses(results) == [302, 409]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).where(ReportingPeriod.key == "2020Q1")) == 1


@pytest.mark.postgres_only
def test_two_admins_issue_the_same_report_at_once(live, monkeypatch) -> None:  # noqa: F811
    from app.quarterly import services

    app, ds, engine = live
    gate(monkeypatch, services, "find_issued", after=True)
    a, b = client_of(app, ds.user("admin")), client_of(app, ds.user("admin"))
    body = {"period": "2019Q3", "confirm": "1"}
    results = race(
        lambda: a.post("/reports/issue", data=body), lambda: b.post("/reports/issue", data=body)
    )
    assert _statuses(results) == [302, 409]
    with Session(engine) as session:
        issued = select(func.count()).where(IssuedReport.period_key == "2019Q3")
        assert session.scalar(issued) == 1


def test_a_lost_race_on_the_command_line_is_one_line(app, ds, monkeypatch) -> None:
    """As the losing side of two `snapshot create` of one label: its check saw no baseline, its
    INSERT meets the winner's row (a real unique violation on either database)."""
    from app.baselines import services

    monkeypatch.setattr(services, "_check_label", lambda *_args: None)
    before = db.session().scalar(select(func.count(Baseline.id)))
    result = app.test_cli_runner().invoke(
        args=["snapshot", "create", ds.baseline.label, "--as-of", "2020-01-31"]
    )
    assert result.exit_code == 1
    assert "someone else created the same record" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert db.session().scalar(select(func.count(Baseline.id))) == before
