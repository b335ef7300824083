"""Quarterly indicator rows a delegate can check: the target shown is the one assessed, roll-ups
named by what they add up, qualitative text, percentages, reasons, the IPTT, the methods page."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.models.logframe import Indicator, IndicatorTarget
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.quarterly.build import build_quarterly
from app.quarterly.services import render_pdf
from indicators import achievement as rules
from indicators.types import AchievementStatus
from reports.content import IndicatorLine, QuarterlyReport, SummaryFigure
from reports.pdf.blocks import headline_table
from tests.app import factories

D = Decimal


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


def targets(session, indicator, **by_key: int) -> None:  # type: ignore[no-untyped-def]
    for key, target in by_key.items():
        session.add(IndicatorTarget(indicator_id=indicator.id, period_key=key, target=D(target)))
    session.flush()


def rows_of(report: QuarterlyReport) -> list[IndicatorLine]:
    return [r for section in report.pillars for r in section.rows]


@pytest.fixture
def portfolio(db_session):  # type: ignore[no-untyped-def]
    """Two projects of pillar II: a count per quarter and a running total, both "people"."""
    one = factories.project(db_session, "UNODC-0001")
    two = factories.project(db_session, "UNOCT-0002", entity="UNOCT")
    trained = factories.indicator(
        db_session, one, "IND-TRAINED", name="Officials trained", life_target=D(120)
    )
    total = factories.indicator(
        db_session, two, "IND-TOTAL", name="Officials trained", cumulation="cumulative_sum"
    )
    targets(db_session, trained, **{"2019Q2": 30, "2019Q3": 60})  # to date: 90, this quarter 60
    targets(db_session, total, **{"2019Q2": 30, "2019Q3": 60})  # to date: the latest, 60
    q2, q3 = factories.period(db_session, "2019Q2"), factories.period(db_session, "2019Q3")
    factories.report(db_session, one, q2, values={trained: 30})
    factories.report(db_session, one, q3, values={trained: 50})
    factories.report(db_session, two, q2, values={total: 20})
    factories.report(db_session, two, q3, values={total: 45})
    return db_session


def _recomputed(row: IndicatorLine) -> Decimal | None:
    ratio = rules.achievement(row.actual, row.baseline, row.target_to_date)
    return None if ratio is None else ratio * 100


def test_every_achievement_is_computed_against_the_target_shown(portfolio) -> None:
    for entity in (None, "UNODC"):
        rows = rows_of(build_quarterly(portfolio, "2019Q3", entity=entity))
        assert rows
        for row in rows:
            assert row.achievement_pct == _recomputed(row), row.code
    single = {r.code: r for r in rows_of(build_quarterly(portfolio, "2019Q3", entity="UNODC"))}
    trained = single["IND-TRAINED"]
    assert (trained.target_to_date, trained.life_target, trained.actual) == (90, 120, 80)
    assert trained.target_basis == "to date"


def test_roll_up_shows_the_summed_targets_to_date_it_assesses(portfolio) -> None:
    (row,) = rows_of(build_quarterly(portfolio, "2019Q3"))
    # 90 (30 + 60, a count per quarter) + 60 (a running total's latest target); the quarter's
    # own targets add up to 120, which is not what the achievement is computed against.
    assert row.target_to_date == 150 and row.actual == 80 + 45
    assert row.achievement_pct == D(125) / D(150) * 100
    data = render_pdf(portfolio, "2019Q3", None, draft=True)
    text = pdf_text(data)
    assert squash("Target to date") in text and squash("Life target") in text
    assert "Target(period)" not in text


def test_roll_up_is_named_by_what_it_adds_up(portfolio) -> None:
    (row,) = rows_of(build_quarterly(portfolio, "2019Q3"))
    assert row.name == "Officials trained (people), 2 projects"
    text = pdf_text(render_pdf(portfolio, "2019Q3", None, draft=True))
    assert squash("Officials trained (people), 2 projects") in text
    assert "Outputindicatorsofthisoutcome" not in text
    assert "Outputindicatorsnotlinked" not in text


def test_a_later_quarters_approved_value_never_reaches_an_earlier_report(portfolio) -> None:
    one = factories.project(portfolio, "UNODC-0003")
    later = factories.indicator(portfolio, one, "IND-LATER", name="Later", measure="qualitative")
    q4 = factories.period(portfolio, "2019Q4")
    early = factories.period(portfolio, "2019Q1")
    factories.report(portfolio, one, early, values={})
    factories.report(portfolio, one, q4, values={})

    def text_value(period, text: str) -> None:  # type: ignore[no-untyped-def]
        report = portfolio.query(ProgressReport).filter_by(project_id=one.id, period_id=period.id)
        portfolio.add(IndicatorValue(report_id=report.one().id, indicator_id=later.id, text=text))

    text_value(early, "Strategy drafted")
    text_value(q4, "Strategy adopted in 2019Q4")
    trained = portfolio.query(Indicator).filter_by(code="IND-TRAINED").one()
    project = portfolio.query(Project).filter_by(code="UNODC-0001").one()
    factories.report(portfolio, project, q4, values={trained: 1000})
    portfolio.flush()
    rows = {r.code: r for r in rows_of(build_quarterly(portfolio, "2019Q3", entity="UNODC"))}
    assert rows["IND-TRAINED"].actual == 80  # the 2019Q4 value of 1000 is not counted
    assert rows["IND-LATER"].latest_text == "Strategy drafted"
    assert [c.actual for c in rows["IND-TRAINED"].iptt] == [None, None, 30, 80]
    text = pdf_text(render_pdf(portfolio, "2019Q3", "UNODC", draft=True))
    assert "2019Q4" not in text and squash("Strategy drafted") in text


def test_qualitative_rows_quote_their_latest_approved_text(portfolio) -> None:
    project = factories.project(portfolio, "UNODC-0004")
    ind = factories.indicator(portfolio, project, "IND-LAW", name="Law", measure="qualitative")
    for key, status, text in (
        ("2019Q2", "approved", "Bill drafted"),
        ("2019Q3", "submitted", "Bill passed (not yet approved)"),
    ):
        found = portfolio.query(ReportingPeriod).filter_by(key=key).one()
        report = factories.report(portfolio, project, found, status=status)
        portfolio.add(IndicatorValue(report_id=report.id, indicator_id=ind.id, text=text))
    portfolio.flush()
    single = {r.code: r for r in rows_of(build_quarterly(portfolio, "2019Q3", entity="UNODC"))}
    assert single["IND-LAW"].latest_text == "Bill drafted"
    rolled = [
        r for r in rows_of(build_quarterly(portfolio, "2019Q3")) if r.measure == "qualitative"
    ]
    assert [r.latest_text for r in rolled] == ["Bill drafted"]
    assert rolled[0].text_source and "IND-LAW" in rolled[0].text_source
    text = pdf_text(render_pdf(portfolio, "2019Q3", None, draft=True))
    assert squash("Bill drafted") in text and "Billpassed" not in text
    assert squash("Not scored (text)") in text


def test_roll_up_with_a_member_not_reporting_is_assessed_on_the_others(portfolio) -> None:
    silent = factories.project(portfolio, "UNODC-0005")
    quiet = factories.indicator(portfolio, silent, "IND-QUIET", name="Officials trained")
    targets(portfolio, quiet, **{"2019Q3": 500})
    (row,) = rows_of(build_quarterly(portfolio, "2019Q3"))
    assert row.status is not AchievementStatus.NOT_ASSESSED
    assert row.target_to_date == 150  # the silent indicator's 500 is not counted against it
    assert row.members and "1 not counted" in row.members
    assert row.name.endswith("2 projects")


def test_percentage_roll_up_weights_targets_by_denominators(db_session) -> None:
    q3 = factories.period(db_session, "2019Q3")
    parts = []
    for n, (den, target) in enumerate(((10, 50), (30, 70))):
        project = factories.project(db_session, f"UNODC-00{n}")
        ind = factories.indicator(
            db_session, project, f"IND-P{n}", measure="percentage", unit="%", name="Share",
            baseline_value=D(40), life_target=D(80),
        )  # fmt: skip
        targets(db_session, ind, **{"2019Q3": target})
        parts.append((project, ind, den))
    for project, ind, den in parts:
        factories.report(db_session, project, q3, values={ind: (den // 2, den)})
    (row,) = rows_of(build_quarterly(db_session, "2019Q3"))
    assert row.actual == D(50)  # (5 + 15) / (10 + 30)
    assert row.target_to_date == D(65)  # (50 * 10 + 70 * 30) / 40, not 50 + 70 nor their mean
    assert row.baseline == D(40) and row.status is AchievementStatus.OFF_TRACK
    text = pdf_text(render_pdf(db_session, "2019Q3", None, draft=True))
    assert squash("50.0\u00a0%") in text or squash("50.0 %") in text


def test_methods_page_prints_the_thresholds_in_force(portfolio, monkeypatch) -> None:
    text = pdf_text(render_pdf(portfolio, "2019Q3", None, draft=True))
    on_track = f"{(rules.ON_TRACK_FROM * 100).normalize():f}"
    at_risk = f"{(rules.AT_RISK_FROM * 100).normalize():f}"
    assert squash(f"On track: achievement of {on_track} % or more") in text
    assert squash(f"At risk: achievement of {at_risk} % or more, below {on_track} %") in text
    monkeypatch.setattr(rules, "ON_TRACK_FROM", D("0.9"))
    moved = pdf_text(render_pdf(portfolio, "2019Q3", None, draft=True))
    assert squash("On track: achievement of 90 % or more") in moved  # read, not copied
    assert squash("approved values only").lower() in moved.lower()
    assert "numeratorsanddenominators" in moved


def test_iptt_tracks_the_last_four_quarters(portfolio) -> None:
    (row,) = rows_of(build_quarterly(portfolio, "2019Q3"))
    assert [c.period_key for c in row.iptt] == ["2018Q4", "2019Q1", "2019Q2", "2019Q3"]
    assert (row.iptt[-1].target, row.iptt[-1].actual) == (row.target_to_date, row.actual)
    assert (row.iptt[-2].target, row.iptt[-2].actual) == (30 + 30, 30 + 20)
    text = pdf_text(render_pdf(portfolio, "2019Q3", None, draft=True))
    assert squash("targets and actuals by quarter") in text and "2019Q2target" in text


def test_summary_never_prints_a_bare_dash_for_a_missing_change(portfolio) -> None:
    report = build_quarterly(portfolio, "2019Q3")
    assert all(h.change_since_previous is None for h in report.headlines)
    text = pdf_text(render_pdf(portfolio, "2019Q3", None, draft=True))
    for h in report.headlines:  # "Projects in the portfolio 2", never "2 –"
        assert squash(f"{h.label}{h.value}") in text, h.label
        assert squash(f"{h.label}{h.value}\u2013") not in text, h.label
    assert "nocomparison" in text.lower()  # the summary says there is none, and why


def test_a_missing_change_in_a_change_column_reads_no_comparison() -> None:
    figures = [SummaryFigure("Projects", 314, None), SummaryFigure("Entities", 13, "+1")]
    table = headline_table(figures, "2019Q2", None)
    cells = [[getattr(c, "text", c) for c in row] for row in table._cellvalues[1:]]
    assert cells == [["Projects", "314", "no comparison"], ["Entities", "13", "+1"]]


def test_a_pending_percentage_is_labelled_as_one(portfolio) -> None:
    project = factories.project(portfolio, "UNODC-0006")
    share = factories.indicator(portfolio, project, "IND-SHARE", measure="percentage", unit="%")
    period = portfolio.query(ReportingPeriod).filter_by(key="2019Q3").one()
    factories.report(portfolio, project, period, status="submitted", values={share: (2, 3)})
    rows = {r.code: r for r in rows_of(build_quarterly(portfolio, "2019Q3", entity="UNODC"))}
    assert rows["IND-SHARE"].pending == "66.7\u00a0%" and rows["IND-SHARE"].actual is None


def test_a_roll_up_with_nothing_to_count_says_so(db_session) -> None:
    factories.period(db_session, "2019Q3")
    project = factories.project(db_session, "UNODC-0007", pillar_code="IV")
    factories.indicator(db_session, project, "IND-NONE", name="Visits", unit="visits")
    (row,) = rows_of(build_quarterly(db_session, "2019Q3"))
    assert row.name == "Visits (visits), no project counted yet"
    assert row.status is AchievementStatus.NOT_ASSESSED and row.reason
    assert "approved value" in row.reason
