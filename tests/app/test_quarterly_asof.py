"""The quarterly report tells the truth about its date, its scope and its comparison.

The portfolio is the Working Group's published one: 317 projects frozen as "2018 mapping" as of
31 August 2018, then the 2019 file imported and frozen as "2019 mapping" as of 31 August 2019.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from app.figures.baseline_report import baseline_report, live_report
from app.models.baselines import Baseline, BaselineLink, BaselineProject
from app.quarterly.build import build_quarterly
from app.quarterly.services import render_pdf
from tests.app.published import needs_rows, rows_2018, rows_2019, to_csv
from tests.app.test_published_figures import run

TODAY = dt.date(2026, 12, 2)
MILLION = Decimal(1_000_000)


def flat(data: bytes, pages: int | None = None) -> str:
    """Return the PDF's text (the first pages only when asked) with white space squeezed."""
    found = PdfReader(io.BytesIO(data)).pages[:pages]
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in found))


def headline(report, label: str) -> str:
    return next(h for h in report.headlines if h.label.startswith(label)).value


def change(report, label: str) -> str | None:
    return next(h for h in report.headlines if h.label.startswith(label)).change_since_previous


@pytest.fixture
def mapped(app, db_session, tmp_path):
    """Import 2018 and freeze it as of 2018-08-31, import 2019 and freeze it as of 2019-08-31."""
    runner = app.test_cli_runner()
    for name, rows in (("needs", needs_rows()), ("p2018", rows_2018()), ("p2019", rows_2019())):
        (tmp_path / f"{name}.csv").write_text(to_csv(rows), encoding="utf-8")
    run(runner, "import-needs", str(tmp_path / "needs.csv"))
    run(runner, "import-projects", str(tmp_path / "p2018.csv"))
    run(runner, "snapshot", "create", "2018 mapping", "--as-of", "2018-08-31")
    run(runner, "import-projects", str(tmp_path / "p2019.csv"))
    run(runner, "snapshot", "create", "2019 mapping", "--as-of", "2019-08-31")
    return db_session


def millions(amount) -> str:
    return f"{Decimal(str(amount)) / MILLION:,.1f}"


def test_2018q3_report_shows_the_2018_baseline_and_names_it(mapped) -> None:
    frozen, live = baseline_report(mapped, "2018 mapping"), live_report(mapped)
    assert frozen["projects"] != live["projects"]  # the test means something
    report = build_quarterly(mapped, "2018Q3", today=TODAY)
    assert headline(report, "Projects") == f"{frozen['projects']:,}" == "317"
    assert headline(report, "Budget") == millions(frozen["budget_usd"]["total"])
    assert headline(report, "Budget") != millions(live["budget_usd"]["total"]) == "522.3"
    assert report.state is not None and report.state.baseline == "2018 mapping"
    assert report.as_of == dt.date(2018, 8, 31)
    annexed = {a.code for a in report.annex}
    assert len(annexed) == 317 and "R-0000" in annexed  # a project cancelled since 2018
    cover = flat(render_pdf(mapped, "2018Q3", None, draft=True), pages=3)
    assert "portfolio from baseline '2018 mapping', as of 31 August 2018" in cover
    assert "30 September 2018" not in cover and "2018-09-30" not in cover
    assert "314" not in cover.split("Executive summary")[-1].split("Implementing")[0]


def test_2019q3_report_shows_the_2019_baseline(mapped) -> None:
    report = build_quarterly(mapped, "2019Q3", today=TODAY)
    assert headline(report, "Projects") == "314"
    assert report.state is not None and report.state.baseline == "2019 mapping"


def test_close_baseline_wins_over_one_inside_the_quarter(mapped, tmp_path, app) -> None:
    rows = rows_2019()
    rows[0]["status"] = "cancelled"
    (tmp_path / "later.csv").write_text(to_csv(rows), encoding="utf-8")
    runner = app.test_cli_runner()
    run(runner, "import-projects", str(tmp_path / "later.csv"))
    run(runner, "snapshot", "create", "2019Q3 close", "--as-of", "2019-09-30")
    report = build_quarterly(mapped, "2019Q3", today=TODAY)
    assert report.state is not None and report.state.baseline == "2019Q3 close"
    assert headline(report, "Projects") == "313" and report.as_of == dt.date(2019, 9, 30)


def test_past_quarter_without_frozen_state_says_live_today(mapped) -> None:
    report = build_quarterly(mapped, "2020Q1", today=TODAY)
    assert report.state is not None and report.state.baseline is None
    assert report.as_of == TODAY
    assert report.state.describe() == "live portfolio, today (2 December 2026)"
    text = flat(render_pdf(mapped, "2020Q1", None, draft=True), pages=3)
    assert "live portfolio, today" in text
    assert "31 March 2020" not in text and "2020-03-31" not in text


def test_entity_coverage_counts_the_needs_its_projects_link(mapped) -> None:
    baseline_id = mapped.scalar(select(Baseline.id).where(Baseline.label == "2019 mapping"))
    linked = mapped.scalar(
        select(func.count(func.distinct(BaselineLink.need_code)))
        .join(
            BaselineProject,
            (BaselineProject.baseline_id == BaselineLink.baseline_id)
            & (BaselineProject.code == BaselineLink.project_code),
        )
        .where(
            BaselineLink.baseline_id == baseline_id,
            BaselineProject.entity == "UNODC",
            BaselineProject.status != "cancelled",
        )
    )
    compact = build_quarterly(mapped, "2019Q3", today=TODAY)
    report = build_quarterly(mapped, "2019Q3", entity="UNODC", today=TODAY)
    assert compact.coverage is not None and report.coverage is not None
    assert 0 < linked < compact.coverage.total.covered  # the test tells the two apart
    assert report.coverage.total.covered == linked
    assert report.coverage.total.needs == compact.coverage.total.needs  # every CTED need
    assert "Compact-wide" in report.coverage.total.label
    assert report.coverage.entity == "UNODC"
    text = flat(render_pdf(mapped, "2019Q3", "UNODC", draft=True))
    assert f"{linked} of the 552 technical assistance needs identified by CTED (all needs" in text
    assert "answered by at least one of UNODC's projects" in text
    assert sum(r.covered for r in report.coverage.by_pillar) == linked
    assert headline(report, "CTED needs addressed by UNODC") == str(linked)
    share = next(h for h in report.headlines if h.label.startswith("Share of all CTED needs"))
    assert "Compact-wide" in share.label
    assert headline(report, "Projects") == str(
        sum(1 for r in rows_2019() if r["entity"] == "UNODC" and r["status"] != "cancelled")
    )


def test_entity_that_links_no_need_addresses_none(db_session) -> None:
    from tests.app import factories

    needs = [factories.need(db_session, f"N-{i}") for i in range(3)]
    factories.project(db_session, "UNODC-1")
    factories.project(db_session, "UNOCT-1", entity="UNOCT", needs=needs)
    report = build_quarterly(db_session, "2019Q3", entity="UNODC", today=TODAY)
    assert report.coverage is not None and report.coverage.total.covered == 0
    assert headline(report, "CTED needs addressed by UNODC") == "0"
    compact = build_quarterly(db_session, "2019Q3", today=TODAY)
    assert compact.coverage is not None and compact.coverage.total.covered == 3


def test_default_comparison_is_the_previous_quarters_close(mapped) -> None:
    # 2019Q2 has no close baseline: no change column, and none claims to be "since 2019Q2"
    # while it compares with the 2018 mapping.
    summary = flat(render_pdf(mapped, "2019Q3", None, draft=True), pages=3)
    assert "Change since 2019Q2" not in summary and "Change since" not in summary
    assert "the previous quarter has no close baseline" in summary
    report = build_quarterly(mapped, "2019Q3", today=TODAY)
    assert report.compared_with is None and report.change_header is None
    assert all(h.change_since_previous is None for h in report.headlines)
    assert all(h.change_since_baseline is None for h in report.headlines)


def test_chosen_comparison_names_its_baseline_and_date(mapped) -> None:
    report = build_quarterly(mapped, "2019Q3", today=TODAY, compare="2018 mapping")
    assert report.change_header == "Change since '2018 mapping' (31 August 2018)"
    assert change(report, "Projects") == "-3"
    old = baseline_report(mapped, "2018 mapping")["budget_usd"]["total"]
    assert change(report, "Budget") == f"+{millions(Decimal('522300000') - Decimal(str(old)))}"
    summary = flat(render_pdf(mapped, "2019Q3", None, True, compare="2018 mapping"), pages=3)
    assert "Change since '2018 mapping' (31 August 2018)" in summary
    reverse = build_quarterly(mapped, "2018Q3", today=TODAY, compare="2019 mapping")
    assert reverse.change_header == "Difference from '2019 mapping' (31 August 2019)"
    assert change(reverse, "Projects") == "+3"


def test_command_takes_compare_and_refuses_an_unknown_label(mapped, app, tmp_path) -> None:
    runner = app.test_cli_runner()
    out = tmp_path / "q.pdf"
    args = ["report", "quarterly", "--period", "2019Q3", "--out", str(out)]
    result = runner.invoke(args=[*args, "--compare", "2018 mapping"])
    assert result.exit_code == 0, result.output
    assert "Change since '2018 mapping' (31 August 2018)" in flat(out.read_bytes(), pages=3)
    bad = runner.invoke(args=[*args, "--compare", "nope"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    lines = bad.output.strip().splitlines()
    assert len(lines) == 1 and "nope" in lines[0]


def test_issue_with_an_unknown_comparison_freezes_nothing(mapped, app, tmp_path) -> None:
    runner = app.test_cli_runner()
    out = tmp_path / "q.pdf"
    args = ["report", "quarterly", "--period", "2019Q3", "--out", str(out), "--issue"]
    bad = runner.invoke(args=[*args, "--compare", "nope"])
    assert bad.exit_code == 1 and len(bad.output.strip().splitlines()) == 1
    assert mapped.scalar(select(func.count()).select_from(Baseline)) == 2 and not out.exists()
    good = runner.invoke(args=[*args, "--compare", "2018 mapping"])
    assert good.exit_code == 0, good.output
    text = flat(out.read_bytes(), pages=3)
    assert "portfolio from baseline '2019Q3 close', as of 30 September 2019" in text
    assert "Change since '2018 mapping' (31 August 2018)" in text
