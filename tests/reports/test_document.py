"""The page frame: every page says "Page X of Y" with the final count, however the story runs."""

from __future__ import annotations

import pytest
from reportlab.platypus import PageBreak, Paragraph

from reports.pdf import styles as s
from reports.pdf.blocks import heading
from reports.pdf.document import PageMeta, PageTotal, build_pdf, contents
from tests.reports.pdftext import pages_text

META = PageMeta(title="Frame test", header_right="2019Q4", footer_left="test", draft=False)


def _numbers(pdf: bytes) -> list[str]:
    return [text.rsplit("Page ", 1)[1].split()[:3] for text in pages_text(pdf)]


@pytest.mark.parametrize("pages", [1, 2, 12])
def test_every_page_carries_its_number_and_the_total(pages) -> None:
    story = []
    for n in range(pages):
        story += [Paragraph(f"Body {n}", s.BODY), PageBreak()]
    pdf = build_pdf(story[:-1], META)
    assert _numbers(pdf) == [[str(n), "of", str(pages)] for n in range(1, pages + 1)]


def test_total_is_right_when_the_contents_push_the_story_to_more_pages() -> None:
    # The contents fill only on the second pass, which adds pages: the totals of the first
    # pass are wrong and another pass must correct them.
    story = [contents(), PageBreak()]
    for n in range(70):
        story += [heading(f"Section {n}", s.H1, 0, f"s{n}"), PageBreak()]
    pdf = build_pdf(story[:-1], META)
    numbers = _numbers(pdf)
    assert numbers[-1][0] == numbers[-1][2] == str(len(numbers)) and len(numbers) > 71
    assert {row[2] for row in numbers} == {str(len(numbers))}


class _Canvas:
    def __init__(self, page: int) -> None:
        self.page = page

    def getPageNumber(self) -> int:  # noqa: N802 - ReportLab's name
        return self.page


def _pass(mark: PageTotal, last_page: int) -> bool:
    mark.beforeBuild()
    mark.canv = _Canvas(last_page)
    mark.draw()
    mark.afterBuild()
    return bool(mark.isSatisfied())


def test_another_pass_runs_until_the_total_used_is_the_total_produced() -> None:
    mark = PageTotal()
    assert [_pass(mark, n) for n in (40, 43, 43)] == [False, False, True]
    assert mark.total == 43
