"""Viewer and CTED home pages show the Compact's results, not two links."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest

from app.baselines.services import create_baseline
from app.models.quarterly import IssuedReport
from tests.app import factories


@pytest.fixture
def compact(db_session):
    needs = [
        factories.need(db_session, "HN-OPEN"),
        factories.need(db_session, "HN-SECRET", confidential=True),
        factories.need(db_session, "HN-MET"),
    ]
    factories.project(db_session, "HP-1", pillar_code="I", budget_usd="1000", needs=[needs[2]])
    factories.project(db_session, "HP-2", pillar_code="II", budget_usd="500")
    create_baseline(db_session, None, "Home baseline", dt.date(2019, 6, 30))
    factories.project(db_session, "HP-3", pillar_code="II", budget_usd="250")
    content = b"%PDF-1.4 issued"
    issued = IssuedReport(
        period_key="2019Q3", scope="compact", content=content,
        sha256="sha256:" + hashlib.sha256(content).hexdigest(),
    )  # fmt: skip
    db_session.add(issued)
    db_session.commit()
    return issued


def _home(client, login, user) -> str:
    login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_viewer_home_shows_headline_figures(client, login, make_user, compact):
    page = _home(client, login, make_user("viewer"))
    assert 'id="headline"' in page
    assert "3 projects" in page
    assert "Pillar I: 1" in page and "Pillar II: 2" in page
    assert "1,750" in page  # the budget of the portfolio, US$


def test_the_viewer_home_links_the_latest_issued_report(client, login, make_user, compact):
    page = _home(client, login, make_user("viewer"))
    assert f'href="/reports/issued/{compact.id}.pdf"' in page and "2019Q3" in page


def test_the_viewer_home_says_what_changed_since_the_baseline(client, login, make_user, compact):
    page = _home(client, login, make_user("viewer"))
    when = '<time datetime="2019-06-30">30 Jun 2019</time>'
    assert f"Since the baseline Home baseline ({when})" in page
    assert "1 project added" in page and "0 removed" in page
    assert "+250" in page  # the total budget's change


def test_cted_sees_the_open_needs_confidential_included(client, login, make_user, compact):
    page = _home(client, login, make_user("cted"))
    assert "2 open CTED needs" in page and "1 of them confidential" in page
    assert 'href="/needs"' in page
    viewer = _home(client, login, make_user("viewer"))
    assert "confidential" not in viewer and "HN-SECRET" not in viewer


def test_the_home_page_without_baseline_or_report_still_reads(client, login, make_user):
    page = _home(client, login, make_user("viewer"))
    assert "No baseline has been frozen yet" in page
    assert "No quarterly report has been issued yet" in page


def test_the_focal_point_home_is_still_what_is_due(client, login, make_user, compact):
    page = _home(client, login, make_user("focal_point", "UNODC"))
    assert "What's due for UNODC" in page and 'id="headline"' not in page


def test_headline_outcome_achievement(db_session, client, login, make_user, compact):
    from app.models.logframe import Indicator, Outcome
    from app.models.progress import IndicatorValue, ProgressReport

    outcome = Outcome(code="HOC-1", pillar_code="II", statement="States manage borders")
    db_session.add(outcome)
    db_session.flush()
    ind = Indicator(
        code="HOC-1-IND", name="States with a strategy", outcome_id=outcome.id, unit="States",
        measure="number", baseline_value=Decimal(0), life_target=Decimal(10),
    )  # fmt: skip
    db_session.add(ind)
    quarter = factories.period(db_session, "2019Q3")
    project = db_session.query(factories.Project).filter_by(code="HP-1").one()
    report = ProgressReport(project=project, period=quarter, status="approved")
    report.values.append(IndicatorValue(indicator=ind, value=Decimal(9)))
    db_session.add(report)
    db_session.commit()
    page = _home(client, login, make_user("viewer"))
    assert "Results as of 2019Q3" in page and "1 on track" in page
