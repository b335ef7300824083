"""The charts' house style: palette, hatches, text sizes and fonts, mathtext off (T50).

Fonts: DejaVu Sans covers Latin, Cyrillic and Arabic (shaped by matplotlib's libraqm); the PDF's
configured CJK font (reports.fonts, Droid Sans Fallback by default) answers for Chinese.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
from matplotlib.typing import RcKeyType

from reports.fonts import configured

TEXT_PT = 9  # the smallest text of any chart
TITLE_PT = 10

# Sober palette shared with the PDF: UN blue, navy, muted red for shortfalls, greys.
BLUE = "#009EDB"
NAVY = "#1F3A5F"
RED = "#B03A2E"
GREY = "#7F8C8D"
PALE_RED = "#E9A89B"
INK = "#1D2A36"
# Dark, middle and light (grey luminance about 55, 129 and 186 of 255), each with its own hatch.
SERIES_COLOURS = (NAVY, BLUE, PALE_RED, GREY, "#5D9C59", "#C08A2B")
SERIES_HATCHES = ("", "///", "..", "xx", "\\\\", "++")

RC: dict[RcKeyType, Any] = {
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": ["DejaVu Sans", "Droid Sans Fallback"],  # Latin, Cyrillic, Arabic; CJK
    "font.size": TEXT_PT,
    "hatch.linewidth": 0.6,
    "axes.edgecolor": "#555555",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "compact-report",
    "svg.fonttype": "none",
}


_fallback: list[str] = []


def _font_families() -> list[str]:
    """Return DejaVu Sans then the PDF's configured CJK font, registered with matplotlib once."""
    if not _fallback:
        from matplotlib import font_manager

        path = configured().cjk
        try:
            font_manager.fontManager.addfont(path)
            _fallback.append(font_manager.FontProperties(fname=path).get_name())
        except (OSError, RuntimeError):  # the PDF says which font is missing; charts fall back
            _fallback.append("Droid Sans Fallback")
    return ["DejaVu Sans", *_fallback]


@contextmanager
def chart_rc() -> Iterator[None]:
    """Apply the house chart settings, mathtext off, for the block's duration."""
    with matplotlib.rc_context({**RC, "font.family": _font_families()}):
        yield
