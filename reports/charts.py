"""Charts as matplotlib Figures (never pyplot), rendered to SVG or PNG bytes.

User-typed labels can hold `$`, `\\`, `{`: mathtext is switched off for every text so they show
literally and never raise (RELIABILITY T50). Floats appear only here, at the chart edge.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.typing import RcKeyType
from PIL import Image as PILImage

Number = Decimal | int | float
MARGIN_TOP_IN = 0.42  # room for the title above the axes
ROTATED_LABELS_IN = 0.75  # room under the axes for labels set at an angle
NICE_STEPS = [1, 2, 5, 10]  # tick steps: 1, 2 or 5 times a power of ten

# Sober palette shared with the PDF: UN blue, navy, muted red for shortfalls, greys.
BLUE = "#009EDB"
NAVY = "#1F3A5F"
RED = "#B03A2E"
GREY = "#7F8C8D"
SERIES_COLOURS = (NAVY, BLUE, RED, GREY, "#5D9C59", "#C08A2B")

RC: dict[RcKeyType, Any] = {
    "text.parse_math": False,
    "text.usetex": False,
    # Chinese labels fall back, glyph by glyph, to the CJK face the PDFs embed (reports.fonts)
    "font.family": ["DejaVu Sans", "Droid Sans Fallback"],
    "font.size": 8,
    "axes.edgecolor": "#555555",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "compact-report",
    "svg.fonttype": "none",
}


@contextmanager
def chart_rc() -> Iterator[None]:
    """Apply the house chart settings, mathtext off, for the block's duration."""
    with matplotlib.rc_context(RC):
        yield


def _floats(values: Sequence[Number]) -> list[float]:
    """Convert figures to floats for plotting only."""
    return [float(v) for v in values]


def _exact(value: float) -> str:
    """Write a tick value with the decimals it has (up to six): 2.5, 10, 0.25, 1,500."""
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def compact_number(value: float, _position: object = None) -> str:
    """Write an axis value briefly and exactly: 2.5 / 2,500 / 150M / 1.25B, never an offset."""
    size = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M")):
        if size >= limit:
            return _exact(value / limit) + suffix
    return _exact(value)


def nice_locator() -> MaxNLocator:
    """Place value ticks at 1, 2 or 5 times a power of ten, so every label is a round number."""
    return MaxNLocator(nbins=6, steps=NICE_STEPS, min_n_ticks=3)


def _value_axis(ax: Any) -> None:
    """Put the value axis's ticks on nice numbers and label them compactly and exactly."""
    ax.yaxis.set_major_locator(nice_locator())
    ax.yaxis.set_major_formatter(FuncFormatter(compact_number))


def _new_figure(title: str, width: float, height: float) -> Figure:
    """Create a bare figure with a literal title.

    No layout engine: constrained layout measured every text's extent on each draw and cost
    about half of a chart's rendering time. Margins are set in inches instead (`_margins`).
    """
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    fig.suptitle(
        title,
        y=1 - 0.06 / height,
        va="top",
        fontsize=9,
        fontweight="bold",
        color=NAVY,
        parse_math=False,
    )
    return fig


def _margins(
    fig: Figure,
    *,
    left: float = 0.75,
    right: float = 0.12,
    bottom: float = 0.35,
    wspace: float = 0.2,
) -> None:
    """Fix the axes' margins in inches, so text keeps its room whatever the figure's size."""
    width, height = fig.get_size_inches()
    fig.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - MARGIN_TOP_IN / height,
        bottom=bottom / height,
        wspace=wspace,
    )


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[Number],
    *,
    ylabel: str = "",
    color: str = BLUE,
    size: tuple[float, float] = (6.3, 2.6),
    target: Number | None = None,
    value_format: str = "{:,.0f}",
) -> Figure:
    """Draw one series of vertical bars, values on top, with an optional target line."""
    with chart_rc():
        fig = _new_figure(title, *size)
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        bars = ax.bar(positions, _floats(values), color=color, width=0.6)
        ax.bar_label(bars, labels=[value_format.format(float(v)) for v in values], fontsize=7)
        ax.set_xticks(positions, [str(label) for label in labels])
        ax.set_ylabel(ylabel, parse_math=False)
        _value_axis(ax)
        ax.margins(y=0.15)
        if target is not None:
            ax.axhline(float(target), color=RED, linewidth=1, linestyle="--")
            ax.annotate(
                f"Target {float(target):g}",
                (1.01, float(target)),
                xycoords=("axes fraction", "data"),
                ha="left",
                va="center",
                fontsize=7,
                color=RED,
            )
        _margins(fig, right=0.12 if target is None else 0.7)
    return fig


def panel_bar_chart(
    title: str,
    panels: Mapping[str, Mapping[str, int]],
    *,
    size: tuple[float, float] = (6.3, 2.3),
) -> Figure:
    """Draw one small bar chart per panel side by side, e.g. projects by scope and by status."""
    with chart_rc():
        fig = _new_figure(title, *size)
        axes = fig.subplots(1, max(len(panels), 1), squeeze=False)[0]
        for ax, (name, counts) in zip(axes, panels.items(), strict=False):
            positions = list(range(len(counts)))
            bars = ax.bar(positions, [float(v) for v in counts.values()], color=BLUE, width=0.6)
            ax.bar_label(bars, fontsize=7)
            ax.set_xticks(positions, [str(k) for k in counts], fontsize=7)
            ax.set_title(name, fontsize=8, color=NAVY)
            ax.margins(y=0.2)
            ax.yaxis.set_visible(False)
            ax.spines["left"].set_visible(False)
        _margins(fig, left=0.12, wspace=0.08)
    return fig


def grouped_bar_chart(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[Number]],
    *,
    ylabel: str = "",
    size: tuple[float, float] = (6.3, 2.8),
) -> Figure:
    """Draw several series side by side per label, e.g. budget, funded and shortfall by entity."""
    with chart_rc():
        fig = _new_figure(title, *size)
        ax = fig.add_subplot()
        width = 0.8 / max(len(series), 1)
        for i, (name, values) in enumerate(series.items()):
            offsets = [x + (i - (len(series) - 1) / 2) * width for x in range(len(labels))]
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            ax.bar(offsets, _floats(values), width=width, label=name, color=colour)
        ax.set_xticks(list(range(len(labels))), [str(label) for label in labels])
        _value_axis(ax)
        rotated = len(labels) > 8
        if rotated:
            for tick in ax.get_xticklabels():
                tick.set(rotation=35, ha="right", rotation_mode="anchor")
        ax.set_ylabel(ylabel, parse_math=False)
        if series:  # headroom above the tallest bar keeps the legend off the bars
            ax.margins(y=0.3)
            ax.legend(frameon=False, fontsize=7, ncols=len(series), loc="upper right")
        _margins(fig, bottom=ROTATED_LABELS_IN if rotated else 0.35)
    return fig


def to_svg(fig: Figure) -> bytes:
    """Render a figure as SVG bytes (FigureCanvasSVG) with text kept as text and no timestamp."""
    buf = io.BytesIO()
    with chart_rc():
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()


def to_png(fig: Figure, dpi: int = 200) -> bytes:
    """Render a figure as PNG bytes (FigureCanvasAgg) at the given resolution."""
    buf = io.BytesIO()
    with chart_rc():
        fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def to_image(fig: Figure, dpi: int = 200) -> PILImage.Image:
    """Render a figure as an RGB image at the given resolution, without a PNG round trip."""
    with chart_rc():
        fig.set_dpi(dpi)
        fig.canvas.draw()
        canvas = fig.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        size = (rgba.shape[1], rgba.shape[0])
        return PILImage.frombuffer("RGBA", size, rgba.tobytes(), "raw", "RGBA", 0, 1).convert("RGB")


def release(fig: Figure) -> None:
    """Free a figure's artists once its bytes are out; pyplot never holds it."""
    fig.clear()
