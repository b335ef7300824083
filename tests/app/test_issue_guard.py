"""Issuing a quarterly report happens only from its confirmation page, after the quarter's
readiness summary; the quarter is one of the reporting periods, chosen from a list."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models.baselines import Baseline
from app.models.quarterly import IssuedReport
from tests.app import factories


def issued_count(session) -> int:
    return session.scalar(select(func.count()).select_from(IssuedReport))


def baseline_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Baseline))


@pytest.fixture
def pending(db_session, make_user, login):
    """2019Q3 (closed, past its due date) with a report awaiting review; an admin signed in."""
    factories.period(db_session, "2019Q2", status="locked")
    period = factories.period(db_session, "2019Q3")
    project = factories.project(db_session, "P-1")
    value = {factories.indicator(db_session, project, "P-1-I"): "4"}
    factories.report(db_session, project, period, "submitted", values=value)
    factories.project(db_session, "P-OCT", entity="UNOCT")
    login(make_user("admin"))
    return db_session


def test_the_quarter_is_a_list_of_periods_newest_first_and_issue_is_not_primary(
    pending, client
) -> None:
    page = client.get("/reports").text
    assert '<input name="period"' not in page
    select_ = page.split('<select name="period"')[1].split("</select>")[0]
    assert select_.index('value="2019Q3"') < select_.index('value="2019Q2"')
    buttons = [b.split("</button>")[0] for b in page.split("<button")[1:]]
    (button,) = [b for b in buttons if "/reports/issue" in b]
    assert 'class="secondary"' in button and "primary" not in button


def test_an_issue_without_confirmation_shows_the_summary_and_issues_nothing(
    pending, client
) -> None:
    response = client.post("/reports/issue", data={"period": "2019Q3"})
    assert response.status_code == 200
    page = response.text
    assert "Issue the Compact-wide report for 2019Q3?" in page and 'id="readiness"' in page
    assert "1 report awaiting review" in page and "1 report not started" in page
    assert "1 value not approved" in page and "1 report overdue" in page
    assert 'name="confirm"' in page and 'name="period" type="hidden" value="2019Q3"' in page
    assert issued_count(pending) == 0 and baseline_count(pending) == 0


def test_the_box_must_be_ticked_and_then_the_report_is_issued(pending, client) -> None:
    unticked = client.post("/reports/issue", data={"period": "2019Q3", "shown": "1"})
    assert unticked.status_code == 200 and 'id="confirm-error"' in unticked.text
    assert issued_count(pending) == 0
    done = client.post("/reports/issue", data={"period": "2019Q3", "confirm": "1"})
    assert done.status_code == 302 and issued_count(pending) == 1


def test_an_entitys_summary_counts_its_own_reports(pending, client) -> None:
    page = client.post("/reports/issue", data={"period": "2019Q3", "entity": "UNOCT"}).text
    assert "Issue the UNOCT report for 2019Q3?" in page
    assert "0 reports awaiting review" in page and "1 report not started" in page
    assert 'name="entity" type="hidden" value="UNOCT"' in page


@pytest.mark.parametrize("period", ["2018Q1", "2019Q9", "", "x" * 300])
@pytest.mark.parametrize("url", ["/reports/issue", "/reports/preview.pdf"])
def test_an_unknown_quarter_is_an_error_beside_the_field(pending, client, url, period) -> None:
    response = client.post(url, data={"period": period, "confirm": "1"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert 'id="period-error"' in response.text and "reporting periods" in response.text
    assert issued_count(pending) == 0 and baseline_count(pending) == 0
