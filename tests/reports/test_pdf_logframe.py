"""The pillar's outcomes table: every text shown whole and escaped, long texts wrap and split
across pages, Chinese set in its font, and a pillar without outcomes shows no table."""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from reports.logframe import NOT_WRITTEN, OutcomeLine
from reports.pdf.quarterly import render_quarterly
from tests.reports.pdftext import pages_text, squash
from tests.reports.sample import sample_quarterly

HOSTILE = '<font color="red">a < b & c</font> 边境管理'


def _with(outcomes: list[OutcomeLine]) -> bytes:
    report = sample_quarterly(annex_size=2)
    first, *rest = report.pillars
    return render_quarterly(replace(report, pillars=[replace(first, outcomes=outcomes), *rest]))


def test_the_outcomes_table_shows_every_text_escaped_and_whole() -> None:
    long_text = " ".join(f"risk{n}" for n in range(300))  # about 2,000 characters
    outcomes = [
        OutcomeLine("OC-I-1", "Communities are engaged", HOSTILE, "Annual survey"),
        OutcomeLine("OC-I-2", "Youth lead prevention", long_text, ""),
    ]
    pages = "".join(pages_text(_with(outcomes)))
    text = squash(pages)
    assert squash("Pillar I: outcomes") in text
    assert squash(HOSTILE) in text  # the markup is shown as typed, never applied
    assert squash(NOT_WRITTEN) in text
    # the long text is shown whole and in order, even where its row splits across pages
    assert [int(n) for n in re.findall(r"risk(\d+)", pages)] == list(range(300))


def test_a_pillar_without_outcomes_has_no_outcomes_table() -> None:
    text = squash("".join(pages_text(_with([]))))
    assert squash("Pillar I: outcomes") not in text


@given(st.text(max_size=50), st.text(max_size=50))
def test_columns_show_each_text_or_say_it_is_not_written(risks: str, means: str) -> None:
    shown = OutcomeLine("OC", "Statement", risks, means).columns()
    assert shown == (risks or NOT_WRITTEN, means or NOT_WRITTEN)
    assert all(shown)  # a row never has an empty cell
