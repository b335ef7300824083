"""The quarterly PDF: content, draft marking, page numbers, contents, determinism."""

from __future__ import annotations

import re
from dataclasses import replace

from reportlab.lib.rl_accel import fp_str

from indicators.types import AchievementStatus, ReportStatus
from reports.content import EntityReportStatus, QuarterlyReport
from reports.formatting import fmt_any, status_word
from reports.pdf import render_quarterly
from reports.pdf.styles import CJK_FONT, STATUS_COLOURS
from tests.reports.pdftext import body_text, page_fonts, pages_text, reader, squash
from tests.reports.sample import sample_entity_quarterly


def has_code(code: str, text: str) -> bool:
    """Tell whether an indicator code stands alone in the text ("I.1.1" is not in "II.1.1")."""
    return re.search(rf"(?<![\w.]){re.escape(code)}(?![\w.])", text) is not None


def test_headline_figures_and_changes_are_in_the_summary(
    issued: QuarterlyReport, issued_pdf: bytes
) -> None:
    summary = next(t for t in pages_text(issued_pdf) if "Executive summary" in t and "Figure" in t)
    for h in issued.headlines:
        assert h.label in summary
        assert fmt_any(h.value) in summary
        assert h.change_since_previous is not None and h.change_since_previous in summary
    assert "Change since 2019Q2" in summary
    assert "684.2" in summary and "684.20" not in summary


def test_each_pillar_page_lists_its_own_indicator_rows(
    issued: QuarterlyReport, issued_pdf: bytes
) -> None:
    pages = pages_text(issued_pdf)[2:]  # after cover and contents
    for section in issued.pillars:
        page = next(t for t in pages if f"Pillar {section.pillar.value}: indicators" in t)
        for row in section.rows:
            assert has_code(row.code, page)
            assert status_word(row.status) in page
        other = next(p for p in issued.pillars if p.pillar != section.pillar)
        assert not has_code(other.rows[0].code, page)


def test_status_is_shown_by_colour_as_well_as_by_word(issued_pdf: bytes) -> None:
    pages = reader(issued_pdf).pages[2:]
    page = next(p for p in pages if "Pillar I: indicators" in p.extract_text())
    stream = page.get_contents().get_data().decode("latin-1")
    for status in AchievementStatus:
        colour = STATUS_COLOURS[status]
        assert f"{fp_str(colour.red, colour.green, colour.blue)} RG" in stream, status


def test_pending_values_are_labelled_apart_from_approved_ones(issued_pdf: bytes) -> None:
    text = squash(body_text(issued_pdf))
    assert squash("Submitted, not yet approved: 24 (2019Q3)") in text


def test_narratives_come_out_verbatim(issued: QuarterlyReport, issued_pdf: bytes) -> None:
    text = squash(body_text(issued_pdf))
    for section in issued.pillars:
        for item in section.highlights:
            assert squash(item.text) in text
            assert squash(f"{item.project_code} \u2013 {item.title}") in text


def test_chinese_pillar_titles_use_the_embedded_cjk_font(issued_pdf: bytes) -> None:
    fonts = page_fonts(issued_pdf)
    pages = pages_text(issued_pdf)
    pillar_pages = [i for i, t in enumerate(pages) if i > 1 and "Pillar II: Measures" in t]
    assert len(pillar_pages) == 1 and CJK_FONT in fonts[pillar_pages[0]]
    assert CJK_FONT not in fonts[0]  # the cover has no Chinese


def test_draft_is_marked_on_every_page(draft_pdf: bytes) -> None:
    pages = pages_text(draft_pdf)
    assert len(pages) > 5
    assert all("DRAFT" in t for t in pages)


def test_issued_report_carries_no_draft_mark(issued_pdf: bytes) -> None:
    assert not any("DRAFT" in t for t in pages_text(issued_pdf))


def test_every_page_says_page_x_of_y(issued_pdf: bytes) -> None:
    pages = pages_text(issued_pdf)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_contents_give_the_page_each_section_starts_on(issued_pdf: bytes) -> None:
    pages = pages_text(issued_pdf)
    contents = pages[1]
    for title in ("Executive summary", "Funding and shortfall by entity", "Gender marker"):
        start = next(i for i, t in enumerate(pages[2:], start=3) if t.lstrip().find(title) >= 0)
        # pypdf reads the dot leader and page number just before the entry's title
        match = re.search(r"(\d+)\n" + re.escape(title) + "\n", contents)
        assert match is not None, title
        assert int(match.group(1)) == start


def test_same_report_gives_identical_bytes(issued: QuarterlyReport, issued_pdf: bytes) -> None:
    assert render_quarterly(issued) == issued_pdf


def test_change_in_content_changes_the_bytes(issued: QuarterlyReport, issued_pdf: bytes) -> None:
    assert render_quarterly(replace(issued, period_key="2019Q4")) != issued_pdf


def test_confidential_needs_appear_only_as_a_count(issued_pdf: bytes) -> None:
    text = body_text(issued_pdf)
    assert "Confidential (31)" in text
    assert "Member State A" in text


def test_no_progress_note_is_printed(issued: QuarterlyReport) -> None:
    note = "No reporting period covers 2019Q4 yet; figures are those of 2019Q3."
    pdf = render_quarterly(replace(issued, no_progress_note=note, headlines=()))
    assert squash(note) in squash(body_text(pdf))


def test_entity_report_lists_progress_report_statuses() -> None:
    report = sample_entity_quarterly(draft=False)
    report = replace(
        report,
        entity_status=[
            EntityReportStatus("UNOCT-0001", "Victims support hub", ReportStatus.RETURNED),
            EntityReportStatus("UNOCT-0002", "Border security", ReportStatus.APPROVED),
        ],
    )
    text = body_text(render_quarterly(report))
    assert "Progress reports: UNOCT - United Nations Office of Counter-Terrorism" in text
    assert "Victims support hub" in text and "Returned" in text and "Approved" in text


def test_report_without_optional_sections_still_builds(issued: QuarterlyReport) -> None:
    bare = replace(issued, coverage=None, gender=None, annex=(), pillars=(), baseline_label=None)
    pages = pages_text(render_quarterly(bare))
    assert "Coverage of CTED-identified needs" not in "".join(pages)
    assert "none (no baseline selected)" in pages[0]
