"""Approved disaggregated figures: the project page's breakdown and the Compact's women's share."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import event

from app.models.progress import IndicatorValue, ProgressReport, ValuePart
from app.portfolio.breakdown import compact_women_share, project_breakdowns
from tests.app.progress_data import period, world

D = Decimal


def _report(session, w, key: str, status: str, parts: dict[str, int]) -> None:
    found = w.period if key == w.period.key else period(session, key)
    value = IndicatorValue(indicator=w.number, value=D(sum(parts.values())))
    value.parts = [ValuePart(category=c, value=D(v)) for c, v in parts.items()]
    report = ProgressReport(project=w.project, period=found, status=status, narrative="")
    report.values.append(value)
    session.add(report)
    session.flush()


@pytest.fixture
def w(db_session):
    found = world(db_session)
    found.number.disaggregation = "sex"
    _report(db_session, found, "2019Q2", "approved", {"women": 10, "men": 20, "not_recorded": 2})
    _report(db_session, found, "2019Q3", "approved", {"women": 15, "men": 15})
    _report(db_session, found, "2019Q4", "draft", {"women": 100, "men": 0})
    return found


def test_the_breakdown_counts_approved_values_per_part(db_session, w):
    (found,) = project_breakdowns(db_session, w.project.id)
    assert found.parts == [("Women", D(25)), ("Men", D(35)), ("Not recorded", D(2))]
    assert found.share is not None and found.share_text == "41.7 %"
    assert "2 whose sex was not recorded" in found.share.caveat


def test_the_breakdown_is_one_query(db_session, w):
    statements: list[str] = []
    engine = db_session.get_bind()
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        project_breakdowns(db_session, w.project.id)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1


def test_the_project_page_shows_the_share_of_women(client, make_user, login, w):
    login(make_user("viewer"))
    page = client.get(f"/projects/{w.project.id}").get_data(as_text=True)
    assert "Breakdown of approved figures" in page
    assert "Women 25; Men 35; Not recorded 2" in page and "41.7 %" in page


def test_the_compact_share_of_women_takes_the_quarter_approved(db_session, w):
    share = compact_women_share(db_session, "2019Q3")
    assert share is not None and share.percent == D(50)
    assert compact_women_share(db_session, "2019Q4") is None  # a draft does not count


def test_the_api_gives_a_project_parts(client, make_user, login, w):
    login(make_user("viewer"))
    body = client.get(f"/api/v1/projects/{w.project.code}/breakdown").get_json()
    (found,) = body["indicators"]
    assert found["dimension"] == "sex" and found["women_share_percent"] == "41.7"
    assert found["parts"] == {"women": "25", "men": "35", "not_recorded": "2"}
    assert client.get("/api/v1/projects/NOPE/breakdown").status_code == 404


def test_the_api_asks_to_sign_in(client, w):
    assert client.get(f"/api/v1/projects/{w.project.code}/breakdown").status_code == 401
