"""The words a report uses for the state it shows and the baseline it compares with."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from reports.content import PortfolioState
from reports.formatting import fmt_long_date
from reports.pdf.quarterly import render_quarterly
from tests.reports.pdftext import pages_text
from tests.reports.sample import sample_quarterly

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))
labels = st.text(min_size=1, max_size=40).filter(lambda t: t.strip() == t and t)


@given(labels, days)
def test_a_frozen_state_names_its_baseline_and_date(label: str, day: dt.date) -> None:
    state = PortfolioState(label, day)
    assert state.describe() == f"portfolio from baseline '{label}', as of {fmt_long_date(day)}"
    assert f"'{label}'" in state.name() and fmt_long_date(day) in state.name()


@given(days)
def test_the_live_state_says_today_never_a_past_quarter(day: dt.date) -> None:
    assert PortfolioState(None, day).describe() == f"live portfolio, today ({fmt_long_date(day)})"


@given(days)
def test_long_date_reads_day_month_year(day: dt.date) -> None:
    text = fmt_long_date(day)
    assert text.split(" ")[0] == str(day.day) and text.endswith(str(day.year))
    assert dt.datetime.strptime(text, "%d %B %Y").date() == day


@given(days, days, labels)
def test_change_column_names_the_compared_baseline(mine: dt.date, other: dt.date, label: str):
    report = replace(
        sample_quarterly(annex_size=0), as_of=mine, state=PortfolioState("x", mine),
        compared_with=PortfolioState(label, other),
    )  # fmt: skip
    header = report.change_header
    assert header is not None and header.endswith(PortfolioState(label, other).name())
    assert header.startswith("Change since" if other <= mine else "Difference from")
    assert replace(report, compared_with=None).change_header is None


def test_pdf_cover_and_caption_name_the_state_and_the_comparison() -> None:
    report = replace(
        sample_quarterly(annex_size=0),
        as_of=dt.date(2018, 8, 31),
        state=PortfolioState("2018 mapping", dt.date(2018, 8, 31)),
        compared_with=PortfolioState("2017 mapping", dt.date(2017, 8, 31)),
    )
    pages = [" ".join(p.split()) for p in pages_text(render_quarterly(report))]
    assert "portfolio from baseline '2018 mapping', as of 31 August 2018" in pages[0]
    assert "portfolio from baseline '2017 mapping', as of 31 August 2017" in pages[0]
    summary = next(p for p in pages if "Executive summary" in p and "Figure" in p)
    assert "Change since '2017 mapping' (31 August 2017)" in summary
