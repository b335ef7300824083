"""Palette, fonts and paragraph styles of the PDF reports: sober, UN-like, fonts embedded.

DejaVu Sans for text, DejaVu Sans Mono for hashes, AR PL UMing for Chinese (`reports.fonts`).
"""

from __future__ import annotations

import mmap
from contextlib import suppress

from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.fonts import addMapping  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import registerFontFamily  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.platypus import tables  # type: ignore[import-untyped]

from indicators.types import AchievementStatus
from reports import fonts
from reports.fonts import FontFiles

CJK_FONT = "CJK"  # AR PL UMing by default: reports.fonts
BASE_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
ITALIC_FONT = "DejaVuSans-Oblique"
MONO_FONT = "DejaVuSansMono"
FACE_ROLES = {BASE_FONT: "regular", BOLD_FONT: "bold", ITALIC_FONT: "italic", MONO_FONT: "mono"}

PAGE_SIZE = A4
MARGIN = 2 * cm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN

UN_BLUE = colors.HexColor("#009EDB")
NAVY = colors.HexColor("#1F3A5F")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#5F6B73")
RULE = colors.HexColor("#B8C2CC")
ZEBRA = colors.HexColor("#F2F5F8")
HEADER_FILL = colors.HexColor("#E3ECF4")
WATERMARK = colors.Color(0.75, 0.75, 0.75, alpha=0.35)

STATUS_COLOURS = {
    AchievementStatus.ON_TRACK: colors.HexColor("#2E7D32"),
    AchievementStatus.AT_RISK: colors.HexColor("#B26A00"),
    AchievementStatus.OFF_TRACK: colors.HexColor("#B03A2E"),
    AchievementStatus.NOT_ASSESSED: colors.HexColor("#6B7780"),
}


_registered: dict[str, FontFiles] = {}  # face name -> the files it was registered from


def register_fonts() -> None:
    """Check every configured font file, then register the faces every report uses.

    Raises FontsMissing (one line) for a missing file. The hash's monospace and the CJK face
    are registered on first use (`face`), so a report loads only the fonts it shows. Calling
    again after `reports.fonts.configure` switches the files; the names stay.
    """
    files = fonts.configured()
    if _registered.get(BASE_FONT) == files:
        return
    files.check()
    _registered.clear()
    for name in (BASE_FONT, BOLD_FONT, ITALIC_FONT):
        face(name)
    registerFontFamily(
        BASE_FONT, normal=BASE_FONT, bold=BOLD_FONT, italic=ITALIC_FONT, boldItalic=BOLD_FONT
    )
    # a table's cells default to the embedded face too (ReportLab's default is Helvetica)
    tables.CellStyle.fontname = BASE_FONT


def face(name: str) -> str:
    """Register one face from the configured files unless it already is; return its name."""
    files = fonts.configured()
    if _registered.get(name) == files:
        return name
    if name == CJK_FONT:  # mapped, not read whole: a CJK collection is about 20 MB
        font = TTFont(name, MappedFile(files.cjk), subfontIndex=files.cjk_index)
        for bold in (0, 1):
            for italic in (0, 1):  # no bold or italic cut: map them all to the one face
                addMapping(CJK_FONT, bold, italic, CJK_FONT)
    else:
        font = TTFont(name, getattr(files, FACE_ROLES[name]))
    pdfmetrics.registerFont(font)
    _registered[name] = files
    return name


class MappedFile:
    """A font file that ReportLab reads through a read-only memory map (pages on demand)."""

    def __init__(self, path: str) -> None:
        """Keep the path; ReportLab calls read() once."""
        self.name = path

    def read(self) -> mmap.mmap:
        """Map the whole file read-only; the mapping outlives the descriptor."""
        with open(self.name, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


# so that paragraphs can be measured at once; the renderers raise when fonts are missing
with suppress(fonts.FontsMissing):
    register_fonts()


def _style(name: str, **kw: object) -> ParagraphStyle:
    """Build a paragraph style on the house defaults."""
    base: dict[str, object] = {
        "fontName": BASE_FONT,
        "fontSize": 9.5,
        "leading": 13,
        "textColor": INK,
        "alignment": TA_LEFT,
        "splitLongWords": 1,
    }
    base.update(kw)
    return ParagraphStyle(name, **base)


BODY = _style("Body", spaceAfter=6)
SMALL = _style("Small", fontSize=8, leading=10.5, textColor=MUTED)
HASH = _style("Hash", fontName=MONO_FONT, fontSize=7.5, leading=13, splitLongWords=0)
CELL = _style("Cell", fontSize=7.5, leading=9.5)
CELL_RIGHT = _style("CellRight", fontSize=7.5, leading=9.5, alignment=TA_RIGHT)
CELL_HEAD = _style("CellHead", fontName=BOLD_FONT, fontSize=7.5, leading=9.5, textColor=NAVY)
H1 = _style(
    "Heading1",
    fontName=BOLD_FONT,
    fontSize=15,
    leading=19,
    textColor=NAVY,
    spaceBefore=4,
    spaceAfter=8,
    keepWithNext=1,
)
H2 = _style(
    "Heading2",
    fontName=BOLD_FONT,
    fontSize=11.5,
    leading=15,
    textColor=NAVY,
    spaceBefore=10,
    spaceAfter=5,
    keepWithNext=1,
)
H3 = _style(
    "Heading3",
    fontName=BOLD_FONT,
    fontSize=9.5,
    leading=12.5,
    spaceBefore=6,
    spaceAfter=2,
    keepWithNext=1,
)
COVER_TITLE = _style(
    "CoverTitle",
    fontName=BOLD_FONT,
    fontSize=22,
    leading=28,
    textColor=NAVY,
    spaceAfter=14,
)
COVER_LINE = _style("CoverLine", fontSize=11, leading=16, textColor=INK)
COVER_KICKER = _style(
    "CoverKicker", fontName=BOLD_FONT, fontSize=10, leading=14, textColor=UN_BLUE, spaceAfter=30
)
FIGURE_VALUE = _style(
    "FigureValue", fontName=BOLD_FONT, fontSize=16, leading=20, textColor=NAVY, alignment=TA_CENTER
)
FIGURE_LABEL = _style("FigureLabel", fontSize=8, leading=10, textColor=MUTED, alignment=TA_CENTER)
TOC_LEVELS = [
    _style(
        "TOC1",
        fontName=BOLD_FONT,
        fontSize=10,
        leading=14,
        leftIndent=0,
        firstLineIndent=0,
        spaceBefore=4,
    ),
    _style("TOC2", fontSize=9, leading=12, leftIndent=14, firstLineIndent=0),
]
