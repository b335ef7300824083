"""Building blocks: escaping, wrapping choices, narratives, formatting."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Paragraph

from reports.content import (
    CoverageRow,
    EntityFunding,
    GenderSection,
    GenderShare,
    NeedCoverageSection,
)
from reports.formatting import fmt_millions, fmt_pct, fmt_value
from reports.pdf.blocks import cell, markup, narrative, para
from reports.pdf.styles import CJK_FONT


def test_markup_escapes_tags_and_ampersands() -> None:
    assert markup('<img src="/etc/passwd"/> a < b & c') == (
        '&lt;img src="/etc/passwd"/&gt; a &lt; b &amp; c'
    )


def test_paragraph_plain_text_is_the_input() -> None:
    text = '<font color="red">x</font> & <b>y</b>'
    assert para(text).getPlainText() == text


def test_chinese_runs_get_the_cjk_font_and_cjk_wrapping() -> None:
    p = para("Pillar I 消除恐怖主义")
    assert f'name="{CJK_FONT}"' in p.text
    assert p.style.wordWrap == "CJK"


def test_short_cells_stay_plain_and_long_words_wrap_anywhere() -> None:
    assert cell("UNOCT", 60) == "UNOCT"
    long = cell("x" * 5000, 60)
    assert isinstance(long, Paragraph) and long.style.wordWrap == "CJK"
    normal = cell("a fairly long project title that will need two lines", 60)
    assert isinstance(normal, Paragraph) and normal.style.wordWrap is None


def test_narrative_splits_paragraphs_and_keeps_line_breaks() -> None:
    flows = narrative("first line\nsecond <line>\n\nnext paragraph")
    assert len(flows) == 2
    assert "first line<br/>second &lt;line&gt;" in flows[0].text


def test_number_formats() -> None:
    assert fmt_value(Decimal("684.2")) == "684.2"
    assert fmt_value(Decimal("1040")) == "1,040"
    assert fmt_value(None) == "\u2013"
    assert fmt_pct(Decimal("86.66")) == "87 %"
    assert fmt_millions(Decimal("41500000")) == "US$ 41.5 million"


def test_shortfall_never_negative() -> None:
    assert EntityFunding("X", Decimal(10), Decimal(4)).shortfall == Decimal(6)
    assert EntityFunding("X", Decimal(10), Decimal(12)).shortfall == Decimal(0)


def test_confidential_row_is_a_count_only() -> None:
    total = CoverageRow("All", 10, 5)
    cov = NeedCoverageSection(total, confidential_needs=3, confidential_covered=1)
    assert cov.confidential_row == CoverageRow("Confidential (3)", 3, 1)
    assert NeedCoverageSection(CoverageRow("All", 1, 1)).confidential_row is None


def test_gender_share_toward_target() -> None:
    section = GenderSection(
        [
            GenderShare("GEN-0", "none", 1, Decimal(85)),
            GenderShare("GEN-2", "significant", 1, Decimal(15), counts_toward_target=True),
        ]
    )
    assert section.toward_target_pct == Decimal(15)
    assert GenderSection([]).toward_target_pct is None
