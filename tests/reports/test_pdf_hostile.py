"""T48/T49: hostile free text comes out literally, large inputs build, layout failures are clear."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.platypus import Spacer

from reports.content import Highlight, IndicatorLine, PillarSection, QuarterlyReport
from reports.errors import ReportError
from reports.pdf import render_quarterly
from reports.pdf.document import PageMeta, build_pdf
from reports.pdf.sections import ANNEX_HEADERS
from tests.reports.pdftext import body_text, image_count, pages_text, squash
from tests.reports.sample import annex, sample_quarterly

LONG_WORD = "".join(chr(ord("a") + i % 26) for i in range(5000))
PAYLOADS = [
    '<img src="/etc/passwd"/>',
    '<font color="red">',
    "a < b & c",
    "$5m and $3m",
    '<a href="javascript:alert(1)">x</a>',
    "</para><para>",
]


def hostile_pillar(section: PillarSection, img: str) -> PillarSection:
    """Fill a pillar's free-text fields with the payloads."""
    text = "\n".join(PAYLOADS) + f"\n{img}\n{LONG_WORD}"
    rows = [replace(r, name=f"{r.name} {PAYLOADS[2]}", unit=PAYLOADS[1]) for r in section.rows]
    return replace(
        section,
        title_en=f"Title {PAYLOADS[1]} {PAYLOADS[3]}",
        rows=rows,
        highlights=[Highlight("HOST-1", f"{PAYLOADS[0]} {PAYLOADS[4]}", text)],
    )


@pytest.fixture(scope="module")
def png_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write a real PNG that an unescaped <img> tag would embed."""
    from PIL import Image

    path = tmp_path_factory.mktemp("img") / "leak.png"
    Image.new("RGB", (8, 8), "red").save(path)
    return path


@pytest.fixture(scope="module")
def hostile(png_file: Path) -> QuarterlyReport:
    """Return the sample report with every free-text field hostile."""
    report = sample_quarterly(annex_size=2)
    img = f'<img src="{png_file}" width="50" height="50"/>'
    projects = [replace(p, title=f"{LONG_WORD} {PAYLOADS[0]}") for p in report.annex]
    return replace(
        report,
        title=f"Report {PAYLOADS[0]} {PAYLOADS[2]}",
        pillars=[hostile_pillar(p, img) for p in report.pillars],
        annex=projects,
        no_progress_note=f"{PAYLOADS[4]} {PAYLOADS[3]}",
    )


@pytest.fixture(scope="module")
def hostile_pdf(hostile: QuarterlyReport) -> bytes:
    """Render the hostile report once."""
    return render_quarterly(hostile)


def test_payloads_come_out_literally(hostile_pdf: bytes, png_file: Path) -> None:
    text = squash(body_text(hostile_pdf))
    for payload in PAYLOADS:
        assert squash(payload) in text, payload
    assert squash(f'<img src="{png_file}" width="50" height="50"/>') in text
    assert squash('Title <font color="red"> $5m and $3m') in text


def test_long_word_wraps_and_is_complete(hostile_pdf: bytes) -> None:
    assert LONG_WORD in squash(body_text(hostile_pdf))


def test_no_local_file_is_embedded(hostile_pdf: bytes, issued_pdf: bytes) -> None:
    assert image_count(hostile_pdf) == image_count(issued_pdf) == 6  # the charts only


def test_hostile_title_is_literal_on_the_cover(hostile_pdf: bytes) -> None:
    assert squash('Report <img src="/etc/passwd"/> a < b & c') in squash(pages_text(hostile_pdf)[0])


def test_control_characters_are_dropped_not_fatal() -> None:
    report = sample_quarterly(annex_size=1)
    pdf = render_quarterly(replace(report, no_progress_note="nul\x00 bell\x07 end"))
    assert "nul bell end" in body_text(pdf)


def test_huge_narrative_builds() -> None:
    report = sample_quarterly(annex_size=0)
    first = report.pillars[0]
    big = ("The project trained officials. " * 3400).strip()  # about 100 kB
    pillars = [replace(first, highlights=[Highlight("BIG-1", "Long", big)])]
    pdf = render_quarterly(replace(report, pillars=pillars))
    assert len(pages_text(pdf)) > 20


def test_long_indicator_name_splits_within_its_row() -> None:
    report = sample_quarterly(annex_size=0)
    first = report.pillars[0]
    row: IndicatorLine = replace(first.rows[0], name="officials trained " * 900)
    pdf = render_quarterly(replace(report, pillars=[replace(first, rows=[row])]))
    # the row's halves sit on two pages, with the repeated table header between them; a page
    # may end between "officials" and "trained", so each word is counted on its own
    text = squash(body_text(pdf))
    assert text.count("officials") == text.count("trained") == 900


def test_two_thousand_project_annex_renders_with_header_on_every_page() -> None:
    report = replace(sample_quarterly(annex_size=0), annex=annex(2000))
    start = time.perf_counter()
    pdf = render_quarterly(report)
    assert time.perf_counter() - start < 60
    pages = [squash(t) for t in pages_text(pdf)]
    header = squash(" ".join(ANNEX_HEADERS))
    annex_pages = [t for t in pages if header in t]
    assert len(annex_pages) >= 40
    assert len(annex_pages) == len(pages) - pages.index(annex_pages[0])  # header on each
    text = squash(body_text(pdf))
    assert squash(report.annex[-1].code) in text and squash(report.annex[0].code) in text


def test_impossible_flowable_becomes_report_error() -> None:
    meta = PageMeta("t", "r", "f", draft=False)
    with pytest.raises(ReportError, match="larger than a page"):
        build_pdf([Spacer(10, 5000)], meta)
