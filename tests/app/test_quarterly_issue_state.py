"""Issuing freezes the quarter's close; the comparison is chosen on the web and in the API."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, text

from app.baselines.services import create_baseline
from app.errors import DomainError
from app.models.audit import AuditEvent
from app.models.baselines import Baseline
from app.models.quarterly import IssuedReport
from app.quarterly.build import build_quarterly
from app.quarterly.services import issue_report
from tests.app import factories

TODAY = dt.date(2026, 12, 2)


def flat(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages[:3]
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def labels(session) -> list[str]:
    return list(session.scalars(select(Baseline.label).order_by(Baseline.label)))


@pytest.fixture
def two_closes(db_session):
    """One project frozen as the 2019Q2 close, a second one added and frozen as the 2019Q3 close."""
    factories.project(db_session, "UNODC-1")
    create_baseline(db_session, None, "2019Q2 close", dt.date(2019, 6, 30))
    factories.project(db_session, "UNOCT-1", entity="UNOCT")
    create_baseline(db_session, None, "2019Q3 close", dt.date(2019, 9, 30))
    factories.period(db_session, "2019Q3")
    return db_session


def test_changes_are_against_the_previous_close_never_the_report_itself(two_closes) -> None:
    report = build_quarterly(two_closes, "2019Q3", today=TODAY)
    assert report.state is not None and report.state.baseline == "2019Q3 close"
    assert report.compared_with is not None and report.compared_with.baseline == "2019Q2 close"
    assert report.change_header == "Change since '2019Q2 close' (30 June 2019)"
    projects = next(h for h in report.headlines if h.label == "Projects in the portfolio")
    assert (projects.value, projects.change_since_previous) == ("2", "+1")
    assert all(h.change_since_baseline is None for h in report.headlines)  # one named column


def test_issuing_freezes_the_close_baseline_in_the_same_transaction(db_session) -> None:
    factories.project(db_session, "UNODC-1", budget_usd="2000000", funded_usd="0")
    issued = issue_report(db_session, None, "2019Q3", None, today=TODAY)
    close = db_session.scalar(select(Baseline).where(Baseline.label == "2019Q3 close"))
    assert close is not None and close.as_of == dt.date(2019, 9, 30)
    assert db_session.scalar(select(AuditEvent.id).where(AuditEvent.action == "freeze"))
    event = db_session.scalar(select(AuditEvent).where(AuditEvent.action == "issue"))
    assert event is not None and event.after["state"] == "2019Q3 close"
    assert "portfolio from baseline '2019Q3 close', as of 30 September 2019" in flat(issued.content)
    db_session.execute(text("UPDATE projects SET budget_usd = 1, funded_usd = 0"))
    rebuilt = build_quarterly(db_session, "2019Q3", draft=False, today=TODAY)
    budget = next(h for h in rebuilt.headlines if h.label.startswith("Budget"))
    assert budget.value == "2.0"  # rebuilt from the frozen close, not the edited portfolio
    issue_report(db_session, None, "2019Q3", "UNODC", today=TODAY)  # reuses the close
    assert labels(db_session) == ["2019Q3 close"]


def test_issuing_never_freezes_a_false_close(db_session) -> None:
    factories.project(db_session, "UNODC-1")
    with pytest.raises(DomainError, match="once it has closed"):
        issue_report(db_session, None, "2026Q4", None, today=TODAY)
    create_baseline(db_session, None, "2018 mapping", dt.date(2018, 8, 31))
    create_baseline(db_session, None, "2019 mapping", dt.date(2019, 8, 31))
    with pytest.raises(DomainError, match="no frozen state"):
        issue_report(db_session, None, "2018Q4", None, today=TODAY)
    issued = issue_report(db_session, None, "2018Q3", None, today=TODAY)
    assert "baseline '2018 mapping', as of 31 August 2018" in flat(issued.content)
    assert labels(db_session) == ["2018 mapping", "2019 mapping"]  # nothing frozen as 2018Q3


def test_overdue_is_judged_on_the_report_date(db_session) -> None:
    factories.project(db_session, "UNOCT-1", entity="UNOCT")
    factories.period(db_session, "2019Q3")  # due on 2019-10-30
    early = build_quarterly(db_session, "2019Q3", "UNOCT", today=dt.date(2019, 10, 15))
    late = build_quarterly(db_session, "2019Q3", "UNOCT", today=dt.date(2019, 11, 5))
    assert [r.status for r in early.entity_status or ()] == ["not started"]
    assert [r.status for r in late.entity_status or ()] == ["not started, overdue"]


def test_reports_page_offers_the_baselines_and_refuses_an_unknown_one(
    two_closes, client, make_user, login
) -> None:
    login(make_user("admin"))
    page = client.get("/reports").text
    assert 'name="compare"' in page and "2019Q2 close (as of 30 Jun 2019)" in page
    chosen = client.get("/reports/preview.pdf?period=2019Q3&compare=2019Q2 close")
    assert chosen.status_code == 200
    assert "Change since '2019Q2 close' (30 June 2019)" in flat(chosen.data)
    bad = client.get("/reports/preview.pdf?period=2019Q3&compare=nope")
    assert bad.status_code == 400 and 'id="compare-error"' in bad.text
    assert "No baseline is labelled &#39;nope&#39;" in bad.text
    before = labels(two_closes)
    refused = client.post("/reports/issue", data={"period": "2019Q4", "compare": "nope"})
    assert refused.status_code == 400 and 'id="compare-error"' in refused.text
    assert two_closes.scalar(select(func.count()).select_from(IssuedReport)) == 0
    assert labels(two_closes) == before


def test_api_serves_quarterly_headlines_with_a_chosen_comparison(
    two_closes, client, make_user, login
) -> None:
    login(make_user("viewer"))
    body = client.get("/api/v1/quarterly/2019Q3").get_json()
    assert body["state"]["baseline"] == "2019Q3 close" and body["state"]["as_of"] == "2019-09-30"
    assert body["compare"]["baseline"] == "2019Q2 close"
    projects = next(h for h in body["headlines"] if h["label"] == "Projects in the portfolio")
    assert (projects["value"], projects["change"]) == ("2", "+1")
    against = client.get("/api/v1/quarterly/2019Q3", query_string={"compare": "2019Q3 close"})
    assert against.get_json()["compare"]["as_of"] == "2019-09-30"
    entity = client.get("/api/v1/quarterly/2019Q3?entity=UNODC").get_json()
    assert entity["scope"] == "UNODC"
    for url in (
        "/api/v1/quarterly/2019Q3?compare=nope",
        "/api/v1/quarterly/2019Q3?entity=NOPE",
        "/api/v1/quarterly/2019Q9",
    ):
        response = client.get(url)
        assert response.status_code == 400 and response.is_json, url
        assert response.get_json()["error"]


def test_a_change_that_rounds_to_nothing_has_no_sign(db_session) -> None:
    factories.project(db_session, "UNODC-1", budget_usd="2000000", funded_usd="0")
    create_baseline(db_session, None, "2019Q2 close", dt.date(2019, 6, 30))
    db_session.execute(text("UPDATE projects SET budget_usd = 1990000"))  # -0.01 million
    create_baseline(db_session, None, "2019Q3 close", dt.date(2019, 9, 30))
    report = build_quarterly(db_session, "2019Q3", today=TODAY)
    changes = {h.label: h.change_since_previous for h in report.headlines}
    assert changes["Budget, US$ million"] == "0.0"
    assert changes["Projects in the portfolio"] == "0"
    reverse = build_quarterly(db_session, "2019Q2", today=TODAY, compare="2019Q3 close")
    assert {h.label: h.change_since_previous for h in reverse.headlines}["Budget, US$ million"] == (
        "0.0"
    )


def test_a_running_quarter_shows_the_live_portfolio(db_session) -> None:
    factories.project(db_session, "UNODC-1")
    create_baseline(db_session, None, "mid-quarter", dt.date(2026, 11, 15))
    factories.project(db_session, "UNODC-2")
    running = build_quarterly(db_session, "2026Q4", today=TODAY)
    assert running.state is not None and running.state.baseline is None
    assert running.as_of == TODAY
    assert next(h.value for h in running.headlines if h.label.startswith("Projects")) == "2"
    after = build_quarterly(db_session, "2026Q4", today=dt.date(2027, 1, 10))
    assert after.state is not None and after.state.baseline == "mid-quarter"


def test_an_entity_report_from_a_baseline_lists_the_baselines_projects(db_session) -> None:
    factories.project(db_session, "UNOCT-1", entity="UNOCT")
    factories.period(db_session, "2019Q3")
    create_baseline(db_session, None, "2019Q3 close", dt.date(2019, 9, 30))
    factories.project(db_session, "UNOCT-2", entity="UNOCT")  # added after the close
    frozen = build_quarterly(db_session, "2019Q3", "UNOCT", today=dt.date(2019, 10, 15))
    assert frozen.state is not None and frozen.state.baseline == "2019Q3 close"
    assert [r.project_code for r in frozen.entity_status or ()] == ["UNOCT-1"]
    running = build_quarterly(db_session, "2026Q4", "UNOCT", today=TODAY)  # the live portfolio
    assert [r.project_code for r in running.entity_status or ()] == ["UNOCT-1", "UNOCT-2"]
