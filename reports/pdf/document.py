"""The page frame of every report: header, "Page X of Y" footer, DRAFT mark, contents, outline."""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
)
from reportlab.platypus.doctemplate import (  # type: ignore[import-untyped]
    BaseDocTemplate,
    IndexingFlowable,
    LayoutError,
)
from reportlab.platypus.tableofcontents import TableOfContents  # type: ignore[import-untyped]

from reports.errors import ReportError
from reports.localized import gettext
from reports.pdf import styles as s
from reports.pdf.runs import draw_line, line_font, text_width

HEADER_Y = s.PAGE_SIZE[1] - 1.2 * s.MARGIN / 2 - 6
FOOTER_Y = s.MARGIN / 2
MAX_PASSES = 6
MIN_START = 40  # points of a split table or text that must follow a heading on its page
AUTHOR = "UN Global Counter-Terrorism Coordination Compact"


@dataclass(frozen=True)
class PageMeta:
    """What every page repeats: title and period in the header, scope in the footer."""

    title: str
    header_right: str
    footer_left: str
    draft: bool
    author: str = AUTHOR
    doc_title: str = ""  # the file's Title: report, period and scope; `title` when empty
    subject: str = ""
    issued: date | None = None  # the file's creation and modification date
    lang: str = "en"


def fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis so it fits the width in the given font."""
    text = " ".join(text.split())
    if text_width(text, font, size) <= width:
        return text
    while text and text_width(text + "\u2026", font, size) > width:
        text = text[: max(len(text) - max(len(text) // 8, 1), 0)]
    return text + "\u2026"


def fit_keeping_tail(text: str, width: float, font: str = s.BASE_FONT, size: float = 8) -> str:
    """Fit a footer such as "SCOPE \u2013 figures as of 30 September 2019": only the scope is cut.

    The part after the last dash (the date) is never cut.
    """
    head, sep, tail = text.rpartition(" \u2013 ")
    if not sep or text_width(text, font, size) <= width:
        return fit(text, font, size, width)
    return fit(head, font, size, width - text_width(sep + tail, font, size)) + sep + tail


def _winansi(text: str) -> str:
    """Keep header and footer text on one line: no control characters, no line breaks."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def pdf_date(issued: date | None) -> Callable[..., str]:
    """Stamp the file with the date of issue (midnight UTC), so a rebuilt copy is identical."""
    day = issued or date(2000, 1, 1)  # ReportLab's invariant date when none is given

    def stamp(*_clock: int) -> str:
        return f"D:{day:%Y%m%d}000000+00'00'"

    return stamp


class PageTotal(IndexingFlowable):  # type: ignore[misc]
    """A zero-size mark at the end of the story: it learns the page count of each pass.

    Footers say "Page X of Y" with Y from the pass before; multiBuild runs another pass until
    the count a pass used is the count it produced. No page is held back in memory for this.
    """

    def __init__(self) -> None:
        """Start with no count known."""
        super().__init__()
        self.total: int | None = None
        self._used: int | None = None
        self._last: int | None = None

    def beforeBuild(self) -> None:  # noqa: N802 - ReportLab's name
        """Remember which count this pass's footers use."""
        self._used, self._last = self.total, None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Take no room."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Note the page the story ends on."""
        self._last = self.canv.getPageNumber()

    def afterBuild(self) -> None:  # noqa: N802 - ReportLab's name
        """Keep this pass's count for the next pass's footers."""
        self.total = self._last

    def isSatisfied(self) -> bool:  # noqa: N802 - ReportLab's name
        """Tell whether the footers of this pass had the right total."""
        return self._used is not None and self._used == self._last


class KeepWithStart(KeepTogether):  # type: ignore[misc]
    """Keep a heading with the start of what follows, not with all of it.

    ReportLab keeps a `keepWithNext` heading together with the whole next flowable, so a heading
    over a table taller than the rest of the page moved both to the next page and left the page
    mostly blank. Here, when the next flowable splits and its first part fits under the heading,
    the heading stays and the frame splits the rest onto the next page.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - ReportLab's names
        """Keep the content here when the tail's first part fits under the heading."""
        *head, tail = self._content
        used = sum(
            f.wrapOn(self.canv, aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head
        )
        room = aH - used - tail.getSpaceBefore()
        if head and room >= MIN_START:
            parts = tail.splitOn(self.canv, aW, room - 1)  # 1 pt for the frame's rounding
            if len(parts) > 1:  # use these parts: splitting the tail twice loses table text
                return [*head, *parts]
        return list(super().split(aW, aH))


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """Document with a cover template, a body template and a table of contents."""

    def __init__(self, buf: io.BytesIO, meta: PageMeta) -> None:
        super().__init__(
            buf,
            pagesize=s.PAGE_SIZE,
            leftMargin=s.MARGIN,
            rightMargin=s.MARGIN,
            topMargin=s.MARGIN,
            bottomMargin=s.MARGIN,
            title=meta.doc_title or meta.title,
            author=meta.author,
            subject=meta.subject,
            creator="Compact results tracker",
            lang=meta.lang,
            initialFontName=s.BASE_FONT,
            keepTogetherClass=KeepWithStart,
            invariant=1,
        )
        self.meta = meta
        self.page_total = PageTotal()
        frame = Frame(s.MARGIN, s.MARGIN, s.FRAME_WIDTH, s.PAGE_SIZE[1] - 2 * s.MARGIN, id="body")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._decorate_cover),
                PageTemplate("body", [frame], onPage=self._decorate_body),
            ]
        )

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab's name
        """Free the previous pass's pages, and date this pass's file as of the issue date."""
        gc.collect()
        self.canv.setDateFormatter(pdf_date(self.meta.issued))

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        """List headings in the contents and in the PDF outline."""
        entry = getattr(flowable, "toc_entry", None)
        if entry is None:
            return
        level, text, plain, key = entry
        self.notify("TOCEntry", (level, text, self.page, key))
        self.canv.addOutlineEntry(plain, key, level=level, closed=level > 0)

    def _decorate_cover(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Mark the cover with the UN blue band and, for drafts, the DRAFT watermark."""
        canv.saveState()
        canv.setFillColor(s.UN_BLUE)
        canv.rect(0, s.PAGE_SIZE[1] - 0.6 * s.MARGIN, s.PAGE_SIZE[0], 0.6 * s.MARGIN, 0, 1)
        canv.restoreState()
        self._number(canv)
        self._watermark(canv)

    def _number(self, canv: Canvas) -> None:
        """Write "Page X of Y" at the foot of the page (Y from the previous layout pass)."""
        total = self.page_total.total
        canv.saveState()
        canv.setFont(s.BASE_FONT, 8)
        canv.setFillColor(s.MUTED)
        page = canv.getPageNumber()
        if total is None:
            label = gettext("Page %(page)s", page=page)
        else:
            label = gettext("Page %(page)s of %(total)s", page=page, total=total)
        draw_line(canv, label, s.PAGE_SIZE[0] - s.MARGIN, FOOTER_Y, right=True)
        canv.restoreState()

    def _decorate_body(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Draw the running header and footer, and the DRAFT watermark on drafts."""
        canv.saveState()
        canv.setFont(s.BASE_FONT, 8)
        canv.setFillColor(s.MUTED)
        right = self.meta.header_right
        if self.meta.draft:
            right = gettext("DRAFT \u2013 %(header)s", header=right)
        title = fit(_winansi(self.meta.title), s.BASE_FONT, 8, s.FRAME_WIDTH * 0.5)
        right_width = s.FRAME_WIDTH - text_width(title, s.BASE_FONT, 8) - 12
        right = fit(_winansi(right), s.BASE_FONT, 8, right_width)
        draw_line(canv, title, s.MARGIN, HEADER_Y)
        draw_line(canv, right, s.PAGE_SIZE[0] - s.MARGIN, HEADER_Y, right=True)
        canv.setStrokeColor(s.RULE)
        canv.setLineWidth(0.5)
        canv.line(s.MARGIN, HEADER_Y - 4, s.PAGE_SIZE[0] - s.MARGIN, HEADER_Y - 4)
        canv.line(s.MARGIN, FOOTER_Y + 10, s.PAGE_SIZE[0] - s.MARGIN, FOOTER_Y + 10)
        footer = fit_keeping_tail(_winansi(self.meta.footer_left), s.FRAME_WIDTH - 80)
        draw_line(canv, footer, s.MARGIN, FOOTER_Y)
        canv.restoreState()
        self._number(canv)
        self._watermark(canv)

    def _watermark(self, canv: Canvas) -> None:
        """Draw a large diagonal DRAFT across the page when the report is a draft."""
        if not self.meta.draft:
            return
        canv.saveState()
        canv.setFillColor(s.WATERMARK)
        canv.translate(s.PAGE_SIZE[0] / 2, s.PAGE_SIZE[1] / 2)
        canv.rotate(45)
        canv.setFont(line_font(gettext("DRAFT"), s.BOLD_FONT), 110)
        canv.drawCentredString(0, -40, gettext("DRAFT"))
        canv.restoreState()


def contents() -> TableOfContents:
    """Make the table of contents that multiBuild fills with page numbers."""
    toc = TableOfContents()
    toc.levelStyles = s.TOC_LEVELS
    toc.dotsMinLevel = 0
    return toc


def build_pdf(story: Sequence[Flowable], meta: PageMeta) -> bytes:
    """Lay out the story in the house frame and return the PDF bytes, or raise ReportError."""
    s.register_fonts()
    buf = io.BytesIO()
    doc = ReportDoc(buf, meta)
    try:
        doc.multiBuild([*story, doc.page_total], maxPasses=MAX_PASSES)
    except LayoutError as exc:
        raise ReportError(
            gettext(
                "The report could not be laid out: an element (a table row, chart or heading) "
                "is larger than a page. Shorten the text it holds and render again. (%(detail)s)",
                detail=str(exc)[:160],
            )
        ) from exc
    return buf.getvalue()
