"""Defects of the baseline report and comparison, measured through the command line, the
downloads and the quarterly build: each test here failed before the one-model rewrite."""

from __future__ import annotations

import json
from decimal import Decimal

from app.quarterly.build import build_quarterly
from tests.app import factories
from tests.app.published import run
from tests.reports.pdftext import body_text, pages_text, squash

NEW, OLD = "2019 mapping", "2018 mapping"


def test_change_in_needs_addressed_is_the_same_everywhere(published_db, db_session):
    report = json.loads(
        run(published_db, "report", "baseline", NEW, "--compare", OLD, "--format", "json")
    )
    other = json.loads(run(published_db, "report", "baseline", OLD, "--format", "json"))
    change = report["cted_needs"]["addressed"] - other["cted_needs"]["addressed"]
    assert change == 6  # 105 needs linked in 2019, 99 in 2018
    assert report["compare"]["delta"]["cted_needs_addressed"] == change


def test_comparison_pdf_shows_changes_on_its_first_pages(published_db, tmp_path):
    out = tmp_path / "cmp.pdf"
    run(published_db, "report", "baseline", NEW, "--compare", OLD, "--format", "pdf",
        "--out", str(out))  # fmt: skip
    pages = pages_text(out.read_bytes())
    first = next(p for p in pages if "Headline figures" in p)
    assert "Change since 2018 mapping (as of 31 August 2018)" in " ".join(first.split())
    assert "-3" in first and "\u2013" not in first.split("Headline figures")[1]


def test_reversing_the_comparison_reverses_every_sign(published_db):
    forward = json.loads(
        run(published_db, "report", "baseline", NEW, "--compare", OLD, "--format", "json")
    )["compare"]
    reverse = json.loads(
        run(published_db, "report", "baseline", OLD, "--compare", NEW, "--format", "json")
    )["compare"]
    assert (forward["added"], forward["removed"], forward["delta"]["projects"]) == (19, 22, -3)
    assert (reverse["added"], reverse["removed"], reverse["delta"]["projects"]) == (22, 19, 3)
    assert forward["projects"] == 317 and reverse["projects"] == 314
    for key, change in forward["delta"].items():
        assert reverse["delta"][key] == -change, key
    assert reverse["status_changes"] == {
        "->".join(key.split("->")[::-1]): n for key, n in forward["status_changes"].items()
    }


def test_a_cancelled_project_is_listed_once(published_db, tmp_path):
    out = tmp_path / "cmp.pdf"
    run(published_db, "report", "baseline", NEW, "--compare", OLD, "--format", "pdf",
        "--out", str(out))  # fmt: skip
    text = squash(body_text(out.read_bytes()))
    row = "R-0000ProjectR-0000"  # code and title
    assert text.count(row) == 1  # removed (cancelled), not again as a status change
    assert text.index(row) < text.index("R-0001ProjectR-0001") < text.index("R-0021Project")


def test_quarterly_gender_target_counts_marker_three_only(db_session):
    """Paragraph 67's target is for projects whose principal objective is gender equality."""
    factories.project(db_session, "G2", gender_marker=2, budget_usd="600")
    factories.project(db_session, "G3", gender_marker=3, budget_usd="200")
    factories.project(db_session, "G0", gender_marker=0, budget_usd="200")
    report = build_quarterly(db_session, "2019Q3")
    assert report.gender is not None
    assert [s.marker for s in report.gender.shares if s.counts_toward_target] == ["GEN-3"]
    assert report.gender.toward_target_pct == Decimal("20.0")
    assert report.gender.marker_pct("GEN-2") == Decimal("60.0")


def test_quarterly_appeal_uses_the_contract_definition(db_session):
    """The appeal's text and table count the portfolio's appeal projects, any status."""
    for code, status in (("M1", "ongoing"), ("M2", "completed"), ("M3", "cancelled")):
        factories.project(db_session, code, in_multi_year_appeal=True, status=status)
    report = build_quarterly(db_session, "2019Q3")
    assert report.funding.appeal is not None
    assert report.funding.appeal.project_count == 2
    assert sum(r.mya_count for r in report.funding.rows) == 2
    assert report.funding.appeal.requirement == Decimal(200)
