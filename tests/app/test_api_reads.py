"""The read API, projects and needs: GET /projects/CODE, /projects/CODE/logframe, /needs and
/periods against what the app's own queries compute, per role, paged, in fixed statements."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.models.auth import User
from app.models.logframe import Activity, Indicator, Output
from app.models.portfolio import CtedNeed, Project
from app.models.progress import IndicatorValue, ReportingPeriod, ValuePart
from app.portfolio import need_queries
from app.portfolio.queries import project_needs_for
from tests.app import comparison_data as analysis_data
from tests.app import factories
from tests.app.api_reads_support import get, read_tokens, statements, valid

CANARY, MARKER = analysis_data.CANARY, analysis_data.MARKER


@pytest.fixture
def data(db_session):
    analysis_data.two_baselines(db_session)
    return db_session


@pytest.fixture
def tokens(data, make_user):
    return read_tokens(data, make_user)


def test_every_read_endpoint_wants_a_caller(data, client) -> None:
    for url in ("/api/v1/projects/P-001", "/api/v1/projects/P-001/logframe", "/api/v1/needs",
                "/api/v1/periods", "/api/v1/reports", "/api/v1/comparison",
                "/api/v1/issued-reports", "/api/v1/issued-reports/1/pdf"):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 401 and response.get_json()["error"] == "unauthorized"


def test_project_detail_gives_the_fields_of_the_project(data, client, tokens) -> None:
    body = valid(get(client, "/api/v1/projects/P-003", tokens["viewer"]), "ProjectDetail")
    stored = data.scalar(select(Project).where(Project.code == "P-003"))
    assert body["code"] == stored.code and body["title"] == stored.title
    assert body["entity"] == stored.entity.acronym and body["pillar"] == stored.pillar_code
    assert Decimal(str(body["budget_usd"])) == stored.budget_usd
    assert Decimal(str(body["funded_usd"])) == stored.funded_usd
    assert body["countries"] == [c.iso3 for c in stored.countries]
    assert body["in_multi_year_appeal"] == stored.in_multi_year_appeal


@pytest.mark.parametrize("caller", ["viewer", "reviewer", "own_focal_point", "other_focal_point"])
def test_a_confidential_need_link_shows_only_with_clearance(data, client, tokens, caller):
    secret = f"N-{CANARY}"
    for cleared in ("cted", "admin"):
        assert get(client, "/api/v1/projects/SECRET-LINK", tokens[cleared])["needs"] == [secret]
    response = client.get("/api/v1/projects/SECRET-LINK", headers=tokens[caller])
    assert response.status_code == 200 and response.get_json()["needs"] == []
    assert CANARY not in response.text


def test_project_needs_equal_the_project_page_query(data, client, tokens) -> None:
    project = data.scalar(select(Project).where(Project.code == "P-000"))
    viewer = data.scalar(select(User).where(User.role == "viewer"))
    expected = [n.code for n in project_needs_for(data, viewer, project.id)]
    assert expected and get(client, "/api/v1/projects/P-000", tokens["viewer"])["needs"] == expected


def test_an_unknown_project_is_a_json_404(data, client, tokens) -> None:
    for url in ("/api/v1/projects/NOPE", "/api/v1/projects/NOPE/logframe"):
        assert "NOPE" in get(client, url, tokens["viewer"], 404)["message"]


def _add_parts(session) -> None:
    """Give the approved 2019Q3 value of IND-2 two parts."""
    value = session.scalar(
        select(IndicatorValue)
        .join(Indicator)
        .where(Indicator.code == "IND-2", IndicatorValue.value == 3)
    )
    session.add_all([ValuePart(value_id=value.id, category="women", value=Decimal(1)),
                     ValuePart(value_id=value.id, category="men", value=Decimal(2))])  # fmt: skip
    session.flush()


def test_logframe_holds_the_approved_values_only(data, client, tokens) -> None:
    _add_parts(data)
    body = valid(get(client, "/api/v1/projects/P-001/logframe", tokens["viewer"]), "Logframe")
    [outcome] = body["outcomes"]
    assert outcome["code"] == "OC-1" and outcome["pillar"] == "I"
    [outcome_indicator] = outcome["indicators"]
    values = {(v["period"], v["value"]) for v in outcome_indicator["values"]}
    assert values == {("2019Q2", 40), ("2019Q3", 30)}  # the submitted 999 of 2019Q4 is left out
    [output] = outcome["outputs"]
    [indicator] = output["indicators"]
    assert indicator["code"] == "IND-2" and indicator["cumulation"] == "cumulative_sum"
    assert [(v["period"], v["value"]) for v in indicator["values"]] == [
        ("2019Q2", 4),
        ("2019Q3", 3),
    ]
    assert indicator["values"][1]["parts"] == {"men": 2, "women": 1}
    assert indicator["life_target"] == 10 and indicator["baseline"]["value"] == 0
    assert body["outputs_without_outcome"] == []
    assert "999" not in str(body)


def test_logframe_activities_and_targets(data, client, tokens) -> None:
    output = data.scalar(select(Output).where(Output.code == "O-1"))
    data.add(Activity(output_id=output.id, title="Workshop", status="ongoing", percent_complete=30))
    indicator = data.scalar(select(Indicator).where(Indicator.code == "IND-2"))
    from app.models.logframe import IndicatorTarget

    data.add(IndicatorTarget(indicator_id=indicator.id, period_key="2019Q3", target=Decimal(5)))
    data.flush()
    body = get(client, "/api/v1/projects/P-001/logframe", tokens["viewer"])
    [activity] = body["outcomes"][0]["outputs"][0]["activities"]
    assert activity["title"] == "Workshop" and activity["percent_complete"] == 30
    assert activity["status"] == "ongoing" and activity["reported_in"] is None
    assert body["outcomes"][0]["outputs"][0]["indicators"][0]["targets"] == {"2019Q3": 5}


def _grow_logframe(session, code: str, outputs: int) -> None:
    project = factories.project(session, code)
    for n in range(outputs):
        output = Output(project_id=project.id, code=f"O{n}", title=f"Output {n}")
        session.add(output)
        session.flush()
        session.add(Activity(output_id=output.id, title="Work"))
        session.add(Indicator(code=f"{code}-{n}", name="n", output_id=output.id, unit="people",
                              measure="number"))  # fmt: skip
    session.flush()


def test_logframe_runs_a_fixed_number_of_statements(data, connection, client, tokens) -> None:
    _grow_logframe(data, "SMALL", 1)
    _grow_logframe(data, "LARGE", 12)
    header = tokens["viewer"]
    get(client, "/api/v1/periods", header)  # the token's first use is recorded once
    small = statements(connection, client, "/api/v1/projects/SMALL/logframe", header)
    large = statements(connection, client, "/api/v1/projects/LARGE/logframe", header)
    assert small == large


def test_needs_leave_confidential_ones_out_for_uncleared_callers(data, client, tokens) -> None:
    everything = data.scalar(select(func.count(CtedNeed.id)))
    shown = data.scalar(select(func.count(CtedNeed.id)).where(CtedNeed.confidential.is_(False)))
    cted = valid(get(client, "/api/v1/needs", tokens["cted"]), "NeedPage")
    assert cted["total"] == everything == len(cted["needs"]) and CANARY in str(cted)
    for caller in ("viewer", "reviewer", "own_focal_point"):
        response = client.get("/api/v1/needs", headers=tokens[caller])
        body = response.get_json()
        assert body["total"] == shown == len(body["needs"]) < everything
        assert CANARY not in response.text and MARKER not in response.text


def test_a_state_known_only_from_confidential_needs_is_unknown_to_a_viewer(
    data, client, tokens
) -> None:
    hidden = get(client, f"/api/v1/needs?member_state={MARKER}", tokens["viewer"], 400)
    made_up = get(client, "/api/v1/needs?member_state=ZZZ", tokens["viewer"], 400)
    assert hidden["message"].replace(MARKER, "ZZZ") == made_up["message"]
    assert get(client, "/api/v1/needs?member_state=FRA", tokens["viewer"])["total"] == 0
    assert get(client, f"/api/v1/needs?member_state={MARKER}", tokens["cted"])["total"] == 1


def test_a_confidential_thematic_area_is_unknown_to_a_viewer(data, client, tokens) -> None:
    area = f"area {CANARY}"
    assert get(client, f"/api/v1/needs?thematic_area={area}", tokens["cted"])["total"] == 1
    hidden = get(client, f"/api/v1/needs?thematic_area={area}", tokens["viewer"], 400)
    made_up = get(client, "/api/v1/needs?thematic_area=zzz", tokens["viewer"], 400)
    assert hidden["message"].replace(area, "zzz") == made_up["message"]


def test_needs_equal_the_needs_page_query_with_filters(data, client, tokens) -> None:
    viewer = data.scalar(select(User).where(User.role == "viewer"))
    filters = need_queries.NeedFilter(pillar="II", covered="yes")
    page = need_queries.need_page(data, viewer, filters, 1, 200)
    body = get(client, "/api/v1/needs?pillar=II&covered=yes", tokens["viewer"])
    assert [(n["code"], n["projects"]) for n in body["needs"]] == [
        (need.code, count) for need, count in page.rows
    ]
    assert body["total"] == page.count


@pytest.mark.parametrize(
    "query",
    [
        "pillar=V",
        "member_state=ZZZ",
        "covered=maybe",
        "page=0",
        "page=x",
        "per_page=0",
        "per_page=201",
        "per_page=ten",
    ],  # fmt: skip
)
def test_needs_refuse_unknown_values_naming_the_parameter(data, client, tokens, query) -> None:
    body = get(client, f"/api/v1/needs?{query}", tokens["viewer"], 400)
    assert body["error"] == "bad_request" and body["message"].startswith(query.split("=")[0])


def test_needs_are_paged(data, client, tokens) -> None:
    header = tokens["cted"]
    first = get(client, "/api/v1/needs?per_page=3", header)
    second = get(client, "/api/v1/needs?per_page=3&page=2", header)
    total = first["total"]
    assert first["pages"] == -(-total // 3) and len(first["needs"]) == 3
    assert {n["code"] for n in first["needs"]}.isdisjoint(n["code"] for n in second["needs"])
    past = get(client, "/api/v1/needs?per_page=3&page=999", header)
    assert past["page"] == first["pages"] and past["needs"]
    assert get(client, "/api/v1/needs?per_page=200", header)["per_page"] == 200
    assert get(client, "/api/v1/needs", header)["per_page"] == 100


def test_needs_run_a_fixed_number_of_statements(data, connection, client, tokens) -> None:
    for n in range(30):
        factories.need(data, f"MORE-{n}")
    header = tokens["viewer"]
    get(client, "/api/v1/periods", header)
    few, filtered = (
        "/api/v1/needs?per_page=1",
        "/api/v1/needs?per_page=200&thematic_area=Border security",
    )
    for path in (few, filtered):  # the filters' choices and the counts are kept until a write
        get(client, path, header)
    one = statements(connection, client, few, header)
    many = statements(connection, client, filtered, header)
    assert one == many


@pytest.mark.parametrize("caller", ["viewer", "own_focal_point", "reviewer", "admin"])
def test_periods_list_every_period_newest_first(data, client, tokens, caller) -> None:
    factories.period(data, "2020Q1", status="locked")
    body = valid(get(client, "/api/v1/periods", tokens[caller]), "PeriodPage")
    stored = data.scalars(select(ReportingPeriod).order_by(ReportingPeriod.key.desc())).all()
    assert [p["key"] for p in body["periods"]] == [p.key for p in stored]
    assert body["periods"][0]["status"] == "locked"
    assert body["periods"][0]["due_on"] == stored[0].due_on.isoformat()
    assert body["total"] == len(stored)
    one = get(client, "/api/v1/periods?per_page=1&page=2", tokens[caller])
    assert [p["key"] for p in one["periods"]] == [stored[1].key]
