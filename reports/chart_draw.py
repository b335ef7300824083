"""Charts drawn from their figures (reports.chart_data): bars, grouped bars, panels or words.

Import only where a chart is drawn (it imports matplotlib); describing a chart does not need it.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from reports.chart_data import ChartData, Kind, PanelChart, svg_with_text
from reports.chart_style import INK, TITLE_PT, chart_rc
from reports.charts import (
    bar_chart,
    grouped_bar_chart,
    new_figure,
    panel_bar_chart,
    release,
    to_svg,
)

Size = tuple[float, float]
DEFAULT_SIZE: Size = (6.3, 2.8)
MESSAGE_HEIGHT_IN = 1.2


def message_chart(title: str, message: str, size: Size = (6.3, MESSAGE_HEIGHT_IN)) -> Figure:
    """Draw a chart that says in words why it has no bars ("No changes between ...")."""
    with chart_rc():
        fig = new_figure(title, *size)
        fig.text(0.5, 0.4, message, ha="center", va="center", fontsize=TITLE_PT, color=INK)
    return fig


def draw(data: ChartData | PanelChart, size: Size = DEFAULT_SIZE) -> Figure:
    """Draw a chart's figures: plain bars for one series, grouped bars, panels, or its message."""
    if isinstance(data, PanelChart):
        panels = {p.title: dict(zip(p.labels, p.series[0][1], strict=True)) for p in data.panels}
        return panel_bar_chart(data.title, panels, size=size)
    if data.empty:
        return message_chart(data.title, data.empty_message(), (size[0], MESSAGE_HEIGHT_IN))
    counts = data.kind is Kind.COUNT
    if len(data.series) == 1:
        values = data.series[0][1]
        texts = [data.value_text(v) for v in values]
        return bar_chart(
            data.title,
            data.labels,
            values,
            ylabel=data.ylabel,
            size=size,
            target=data.target,
            value_labels=texts,
            counts=counts,
        )
    series = dict(data.series)
    return grouped_bar_chart(
        data.title, data.labels, series, ylabel=data.ylabel, size=size, counts=counts
    )


def svg(data: ChartData | PanelChart, ident: str, size: Size = DEFAULT_SIZE) -> bytes:
    """Render a chart as SVG with its text alternative: a <title> and its figures in a <desc>."""
    fig = draw(data, size)
    try:
        return svg_with_text(to_svg(fig), ident, data.title, data.description())
    finally:
        release(fig)
