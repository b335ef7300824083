"""The project page shows results: targets against approved actuals, and the report history."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import event

from app.logframe.queries import project_outputs
from app.models.portfolio import CtedNeed
from app.progress.project_results import project_results
from app.progress.report_history import report_history
from indicators.types import AchievementStatus
from tests.app.results_data import results_world

D = Decimal


@pytest.fixture
def rw(db_session, make_user):
    return results_world(db_session, make_user)


def _row(page: str, code: str) -> str:
    found = re.search(rf'<tr data-indicator="{code}">(.*?)</tr>', page, re.S)
    assert found, f"no results row for {code}"
    return found.group(1)


def _history(page: str, key: str) -> str:
    found = re.search(rf'<tr data-report="{key}">(.*?)</tr>', page, re.S)
    assert found, f"no history row for {key}"
    return found.group(1)


def _selects(db_session, work) -> int:
    statements: list[str] = []
    engine = db_session.get_bind()
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])


def test_the_table_cumulates_approved_values_and_assesses_them(db_session, rw):
    w, _ = rw
    table = project_results(db_session, project_outputs(db_session, w.project.id))
    assert table.periods == ["2019Q2", "2019Q3", "2019Q4"]  # drafts are no data
    number = next(r for r in table.rows if r.code == w.number.code)
    assert [c.actual for c in number.cells] == [D(5), D(7), None]
    assert [c.target for c in number.cells] == [D(8), D(10), None]
    assert number.cells[2].pending == D(100)
    assert number.actual == D(12) and number.yardstick == D(18)  # targets to date: 8 + 10
    assert number.achievement == D("0.625") and number.status is AchievementStatus.AT_RISK
    share = next(r for r in table.rows if r.code == w.percent.code)
    assert share.actual == D(75) and share.status is AchievementStatus.ON_TRACK


def test_the_table_shows_the_last_eight_periods_with_data(db_session, rw):
    from tests.app.results_data import add_report

    w, _ = rw
    for year in (2020, 2021):
        for q in (2, 3, 4) if year == 2020 else (1, 2, 3):
            add_report(db_session, w, f"{year}Q{q}", "approved", "", number=1)
    table = project_results(db_session, project_outputs(db_session, w.project.id))
    assert len(table.periods) == 8 and table.periods[0] == "2019Q3"  # nine, the 2020Q1 draft aside
    number = next(r for r in table.rows if r.code == w.number.code)
    assert number.actual == D(18)  # every approved period counts, shown or not


def test_the_table_and_the_history_take_a_fixed_number_of_queries(db_session, rw, make_user):
    w, _ = rw
    outputs = project_outputs(db_session, w.project.id)
    viewer = make_user("viewer")
    assert _selects(db_session, lambda: project_results(db_session, outputs)) == 1
    # the reports, the reviewers' notes, the evidence and the clearance: four, whatever the count
    assert _selects(db_session, lambda: report_history(db_session, viewer, w.project)) <= 4


def test_a_viewer_reads_approved_results_on_the_project_page(client, login, make_user, rw):
    w, _ = rw
    login(make_user("viewer"))
    page = client.get(f"/projects/{w.project.id}").get_data(as_text=True)
    assert "Targets and approved actuals" in page
    row = _row(page, w.number.code)
    assert "<strong>12</strong>" in row and "of the target to date 18" in row
    assert "62.5 %" in row and "at risk" in row
    assert "100" in row and "awaiting review" in row
    assert "75" in _row(page, w.percent.code) and "on track" in _row(page, w.percent.code)


def test_the_history_shows_approved_narratives_and_the_reviewer_to_viewers(
    client, login, make_user, rw
):
    w, _ = rw
    login(make_user("viewer"))
    page = client.get(f"/projects/{w.project.id}").get_data(as_text=True)
    summer = _history(page, "2019Q3")
    assert "approved" in summer and "Summer narrative" in summer
    assert "Well documented, thank you" in summer and "reviewer" in summer
    assert "2019-10-21" in summer  # approved the day after submission
    assert "Autumn pending" not in page and "Winter draft words" not in page
    assert "submitted" in _history(page, "2019Q4")
    assert 'data-report="2020Q1"' not in page  # a draft is the entity's own business
    assert "/reports/2019Q3" not in page  # viewers have no report page


def test_the_focal_point_also_reads_drafts_and_links_to_reports(client, login, make_user, rw):
    w, _ = rw
    login(make_user("focal_point", "UNODC"))
    page = client.get(f"/projects/{w.project.id}").get_data(as_text=True)
    assert "Winter draft words" in _history(page, "2020Q1")
    assert "Autumn pending" in _history(page, "2019Q4")
    assert f"/projects/{w.project.id}/reports/2019Q3" in _history(page, "2019Q3")


def test_a_confidential_need_code_in_a_comment_is_hidden_from_viewers(
    client, login, make_user, rw, db_session
):
    import datetime as dt

    from tests.app.results_data import _review

    w, reports = rw
    db_session.add(
        CtedNeed(
            code="CTED-SECRET-1", member_state="KEN", assessment_date=dt.date(2018, 1, 1),
            pillar_code="II", thematic_area="Borders", description="x", confidential=True,
        )
    )  # fmt: skip
    _review(db_session, make_user("reviewer"), reports["2019Q3"], "approve", "Meets CTED-SECRET-1")
    db_session.commit()
    login(make_user("viewer"))
    page = client.get(f"/projects/{w.project.id}").get_data(as_text=True)
    assert "CTED-SECRET-1" not in page and "a confidential CTED need" in page
