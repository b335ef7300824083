"""Reusable flowables: escaped paragraphs, house tables, headline and indicator tables, charts.

Every piece of user text goes through `markup()`, which escapes it (RELIABILITY T48): ReportLab's
Paragraph parses `<img>`, `<font>` and `<a>`, so unescaped titles could read local files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    Paragraph,
    Table,
    TableStyle,
)

from indicators.i18n import N_
from reports.chart_data import ChartData, PanelChart
from reports.content import SummaryFigure
from reports.formatting import NBSP, fmt_any
from reports.localized import gettext
from reports.pdf import runs
from reports.pdf import styles as s

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CJK = runs.CJK  # Chinese runs, set in the CJK face
LONG_TOKEN = re.compile(r"\S{40,}")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# a number and its "%", "US$" and its amount, a day and its month
GLUED = re.compile(rf"\d %|US\$ \d|\b\d{{1,2}} (?:{MONTHS})(?: \d{{4}})?\b")
CELL_PAD = 3
HASH_GROUP = 16
SECTION_ROOM = 0.4 * (s.PAGE_SIZE[1] - 2 * s.MARGIN)
NO_COMPARISON = N_("no comparison")  # a change that cannot be computed, never a bare dash
CHART_DPI = 200


def clean(text: str) -> str:
    """Drop control characters that no PDF text should carry."""
    return CONTROL.sub("", text)


def keep_together(text: str) -> str:
    """Join what must not break across lines: "12 %", "US$ 3.1", a date ("31 August 2019")."""
    return GLUED.sub(lambda m: m.group(0).replace(" ", NBSP), text)


def markup(text: str) -> str:
    """Escape user text for Paragraph markup and set Chinese runs in the CJK font."""
    escaped = escape(keep_together(clean(text)))
    if not CJK.search(escaped):
        return escaped
    return CJK.sub(lambda m: f'<font name="{s.face(s.CJK_FONT)}">{m.group(0)}</font>', escaped)


def needs_cjk_wrap(text: str) -> bool:
    """Tell whether text needs break-anywhere wrapping (Chinese or very long words)."""
    return bool(CJK.search(text) or LONG_TOKEN.search(text))


def _wrapped(style: ParagraphStyle, text: str) -> ParagraphStyle:
    """Return the style, switched to CJK wrapping when the text needs it."""
    if not needs_cjk_wrap(text):
        return style
    return ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")


def para(text: str, style: ParagraphStyle = s.BODY) -> Paragraph:
    """Make a paragraph of user text, always escaped; long words and Chinese wrap anywhere."""
    return Paragraph(markup(text), _wrapped(style, text))


def cell(text: str, width: float | None = None, style: ParagraphStyle = s.CELL) -> str | Paragraph:
    """Make a table cell: a plain string when it surely fits, else a wrapping paragraph."""
    text = clean(text)
    if width is not None and _fits(text, width, style):
        return text
    return Paragraph(markup(text), _wrapped(style, text))


def _fits(text: str, width: float, style: ParagraphStyle) -> bool:
    """Tell whether Latin-1 text fits on one line of a column of this width."""
    if not text.isprintable() or not text.isascii():
        return False
    needed: float = stringWidth(text, style.fontName, style.fontSize)
    return needed <= width - 2 * CELL_PAD


def narrative(text: str, style: ParagraphStyle = s.BODY) -> list[Flowable]:
    """Turn a narrative into paragraphs: blank lines split them, single newlines break lines."""
    blocks = [b for b in re.split(r"\n\s*\n", clean(text).replace("\r\n", "\n")) if b.strip()]
    out: list[Flowable] = []
    for block in blocks:
        lines = [markup(line) for line in block.split("\n")]
        out.append(Paragraph("<br/>".join(lines), _wrapped(style, block)))
    return out


def digest_groups(digest: str, size: int = HASH_GROUP) -> str:
    """Write "sha256:<64 hex>" as "sha256: " and equal groups of hex digits, spaced."""
    prefix, sep, hexdigits = digest.rpartition(":")
    groups = [hexdigits[i : i + size] for i in range(0, len(hexdigits), size)]
    return (prefix + sep + " " if sep else "") + " ".join(groups)


def digest_para(digest: str) -> Paragraph:
    """Set a content hash in small monospace, in equal groups, so it never leaves a lone digit."""
    s.face(s.MONO_FONT)
    return Paragraph(escape(clean(digest_groups(digest))), s.HASH)


def section_break() -> Flowable:
    """End a section: the next starts on this page when SECTION_ROOM is left, else on the next.

    A page break after every section left pages three-quarters blank (a pillar of one project).
    """
    return CondPageBreak(SECTION_ROOM)


def heading(text: str, style: ParagraphStyle, level: int, key: str) -> Paragraph:
    """Make a heading that the document lists in the contents and the PDF outline."""
    p = Paragraph(f'<a name="{key}"/>{markup(text)}', _wrapped(style, text))
    p.toc_entry = (level, markup(text), clean(text), key)
    return p


def house_table(
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    numeric_from: int | None = None,
    extra: Sequence[tuple[object, ...]] = (),
    row_heights: Sequence[float] | None = None,
) -> Table:
    """Lay out rows (header first) in the house style, header repeated on every page."""
    heights = None if row_heights is None else list(row_heights)
    table = Table(
        list(rows), colWidths=list(widths), rowHeights=heights, repeatRows=1, splitByRow=1,
        splitInRow=0 if row_heights else 1, hAlign="LEFT",
    )  # fmt: skip
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), s.BASE_FONT, 7.5, 9.5),
        ("FONT", (0, 0), (-1, 0), s.BOLD_FONT, 7.5, 9.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), s.NAVY),
        ("BACKGROUND", (0, 0), (-1, 0), s.HEADER_FILL),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, s.ZEBRA]),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, s.NAVY),
        ("LINEBELOW", (0, -1), (-1, -1), 0.5, s.RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if numeric_from is not None:
        commands.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(commands + list(extra)))
    return table


def text_rows(
    headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
) -> list[list[object]]:
    """Turn string rows into cells that wrap where needed, header first."""
    out: list[list[object]] = [
        [cell(h, w, s.CELL_HEAD) for h, w in zip(headers, widths, strict=True)]
    ]
    for row in rows:
        out.append([cell(v, w) for v, w in zip(row, widths, strict=True)])
    return out


def headline_table(
    headlines: Sequence[SummaryFigure],
    previous: str | None,
    baseline: str | None,
    change_header: str | None = None,
) -> Table:
    """Lay out headline figures with their changes since the previous quarter and baseline.

    `change_header` names the first change column outright; without it and without `previous`
    the table has no change column.
    """
    headers = [gettext("Figure"), gettext("Value")]
    since = gettext("Change since %(period)s", period=previous) if previous is not None else None
    first = change_header or since
    if first is not None:
        headers.append(first)
    if baseline is not None:
        headers.append(gettext("Change since baseline %(label)s", label=baseline))
    widths = _split_width([0.40, 0.18, 0.21, 0.21][: len(headers)])
    rows, none = [], gettext(NO_COMPARISON)
    for h in headlines:
        row = [h.label, fmt_any(h.value)]
        if first is not None:
            row.append(h.change_since_previous or none)
        if baseline is not None:
            row.append(h.change_since_baseline or none)
        rows.append(row)
    bold = ("FONT", (1, 1), (1, -1), s.BOLD_FONT, 8.5, 10.5)
    return house_table(text_rows(headers, rows, widths), widths, numeric_from=1, extra=[bold])


def _split_width(fractions: Sequence[float]) -> list[float]:
    """Share the frame width among columns in proportion to the fractions."""
    total = sum(fractions)
    return [s.FRAME_WIDTH * f / total for f in fractions]


def widest_token(texts: Iterable[str], font: str = s.BASE_FONT, size: float = 7.5) -> float:
    """Return the width a column needs so that no word of these texts breaks (padding in)."""
    words = {w for text in texts for w in text.split()}
    return max((stringWidth(w, font, size) for w in words), default=0.0) + 2 * CELL_PAD + 1


def widen(widths: Sequence[float], column: int, texts: Iterable[str], flex: int) -> list[float]:
    """Widen a column of codes so that no code breaks, taking the room from the flex column.

    The flex column (a title or name) keeps at least MIN_FLEX_SHARE of the frame; a code still
    too wide for its column is broken after a hyphen only (`code_cell`).
    """
    out = list(widths)
    room = out[flex] - s.FRAME_WIDTH * MIN_FLEX_SHARE
    need = min(widest_token(texts), out[column] + max(room, 0.0))
    if need > out[column]:
        out[flex] -= need - out[column]
        out[column] = need
    return out


def widest_line(texts: Iterable[str], font: str = s.BASE_FONT, size: float = 7.5) -> float:
    """Return the width a column needs to show each text whole on one line (padding in)."""
    return max((stringWidth(t, font, size) for t in texts), default=0.0) + 2 * CELL_PAD + 1


def widen_to(widths: Sequence[float], column: int, need: float, flex: int) -> list[float]:
    """Make a column at least `need` wide, taking the room from the flex column."""
    out = list(widths)
    if need > out[column]:
        out[flex] -= need - out[column]
        out[column] = need
    return out


def code_cell(code: str, width: float) -> str | Paragraph:
    """Show a code whole on one line, or, when wider than its column, broken after hyphens only.

    "UNODC-INT-2016-02-OP1-IND1" becomes "UNODC-INT-2016-" over "02-OP1-IND1", never "UNODC-I"
    over "NT-2016-...".
    """
    code = clean(code)
    if _fits(code, width, s.CELL):
        return code
    lines: list[str] = []
    for part in re.findall(r"[^-]+-?|-", code):
        if lines and _fits(lines[-1] + part, width, s.CELL):
            lines[-1] += part
        else:
            lines.append(part)
    return Paragraph("<br/>".join(markup(line) for line in lines), s.CELL)


def fit_headers(widths: Sequence[float], headers: Sequence[str], flex: int) -> list[float]:
    """Widen each column to its header's longest word (bold), taking the room from flex."""
    out = list(widths)
    for k, header in enumerate(headers):
        need = widest_token([header.replace("\u00ad", "")], s.BOLD_FONT)
        if k != flex and need > out[k] and "\u00ad" not in header:
            out[flex] -= need - out[k]
            out[k] = need
    return out


MIN_FLEX_SHARE = 0.25


def chart(
    data: ChartData | PanelChart,
    size: tuple[float, float] = (6.3, 2.8),
    width: float = s.FRAME_WIDTH,
) -> Flowable:
    """Draw a chart as a 200 dpi image scaled to the width (not smaller: text stays >= 9 pt).

    matplotlib is imported here, when a report draws its first chart, not with the package.
    """
    from reports.chart_draw import draw
    from reports.charts import release, to_image

    fig = draw(data, size)
    fig_w, fig_h = fig.get_size_inches()
    buf = io.BytesIO()
    to_image(fig, dpi=CHART_DPI).save(buf, format="png", compress_level=1)
    release(fig)
    return ChartImage(buf.getvalue(), width, width * fig_h / fig_w)


class ChartImage(Flowable):  # type: ignore[misc]
    """A rendered chart drawn at a fixed size; only its small PNG is kept between passes."""

    def __init__(self, png: bytes, width: float, height: float) -> None:
        """Keep the PNG and the size to draw it at."""
        super().__init__()
        self.png, self.width, self.height = png, width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Take the chart's size."""
        return self.width, self.height

    def draw(self) -> None:
        """Draw the pixels scaled to the size (decoded now, freed after)."""
        self.canv.drawImage(ImageReader(io.BytesIO(self.png)), 0, 0, self.width, self.height)
