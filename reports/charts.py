"""Charts as matplotlib Figures (never pyplot), rendered to SVG or PNG bytes.

User-typed labels can hold `$`, `\\`, `{`: mathtext is switched off for every text so they show
literally and never raise (RELIABILITY T50). Floats appear only here, at the chart edge.

Readable (issue 15): every text is at least 9 pt; legends sit above the axes, never on the bars;
count axes tick whole numbers only; series differ by hatching and by lightness as well as hue,
so they survive a grey printer; a chart with nothing to show says so in words. Import this
module only where a chart is drawn: `reports.chart_data` describes a chart without matplotlib.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image as PILImage

from reports.chart_numbers import compact_number as compact_number
from reports.chart_style import (
    BLUE as BLUE,
)
from reports.chart_style import (
    INK,
    NAVY,
    RED,
    SERIES_COLOURS,
    SERIES_HATCHES,
    TEXT_PT,
    TITLE_PT,
    chart_rc,
)
from reports.localized import gettext

Number = Decimal | int | float
MARGIN_TOP_IN = 0.45  # room for the title above the axes
LEGEND_GAP_IN = 0.08  # between the legend's row and the axes
ROTATED_LABELS_IN = 1.25  # the most room under the axes for labels set at an angle
ROTATED_LEFT_IN = 1.0  # and left of them, for the first label's reach
ROTATED_CHARS = 18  # longer labels set at an angle are shortened (the table has them whole)
NICE_STEPS = [1, 2, 5, 10]  # tick steps: 1, 2 or 5 times a power of ten


def _floats(values: Sequence[Number]) -> list[float]:
    """Convert figures to floats for plotting only."""
    return [float(v) for v in values]


def nice_locator(integer: bool = False) -> MaxNLocator:
    """Place value ticks at 1, 2 or 5 times a power of ten; whole numbers only for counts."""
    if integer:
        return MaxNLocator(nbins=6, steps=NICE_STEPS, integer=True, min_n_ticks=1)
    return MaxNLocator(nbins=6, steps=NICE_STEPS, min_n_ticks=3)


def _value_axis(ax: Any, counts: bool = False) -> None:
    """Put the value axis's ticks on nice numbers and label them compactly and exactly.

    A count axis ticks whole numbers only and shows at least 0 to 1, so 0, 1 or 2 projects never
    read "0, 0.25 ... 1, 1, 2, 2".
    """
    ax.yaxis.set_major_locator(nice_locator(integer=counts))
    ax.yaxis.set_major_formatter(FuncFormatter(compact_number))
    if counts:
        ax.set_ylim(bottom=0, top=max(1.0, ax.get_ylim()[1]))


def new_figure(title: str, width: float, height: float) -> Figure:
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
        fontsize=TITLE_PT,
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
    bottom: float = 0.4,
    top: float = MARGIN_TOP_IN,
    wspace: float = 0.2,
) -> None:
    """Fix the axes' margins in inches, so text keeps its room whatever the figure's size."""
    width, height = fig.get_size_inches()
    fig.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        wspace=wspace,
    )


def _legend_above(fig: Figure, left: float, right: float) -> float:
    """Set the legend in rows under the title, above the axes; return its height in inches.

    Never inside the axes, so it cannot cover a bar; as many entries a row as fit the width.
    """
    ax = fig.axes[0]
    handles, names = ax.get_legend_handles_labels()
    width, height = fig.get_size_inches()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ncols in range(len(names), 0, -1):
        legend = fig.legend(
            handles,
            names,
            loc="upper left",
            bbox_to_anchor=(left / width, 1 - MARGIN_TOP_IN / height),
            ncols=ncols,
            frameon=False,
            fontsize=TEXT_PT,
            borderaxespad=0,
            borderpad=0,
        )
        box = legend.get_window_extent(renderer)
        if box.width / fig.dpi <= width - left - right or ncols == 1:
            return float(box.height / fig.dpi)
        legend.remove()
    return 0.0


def _bars(ax: Any, positions: Sequence[float], values: Sequence[Number], i: int, **kw: Any) -> Any:
    """Draw one series' bars in its colour and hatch, outlined, so greys still tell them apart."""
    return ax.bar(
        positions,
        _floats(values),
        color=SERIES_COLOURS[i % len(SERIES_COLOURS)],
        hatch=SERIES_HATCHES[i % len(SERIES_HATCHES)],
        edgecolor=INK,
        linewidth=0.5,
        **kw,
    )


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[Number],
    *,
    ylabel: str = "",
    size: tuple[float, float] = (6.3, 2.6),
    target: Number | None = None,
    value_labels: Sequence[str] | None = None,
    counts: bool = False,
) -> Figure:
    """Draw one series of vertical bars, values on top, with an optional target line."""
    with chart_rc():
        fig = new_figure(title, *size)
        ax = fig.add_subplot()
        positions = list(range(len(labels)))
        bars = _bars(ax, positions, values, 0, width=0.6)
        texts = value_labels or [compact_number(float(v)) for v in values]
        ax.bar_label(bars, labels=list(texts), fontsize=TEXT_PT)
        ax.set_xticks(positions, [str(label) for label in labels])
        ax.set_ylabel(ylabel, parse_math=False)
        ax.margins(y=0.15)
        _value_axis(ax, counts)
        right = 0.12
        if target is not None:
            _target_line(ax, target)
            right = 1.0
        _margins(fig, right=right)
    return fig


def _target_line(ax: Any, target: Number) -> None:
    """Draw the target as a dashed line named at the axes' right edge."""
    ax.axhline(float(target), color=RED, linewidth=1, linestyle="--")
    ax.annotate(
        gettext("Target %(value)s", value=compact_number(float(target))),
        (1.01, float(target)),
        xycoords=("axes fraction", "data"),
        ha="left",
        va="center",
        fontsize=TEXT_PT,
        color=RED,
    )


def panel_bar_chart(
    title: str,
    panels: Mapping[str, Mapping[str, Number]],
    *,
    size: tuple[float, float] = (6.3, 2.4),
) -> Figure:
    """Draw one small bar chart per panel side by side, e.g. projects by scope and by status."""
    with chart_rc():
        fig = new_figure(title, *size)
        axes = fig.subplots(1, max(len(panels), 1), squeeze=False)[0]
        for ax, (name, counts) in zip(axes, panels.items(), strict=False):
            positions = list(range(len(counts)))
            bars = _bars(ax, positions, list(counts.values()), 0, width=0.6)
            ax.bar_label(bars, fontsize=TEXT_PT)
            ax.set_xticks(positions, [str(k) for k in counts], fontsize=TEXT_PT)
            ax.set_title(name, fontsize=TEXT_PT, color=NAVY)
            ax.margins(y=0.2)
            ax.yaxis.set_visible(False)
            ax.spines["left"].set_visible(False)
        _margins(fig, left=0.12, wspace=0.08, top=MARGIN_TOP_IN + 0.1)
    return fig


def _short(label: str) -> str:
    """Shorten a label set at an angle: "Democratic Republic…" (its full name is in the table)."""
    return label if len(label) <= ROTATED_CHARS else label[: ROTATED_CHARS - 1].rstrip() + "\u2026"


def _rotate(fig: Figure, labels: Sequence[str]) -> float:
    """Set many labels at 45 degrees, shortened, so they neither collide nor leave the figure.

    Return the room they take under the axes, in inches: as much as the longest needs.
    """
    ax = fig.axes[0]
    ax.set_xticks(list(range(len(labels))), [_short(str(label)) for label in labels])
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    reach = 0.0
    for tick in ax.get_xticklabels():
        tick.set(rotation=45, ha="right", rotation_mode="anchor")
        reach = max(reach, tick.get_window_extent(renderer).height / fig.dpi)
    return min(ROTATED_LABELS_IN, reach + 0.15)


def grouped_bar_chart(
    title: str,
    labels: Sequence[str],
    series: Mapping[str, Sequence[Number]],
    *,
    ylabel: str = "",
    size: tuple[float, float] = (6.3, 2.8),
    counts: bool = False,
) -> Figure:
    """Draw several series side by side per label, e.g. budget, funded and shortfall by entity."""
    with chart_rc():
        fig = new_figure(title, *size)
        ax = fig.add_subplot()
        width = 0.8 / max(len(series), 1)
        for i, (name, values) in enumerate(series.items()):
            offsets = [x + (i - (len(series) - 1) / 2) * width for x in range(len(labels))]
            _bars(ax, offsets, values, i, width=width, label=name)
        ax.set_xticks(list(range(len(labels))), [str(label) for label in labels])
        ax.margins(y=0.1)
        _value_axis(ax, counts)
        rotated = len(labels) > 8
        bottom = _rotate(fig, labels) if rotated else 0.4
        ax.set_ylabel(ylabel, parse_math=False)
        left = ROTATED_LEFT_IN if rotated else 0.75
        legend = _legend_above(fig, left, 0.12) if series else 0.0
        top = MARGIN_TOP_IN + (legend + LEGEND_GAP_IN if legend else 0.0)
        _margins(fig, left=left, bottom=bottom, top=top)
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
