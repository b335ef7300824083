"""Draw one chart of the comparison view as SVG, with its text alternative.

The only module of the comparison view that imports matplotlib (through reports.chart_draw);
its view imports it when a chart is asked for, so `import app` does not (issue 17).
"""

from __future__ import annotations

from app.compare.chart_figures import CHARTS, WIDE
from app.compare.comparison import Screen
from reports.chart_draw import svg


def chart_svg(screen: Screen, name: str) -> bytes:
    """Render one named chart of the screen as SVG bytes (KeyError for an unknown name)."""
    return svg(CHARTS[name](screen), f"chart-{name}", WIDE)
