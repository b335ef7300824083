"""A long table laid out a page at a time: rows of known height, header on every page.

ReportLab's Table re-measures and rebuilds every remaining row at each page break, which is
quadratic in the rows of a 20,000-project annex. `PagedTable` knows each row's height up front
(plain one-line strings, or paragraphs measured once) and builds one small Table per page.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Table  # type: ignore[import-untyped]

ELLIPSIS = "\u2026"
VERTICAL_PADDING = 4  # house_table's TOPPADDING + BOTTOMPADDING
LEADING = 9.5

TOP_PADDING = 2
MakeTable = Callable[[list[list[object]], list[float]], Table]


@dataclass(frozen=True)
class RowStyle:
    """Font, colours and padding of painted rows, matching the house table."""

    font: str
    size: float
    pad: float
    ink: Any
    zebra: Any
    rule: Any


def plain(text: str) -> bool:
    """Tell whether text can go into a cell as a plain string in the standard fonts."""
    if not text.isprintable():
        return False
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def ellipsize(text: str, width: float, font: str, size: float) -> str:
    """Cut text to the width, ending with an ellipsis when anything was cut."""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


class Lines(tuple[str, ...]):
    """A cell's text broken into lines beforehand: painted line under line, no Paragraph kept."""


def wrap_lines(text: str, width: float, font: str, size: float) -> Lines:
    """Break plain text into lines at spaces so that each fits the width; words stay whole.

    Only a word wider than the whole column (no real title has one) is cut between characters.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = _longest_prefix(line, width, font, size)
            lines.append(line[:cut])
            line = line[cut:]
    if line or not lines:
        lines.append(line)
    return Lines(lines)


def _longest_prefix(word: str, width: float, font: str, size: float) -> int:
    """Return how many characters of the word fit the width (at least one)."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def row_height(row: Sequence[object], widths: Sequence[float], pad: float) -> float:
    """Return a row's height: one line for strings, its lines, or the flowable's wrapped height."""
    tallest = LEADING
    for value, width in zip(row, widths, strict=True):
        if isinstance(value, Lines):
            tallest = max(tallest, LEADING * len(value))
        elif isinstance(value, Flowable):
            tallest = max(tallest, value.wrap(width - 2 * pad, 1e6)[1])
    return float(tallest + VERTICAL_PADDING)


class RowPainter:
    """Paint house-style body rows straight onto the canvas: zebra, one text object, rule."""

    def __init__(self, widths: Sequence[float], numeric_from: int, style: RowStyle) -> None:
        """Keep the column widths, the first right-aligned column and the colours and font."""
        self.widths, self.numeric_from, self.style = list(widths), numeric_from, style
        self.lefts = [0.0, *accumulate(self.widths)][:-1]

    def paint(self, canv: Any, rows: list[list[object]], heights: list[float], top: float) -> None:
        """Paint rows downward from top; flowable cells are drawn after the text."""
        st, width = self.style, sum(self.widths)
        canv.saveState()
        canv.setFillColor(st.zebra)
        y = top
        for i, h in enumerate(heights):
            y -= h
            if i % 2:
                canv.rect(0, y, width, h, stroke=0, fill=1)
        canv.setFillColor(st.ink)
        text = canv.beginText()
        text.setFont(st.font, st.size, LEADING)
        later = self._text(text, rows, heights, top)
        canv.drawText(text)
        for flowable, x, y_top, w in later:
            flowable.wrapOn(canv, w, 1e6)
            flowable.drawOn(canv, x, y_top - flowable.height)
        canv.setStrokeColor(st.rule)
        canv.setLineWidth(0.5)
        canv.line(0, y, width, y)
        canv.restoreState()

    def _text(
        self, text: Any, rows: list[list[object]], heights: list[float], top: float
    ) -> list[tuple[Any, float, float, float]]:
        st, later = self.style, []
        for row, h in zip(rows, heights, strict=True):
            baseline = top - TOP_PADDING - st.size
            for k, value in enumerate(row):
                x, w = self.lefts[k], self.widths[k]
                if isinstance(value, Lines):
                    for i, line in enumerate(value):
                        text.setTextOrigin(x + st.pad, baseline - i * LEADING)
                        text.textOut(line)
                elif not isinstance(value, str):
                    later.append((value, x + st.pad, top - TOP_PADDING, w - 2 * st.pad))
                elif k >= self.numeric_from:
                    right = x + w - st.pad - stringWidth(value, st.font, st.size)
                    text.setTextOrigin(right, baseline)
                    text.textOut(value)
                else:
                    text.setTextOrigin(x + st.pad, baseline)
                    text.textOut(value)
            top -= h
        return later


class PagedTable(Flowable):  # type: ignore[misc]
    """Rows (header first) that split between pages in O(log rows), sharing one row list."""

    def __init__(
        self,
        rows: list[list[object]],
        heights: list[float],
        make: MakeTable,
        painter: RowPainter,
        span: tuple[int, int] | None = None,
        tops: list[float] | None = None,
    ) -> None:
        """Keep all rows, their heights, the header maker, the painter and this part's rows."""
        super().__init__()
        self.rows, self.heights, self.make, self.painter = rows, heights, make, painter
        self.start, self.stop = span or (1, len(rows))
        # tops[k]: height of rows 1..k, computed once and shared by every part
        self.tops = tops if tops is not None else [0.0, *accumulate(heights[1:])]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Claim the whole width and the height of the header and this part's rows."""
        self.width = availWidth
        self.height = self.heights[0] + self.tops[self.stop - 1] - self.tops[self.start - 1]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        """Return this page's part and the rest, or nothing when not one row fits."""
        room = self.tops[self.start - 1] + availHeight - self.heights[0]
        last = bisect_right(self.tops, room, self.start - 1, self.stop) - 1
        if last < self.start:
            return []
        head = self._part(self.start, last + 1)
        return [head] if last + 1 >= self.stop else [head, self._part(last + 1, self.stop)]

    def _part(self, start: int, stop: int) -> PagedTable:
        return PagedTable(
            self.rows, self.heights, self.make, self.painter, (start, stop), self.tops
        )

    def draw(self) -> None:
        """Draw the header as a house table, then paint this part's rows (the frame checked)."""
        header = self.make([self.rows[0]], [self.heights[0]])
        header.wrapOn(self.canv, self.width, self.height)
        below = self.height - self.heights[0]
        header.drawOn(self.canv, 0, below)
        span = slice(self.start, self.stop)
        self.painter.paint(self.canv, self.rows[span], self.heights[span], below)
