"""The quarterly PDF from the database: figures, approved values only, text, issued copies."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from app.errors import DomainError
from app.quarterly.build import build_quarterly
from app.quarterly.services import TamperedReport, issue_report, render_pdf, verified_content
from indicators.types import AchievementStatus
from tests.app import factories
from tests.app.tamper import tamper

HOSTILE = '<img src="/etc/passwd"/> a < b & c $5m and $3m <font color="red">x</font>'
MARKER = "CANARY-5b1e-confidential"


def pdf_text(data: bytes) -> str:
    """Return the text of every page, with white space removed (wrapping splits lines)."""
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


@pytest.fixture
def quarter(db_session):
    secret = factories.need(
        db_session, "N-SECRET", confidential=True, description=MARKER, thematic_area=MARKER[:20]
    )
    project = factories.project(
        db_session,
        "UNODC-0001",
        title=HOSTILE,
        pillar_code="II",
        budget_usd="2000000",
        funded_usd="500000",
        needs=[secret],
    )
    factories.project(db_session, "UNOCT-0002", entity="UNOCT", pillar_code="I")
    trained = factories.indicator(db_session, project, "IND-TRAINED", name="Officers trained")
    share = factories.indicator(
        db_session,
        project,
        "IND-SHARE",
        measure="percentage",
        name="Share of women trained",
        life_target=Decimal(50),
    )
    q2, q3 = factories.period(db_session, "2019Q2"), factories.period(db_session, "2019Q3")
    factories.report(db_session, project, q2, values={trained: 30, share: (10, 40)})
    factories.report(
        db_session,
        project,
        q3,
        narrative="Trained " + HOSTILE,
        values={trained: 50, share: (30, 60)},
        highlight=True,  # the reviewer chose it for the quarterly report
    )
    return db_session


def test_indicator_rows_use_approved_values_and_cumulation(quarter) -> None:
    report = build_quarterly(quarter, "2019Q3", entity="UNODC")
    rows = {r.code: r for section in report.pillars for r in section.rows}
    assert rows["IND-TRAINED"].actual == 80  # non-cumulative: the periods add up
    assert rows["IND-SHARE"].actual == Decimal(40)  # (10 + 30) / (40 + 60), never 25 + 50
    # No period target: the life target is the yardstick; 80 of 100 is at risk (50-85 %).
    assert rows["IND-TRAINED"].status is AchievementStatus.AT_RISK


def test_compact_wide_report_rolls_output_indicators_up(quarter) -> None:
    report = build_quarterly(quarter, "2019Q3")
    rows = {(r.code, r.unit, r.members): r for section in report.pillars for r in section.rows}
    number = rows[("Pillar II", "people", "1 output indicator of pillar II, no outcome, summed")]
    assert (number.actual, number.life_target, number.baseline) == (80, 100, 0)
    assert number.status is AchievementStatus.AT_RISK
    assert number.name == "Officers trained (people), 1 project"
    share = next(r for (code, _, members), r in rows.items() if "numerator" in members)
    # One member: its own life target, weighted by its denominator (never a sum of percentages).
    assert share.actual == Decimal(40) and share.life_target == Decimal(50)
    assert not any(code.startswith("IND-") for code, _, _ in rows)


def test_pdf_carries_figures_rows_and_text_literally(quarter) -> None:
    data = render_pdf(quarter, "2019Q3", None, draft=True)
    found = pdf_text(data)
    assert squash("Quarterly report 2019Q3") in found
    assert squash("Officers trained (people), 1 project") in found
    assert squash("1 output indicator of pillar II, no outcome, summed") in found
    entity = pdf_text(render_pdf(quarter, "2019Q3", "UNODC", draft=True))
    assert "IND-TRAINED" in entity and "IND-SHARE" in entity
    assert squash("Trained " + HOSTILE) in found  # the narrative, verbatim and literal
    assert MARKER not in found and MARKER[:20] not in found
    assert found.count("DRAFT") >= len(PdfReader(io.BytesIO(data)).pages)


def test_submitted_values_are_not_counted(quarter) -> None:
    project = factories.project(quarter, "UNODC-0003")
    ind = factories.indicator(quarter, project, "IND-PENDING")
    period = quarter.execute(text("SELECT id FROM reporting_periods WHERE key='2019Q3'")).scalar()
    factories.report(
        quarter, project, type("P", (), {"id": period})(), status="submitted", values={ind: 70}
    )
    report = build_quarterly(quarter, "2019Q3", entity="UNODC")
    rows = {r.code: r for s in report.pillars for r in s.rows}
    assert rows["IND-PENDING"].actual is None
    assert rows["IND-PENDING"].pending == "70"  # shown apart, labelled by the renderer


def test_quarter_without_a_period_is_reported_as_such(quarter) -> None:
    report = build_quarterly(quarter, "2020Q1")
    assert report.no_progress_note and "no progress was reported" in report.no_progress_note


def test_entity_report_lists_its_projects_status(quarter) -> None:
    report = build_quarterly(quarter, "2019Q3", entity="UNOCT")
    # 2019Q3 was due on 2019-10-30: a report not started by now is overdue.
    assert [(r.project_code, r.status) for r in report.entity_status] == [
        ("UNOCT-0002", "not started, overdue")
    ]
    assert all(a.entity == "UNOCT" for a in report.annex)


def test_issued_report_is_served_byte_for_byte_after_live_changes(quarter) -> None:
    issued = issue_report(quarter, None, "2019Q3", None)
    original = issued.content
    assert "DRAFT" not in pdf_text(original)
    quarter.execute(text("UPDATE projects SET budget_usd = 1, funded_usd = 0"))
    assert verified_content(issued) == original
    with pytest.raises(DomainError, match="issued already"):
        issue_report(quarter, None, "2019Q3", None)


def test_tampered_issued_report_is_refused(quarter) -> None:
    issued = issue_report(quarter, None, "2019Q3", None)
    tamper(quarter, "issued_reports", "UPDATE issued_reports SET content = :c", c=b"%PDF-forged")
    quarter.expire_all()
    with pytest.raises(TamperedReport):
        verified_content(issued)


def test_report_quarterly_command(app, quarter, tmp_path) -> None:
    out = tmp_path / "q.pdf"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["report", "quarterly", "--period", "2019Q3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    bad = runner.invoke(args=["report", "quarterly", "--period", "2019-Q3", "--out", str(out)])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    unknown = runner.invoke(
        args=["report", "quarterly", "--period", "2019Q3", "--entity", "XX", "--out", str(out)]
    )
    assert unknown.exit_code == 1 and "no Compact entity" in unknown.output
