"""Issue 12, point 8: every font embedded, the file's metadata, and the layout rules of the PDFs."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer

from indicators.types import Pillar, ProjectStatus, Scope
from reports import fonts
from reports.chart_data import ChartData, PanelChart
from reports.charts import compact_number, grouped_bar_chart, release
from reports.content import (
    AnnexProject,
    EntityFunding,
    EntityReportStatus,
    FundingSection,
    QuarterlyReport,
)
from reports.errors import ReportError
from reports.formatting import fmt_long_date, plural
from reports.pdf import gender as gender_pdf
from reports.pdf import quarterly as quarterly_pdf
from reports.pdf import render_baseline, render_quarterly, sections
from reports.pdf import styles as s
from reports.pdf.blocks import CELL_PAD, code_cell, heading, house_table, para, text_rows
from reports.pdf.document import PageMeta, build_pdf
from tests.reports.pdftext import (
    BODY_BOTTOM,
    BODY_TOP,
    all_fonts,
    body_text,
    embedded,
    font_name,
    pages_text,
    reader,
)
from tests.reports.sample import sample_baseline, sample_entity_quarterly, sample_quarterly

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
HEX64 = "73252ce74c9c4c53b1b32eb7b14f18bcb297d25b9ef7d1c70b0045ca8ee89691"


@pytest.fixture(scope="module")
def every_pdf() -> dict[str, bytes]:
    """Render each kind of report: baseline alone, comparison, quarterly, one entity's."""
    baseline = sample_baseline()
    return {
        "baseline": render_baseline(replace(baseline, comparison=None)),
        "comparison": render_baseline(baseline),
        "quarterly": render_quarterly(sample_quarterly(annex_size=12)),
        "entity": render_quarterly(sample_entity_quarterly(draft=False)),
    }


def test_every_font_of_every_report_is_embedded(every_pdf: dict[str, bytes]) -> None:
    for kind, pdf in every_pdf.items():
        found = all_fonts(pdf)
        assert found, kind
        missing = [str(f["/BaseFont"]) for f in found if not embedded(f)]
        assert missing == [], kind
        assert all(f["/Subtype"] == "/TrueType" for f in found), kind


def test_chinese_titles_are_in_an_embedded_truetype_cjk_font(issued_pdf: bytes) -> None:
    cjk = [f for f in all_fonts(issued_pdf) if font_name(f) == s.CJK_FONT]
    assert len(cjk) == 1 and embedded(cjk[0])
    assert "/FontFile2" in cjk[0]["/FontDescriptor"].get_object()


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_lists_every_font_as_embedded(every_pdf: dict[str, bytes], tmp_path: Path) -> None:
    for kind, pdf in every_pdf.items():
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
        header, _rule, *lines = out.stdout.splitlines()
        column = header.index("emb")
        assert lines, kind
        assert [line[column : column + 3] for line in lines] == ["yes"] * len(lines), kind


def test_a_missing_font_file_stops_the_report_with_one_line(tmp_path: Path) -> None:
    before = fonts.configured()
    absent = tmp_path / "DroidSansFallbackFull.ttf"
    fonts.configure(replace(before, cjk=str(absent)))
    try:
        with pytest.raises(ReportError) as caught:
            render_quarterly(sample_quarterly(annex_size=0))
    finally:
        fonts.configure(before)
    message = str(caught.value)
    assert "\n" not in message and str(absent) in message and "fonts-droid-fallback" in message
    s.register_fonts()  # the configured fonts still work afterwards
    assert render_baseline(sample_baseline())[:5] == b"%PDF-"


def _info(pdf: bytes) -> tuple[dict[str, Any], object]:
    doc = reader(pdf)
    return dict(doc.metadata or {}), doc.trailer["/Root"].get("/Lang")


def test_metadata_names_report_period_and_scope(every_pdf: dict[str, bytes]) -> None:
    titles = {
        "baseline": "Baseline report - 2019-08",
        "comparison": "Baseline report - 2019-08",
        "quarterly": "Quarterly report 2019Q3 - Compact-wide",
        "entity": "Quarterly report 2019Q3 - UNOCT",
    }
    for kind, pdf in every_pdf.items():
        info, lang = _info(pdf)
        assert info["/Title"] == titles[kind]
        assert info["/Author"] == "UN Global Counter-Terrorism Coordination Compact"
        assert lang == "en"
        assert info["/CreationDate"] == info["/ModDate"] == "D:20191015000000+00'00'", kind
    assert "2019Q3" in _info(every_pdf["entity"])[0]["/Subject"]
    assert "UNOCT - United Nations" in _info(every_pdf["entity"])[0]["/Subject"]
    assert "live portfolio" in _info(every_pdf["comparison"])[0]["/Subject"]


def test_an_issued_report_rebuilt_is_the_same_file_dated_by_its_issue(
    issued: QuarterlyReport, issued_pdf: bytes
) -> None:
    assert render_quarterly(issued) == issued_pdf
    assert render_baseline(sample_baseline()) == render_baseline(sample_baseline())
    later = render_quarterly(replace(issued, issue_date=date(2019, 11, 2)))
    assert _info(later)[0]["/CreationDate"] == "D:20191102000000+00'00'"


def test_codes_never_break_inside_the_token(issued: QuarterlyReport) -> None:
    first = issued.pillars[0]
    long_code = "UNODC-INT-2016-02-OI-1-IND1"
    rows = [replace(first.rows[0], code=long_code), *first.rows[1:]]
    annex = [replace(p, code=f"UNESCO-GLO-2016-{n:02d}") for n, p in enumerate(issued.annex[:5])]
    report = replace(
        issued,
        pillars=[replace(first, rows=rows), *issued.pillars[1:]],
        annex=annex,
        entity_status=[EntityReportStatus("UNOCT-GLO-2015-0001", "Hub", "approved")],
    )
    text = "\n".join(pages_text(render_quarterly(report)))
    codes = ["UNOCT-GLO-2015-0001", *(p.code for p in annex)]
    codes += [r.code for section in issued.pillars for r in section.rows]
    lines = text.splitlines()
    for code in codes:  # these fit their column: whole, on one line
        assert any(code in line for line in lines), code
    # wider than the column can be: broken after a hyphen, never inside a segment
    after_hyphens = r"-\n?".join(re.escape(part) for part in long_code.split("-"))
    assert re.search(after_hyphens, text) is not None


def test_dates_read_the_un_way_everywhere(every_pdf: dict[str, bytes]) -> None:
    quarterly = "\n".join(pages_text(every_pdf["quarterly"]))
    assert ISO_DATE.search(quarterly) is None
    assert "30 September 2019" in quarterly and "15 October 2019" in quarterly
    cover = pages_text(every_pdf["baseline"])[0]
    assert ISO_DATE.search(cover) is None
    assert "31 August 2019" in cover and "3 September 2019" in cover


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_fmt_date_is_day_month_year_without_a_leading_zero(day: date) -> None:
    text = fmt_long_date(day)
    assert datetime.strptime(text, "%d %B %Y").date() == day
    assert not text.startswith("0")


def test_annex_titles_wrap_and_are_never_cut(issued: QuarterlyReport) -> None:
    title = (
        "Strengthening the legal regime against terrorism and the capacity of criminal justice "
        "officials of the Sahel and West African States to investigate, prosecute and adjudicate"
    )
    annex = [replace(p, title=title) for p in issued.annex[:3]]
    text = body_text(render_quarterly(replace(issued, annex=annex)))
    assert "\u2026" not in text
    assert re.sub(r"\s+", "", title) in re.sub(r"\s+", "", text)


def test_the_hash_is_set_in_equal_groups_and_never_leaves_a_lone_digit() -> None:
    pdf = render_baseline(replace(sample_baseline(), sha256=f"sha256:{HEX64}"))
    cover = pages_text(pdf)[0]
    shown = cover.split("SHA-256", 1)[1].split("Compared with", 1)[0].split("Headline", 1)[0]
    groups = re.findall(r"\b[0-9a-f]{1,64}\b", shown)
    assert "".join(groups) == HEX64
    assert {len(g) for g in groups} == {16}
    fonts_used = {font_name(f) for f in all_fonts(pdf)}
    assert s.MONO_FONT in fonts_used


@settings(max_examples=25, deadline=None)
@given(top=st.floats(min_value=0.3, max_value=5e9), share=st.floats(min_value=0, max_value=1))
def test_value_ticks_are_round_numbers_with_exact_labels(top: float, share: float) -> None:
    fig = grouped_bar_chart("t", ["A", "B"], {"Budget": [top, top * share]})
    ax = fig.axes[0]
    low, high = ax.get_ylim()
    ticks = [t for t in ax.get_yticks() if low - 1e-9 * high <= t <= high * (1 + 1e-9)]
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 5, 10)), ticks
    for tick in ticks:
        label = compact_number(tick)
        scale = {"B": 1e9, "M": 1e6}.get(label[-1], 1.0)
        value = float(label.rstrip("BM").replace(",", "")) * scale
        assert math.isclose(value, tick, rel_tol=1e-9, abs_tol=1e-9), (label, tick)
    release(fig)


@example(1)
@example(0)
@given(st.integers(min_value=0, max_value=10**7))
def test_plural_counts_one_in_the_singular(count: int) -> None:
    text = plural(count, "project")
    assert text == f"{count:,} project" if count == 1 else text == f"{count:,} projects"


def test_one_project_is_one_project(issued: QuarterlyReport) -> None:
    pillars = [replace(issued.pillars[0], project_count=1), *issued.pillars[1:]]
    report = replace(issued, pillars=pillars, annex=issued.annex[:1])
    text = body_text(render_quarterly(report))
    assert "1 project;" in text and "1 project." in text
    assert re.search(r"\b1 projects\b", text) is None


@settings(max_examples=60, deadline=None)
@given(
    number=st.integers(min_value=0, max_value=100),
    width=st.floats(min_value=60, max_value=300),
    words=st.integers(min_value=0, max_value=12),
)
def test_a_number_and_its_percent_sign_share_a_line(number: int, width: float, words: int) -> None:
    text = " ".join(["word"] * words + [f"{number} %", "of", "US$", "41.5", "million"])
    p = para(text)
    p.wrap(width, 1e6)
    lines = [" ".join(str(w) for w in line[1]) for line in p.blPara.lines]
    for line in lines:
        assert not line.lstrip().startswith("%"), lines
        assert not line.rstrip().endswith("US$"), lines


def test_a_heading_over_a_long_table_stays_on_its_page() -> None:
    rows = [[f"row {i}", "x"] for i in range(40)]
    widths = [200.0, 100.0]
    story = [
        Spacer(1, 400),
        heading("Long table", s.H1, 0, "t"),
        house_table(text_rows(["A", "B"], rows, widths), widths),
    ]
    first, second = pages_text(build_pdf(story, PageMeta("t", "r", "f", False)))
    assert "Long table" in first and "row 0" in first  # the first page is not left blank
    assert "row 39" in second and "A" in second  # the rest follows under a repeated header


def _captured_panels(
    monkeypatch: pytest.MonkeyPatch, by_status: dict[ProjectStatus, int]
) -> tuple[list[dict[str, dict[str, int]]], list[str]]:
    charts: list[dict[str, dict[str, int]]] = []

    def capture(data: PanelChart, **_kw: object) -> Spacer:
        charts.append(
            {p.title: dict(zip(p.labels, p.series[0][1], strict=True)) for p in data.panels}
        )
        return Spacer(1, 1)

    monkeypatch.setattr(quarterly_pdf, "chart", capture)
    section = replace(
        sample_quarterly(annex_size=0).pillars[0],
        by_scope={Scope.NATIONAL: 2, Scope.GLOBAL: 1},
        by_status=by_status,
    )
    flow = quarterly_pdf.pillar_chart(section)
    texts = [f.getPlainText() for f in flow if isinstance(f, Paragraph)]
    return charts, texts


def test_status_bars_follow_the_order_of_the_statuses(monkeypatch: pytest.MonkeyPatch) -> None:
    shuffled = {
        ProjectStatus.COMPLETED: 1,
        ProjectStatus.PIPELINE: 2,
        ProjectStatus.SUSPENDED: 3,
        ProjectStatus.ONGOING: 4,
    }
    (panels,), _ = _captured_panels(monkeypatch, shuffled)
    order = [s.value.capitalize() for s in ProjectStatus if s in shuffled]
    assert list(panels["By status"]) == order
    assert list(panels["By scope"]) == ["Global", "National"]


def test_a_one_bar_chart_becomes_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    (panels,), texts = _captured_panels(monkeypatch, {ProjectStatus.ONGOING: 3})
    assert "By status" not in panels and len(panels["By scope"]) == 2
    assert texts == ["All 3 projects are ongoing.", "By scope \u2013 Global: 1; National: 2."]
    # each a whole sentence, one translatable message (never fragments joined and capitalised)
    assert quarterly_pdf.one_bar("pipeline", 2) == "Both projects are in the pipeline."
    assert quarterly_pdf.one_bar("national", 1) == "The project is national."


def test_one_entity_or_one_marker_gets_a_table_row_not_a_chart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(data: ChartData, **_kw: object) -> Spacer:
        assert len(data.labels) > 1, f"a one-bar chart: {data.title}"
        return Spacer(1, 1)

    monkeypatch.setattr(sections, "chart", refuse)
    monkeypatch.setattr(gender_pdf, "chart", refuse)
    report = sample_entity_quarterly(draft=False)
    one = EntityFunding("UNOCT", Decimal(5_000_000), Decimal(2_000_000), 1)
    assert report.gender is not None
    gender = replace(report.gender, shares=report.gender.shares[:1])
    report = replace(report, funding=FundingSection([one]), gender=gender)
    text = body_text(render_quarterly(report))
    assert "5,000,000" in text and "GEN-0" in text


def test_the_renderer_prints_the_overdue_state_it_is_given() -> None:
    report = replace(
        sample_entity_quarterly(draft=False),
        entity_status=[
            EntityReportStatus("UNOCT-0001", "Hub", "draft"),
            EntityReportStatus("UNOCT-0002", "Border", "not started, overdue"),
        ],
    )
    text = body_text(render_quarterly(report))
    assert "Not started, overdue" in text
    assert text.count("overdue") == 1


def test_annex_columns_fit_their_widest_cell() -> None:
    projects = [
        AnnexProject(
            "UNESCO-GLO-2016-17", "A title", "UNESCO", Pillar.I, Scope.INTERREGIONAL,
            ProjectStatus.SUSPENDED, Decimal(123_456_789), Decimal(98_765_432),
        )
    ]  # fmt: skip
    texts = [sections.annex_texts(p) for p in projects]
    widths = sections.annex_widths(texts)
    assert sum(widths) <= s.FRAME_WIDTH + 0.01
    for k, text in enumerate(texts[0]):
        if k != sections.TITLE_COLUMN:
            assert sections.fits_line(text, widths[k]), (k, text)


def _wrapped_lines(p: Paragraph, width: float) -> list[str]:
    """Lay a paragraph out at this width and return the text of each line."""
    p.wrap(width, 1e6)
    out = []
    for line in p.blPara.lines:
        if hasattr(line, "words"):  # a line of fragments (markup, <br/>)
            out.append("".join(w.text for w in line.words))
        else:
            out.append(" ".join(str(w) for w in line[1]))
    return out


@given(
    parts=st.lists(st.text(alphabet="ABCDEFGHIJ0123456789", min_size=1, max_size=8), min_size=1),
    width=st.floats(min_value=30, max_value=150),
)
def test_a_code_wider_than_its_column_breaks_after_a_hyphen_only(
    parts: list[str], width: float
) -> None:
    code = "-".join(parts)
    shown = code_cell(code, width)
    if isinstance(shown, str):
        assert shown == code
        return
    lines = _wrapped_lines(shown, width - 2 * CELL_PAD)
    assert "".join(lines) == code
    whole = all(stringWidth(p + "-", s.BASE_FONT, 7.5) <= width - 2 * CELL_PAD for p in parts)
    if whole:  # a segment wider than the column is the one case left to split
        assert all(line.endswith("-") for line in lines[:-1]), lines


def test_footer_and_header_keep_the_date_and_period_whole() -> None:
    report = replace(
        sample_entity_quarterly(draft=True),
        scope_label="UNODC - United Nations Office on Drugs and Crime, Terrorism Prevention Branch",
    )
    pages = pages_text(render_quarterly(report))[1:]
    assert all("figures as of 30 September 2019" in page for page in pages)
    assert all("DRAFT \u2013 2019Q3 \u2013 UNODC" in page for page in pages)


def _body_used(pdf: bytes) -> list[float]:
    """Return, per page, the share of the body's height down to its lowest text."""
    used = []
    for page in reader(pdf).pages:
        ys: list[float] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, ys: list[float] = ys) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and BODY_BOTTOM < y < BODY_TOP:
                ys.append(y)

        page.extract_text(visitor_text=visit)
        used.append((BODY_TOP - min(ys, default=BODY_TOP)) / (BODY_TOP - BODY_BOTTOM))
    return used


def test_no_page_is_left_three_quarters_blank() -> None:
    report = sample_entity_quarterly(draft=False)
    small = [replace(p, rows=p.rows[:1], highlights=()) for p in report.pillars]
    used = _body_used(render_quarterly(replace(report, pillars=small)))
    body_pages = used[2:-1]  # after cover and contents; the last page ends where the text does
    assert body_pages and min(body_pages) > 0.25, [round(u, 2) for u in used]


@settings(max_examples=40, deadline=None)
@given(
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    extra=st.floats(min_value=0, max_value=200),
    words=st.integers(min_value=0, max_value=12),
)
def test_a_date_in_a_sentence_stays_on_one_line(day: date, extra: float, words: int) -> None:
    shown = fmt_long_date(day)
    width = stringWidth(shown, s.BODY.fontName, s.BODY.fontSize) + extra  # the date fits a line
    lines = _wrapped_lines(para(" ".join(["word"] * words + ["as of", shown, "."])), width)
    assert any(shown in line.replace("\u00a0", " ") for line in lines), lines
