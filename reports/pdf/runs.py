"""Lines drawn straight on the canvas (running header, footer, page numbers, watermark) in the
face that has their glyphs: Chinese runs in the CJK face, everything else in DejaVu Sans.

Paragraphs switch faces through `blocks.markup`; a canvas string has no markup, so a line is
cut into runs of one face each and drawn run after run.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]

from reports.pdf import styles as s

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """Cut text into (run, face) pairs: CJK runs in the CJK face, the rest in `font`."""
    out: list[tuple[str, str]] = []
    at = 0
    for match in CJK.finditer(text):
        if match.start() > at:
            out.append((text[at : match.start()], font))
        out.append((match.group(0), s.face(s.CJK_FONT)))
        at = match.end()
    if at < len(text) or not out:
        out.append((text[at:], font))
    return out


def line_font(text: str, font: str) -> str:
    """Return the face a one-face line needs: the CJK face when it holds Chinese."""
    return s.face(s.CJK_FONT) if CJK.search(text) else font


def text_width(text: str, font: str, size: float) -> float:
    """Measure text as `draw_line` draws it, each run in its face."""
    return float(sum(stringWidth(run, face, size) for run, face in runs(text, font)))


def draw_line(
    canv: Any, text: str, x: float, y: float, right: bool = False,
    font: str = s.BASE_FONT, size: float = 8,
) -> None:  # fmt: skip
    """Draw one line from x (or ending at x when `right`), each run in the face it needs."""
    if right:
        x -= text_width(text, font, size)
    for run, face in runs(text, font):
        canv.setFont(face, size)
        canv.drawString(x, y, run)
        x += stringWidth(run, face, size)
