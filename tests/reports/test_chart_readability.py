"""Charts people can read (issue 15): legends off the bars, whole-number ticks for counts,
text of 9 pt or more, series told apart in grey, words instead of an empty chart, fonts for
every UN language, and a text alternative in each SVG."""

from __future__ import annotations

import re
import subprocess
import sys
import warnings
from decimal import Decimal
from itertools import combinations

import pytest
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.text import Text

from reports.charts import bar_chart, grouped_bar_chart, panel_bar_chart
from tests.reports.test_charts import _texts_outside

MONEY = {
    "Budget": [Decimal(90), Decimal(80), Decimal(85)],
    "Funded": [Decimal(88), Decimal(20), Decimal(84)],
    "Shortfall": [Decimal(2), Decimal(60), Decimal(1)],
}


def _drawn(fig: Figure) -> Figure:
    fig.canvas.draw()
    return fig


def _texts(fig: Figure) -> list[Text]:
    found = fig.findobj(lambda a: isinstance(a, Text) and a.get_visible() and bool(a.get_text()))
    return [t for t in found if isinstance(t, Text)]


def test_the_legend_sits_outside_the_axes_never_on_the_bars() -> None:
    fig = _drawn(grouped_bar_chart("US$ million", ["UNOCT", "UNODC", "CTED"], MONEY))
    (legend,) = fig.legends or [fig.axes[0].get_legend()]
    legend_box = legend.get_window_extent().transformed(fig.transFigure.inverted())
    axes_box = fig.axes[0].get_window_extent().transformed(fig.transFigure.inverted())
    assert not legend_box.overlaps(axes_box), (legend_box, axes_box)
    assert legend_box.y0 >= axes_box.y1 and legend_box.y1 <= 1  # above the axes, in the figure


def test_a_long_legend_wraps_inside_the_figure() -> None:
    names = {f"Baseline {'x' * 40} {i}": [1, 2] for i in range(3)}
    fig = _drawn(grouped_bar_chart("t", ["a", "b"], names, counts=True))
    box = fig.legends[0].get_window_extent().transformed(fig.transFigure.inverted())
    axes_box = fig.axes[0].get_window_extent().transformed(fig.transFigure.inverted())
    assert box.x0 >= 0 and box.x1 <= 1 and not box.overlaps(axes_box)


def _tick_labels(fig: Figure) -> list[str]:
    ax = _drawn(fig).axes[0]
    low, high = ax.get_ylim()
    return [t.get_text() for t in ax.get_yticklabels() if low <= t.get_position()[1] <= high]


@pytest.mark.parametrize("top", [0, 1, 2])
def test_count_axes_tick_whole_numbers_only(top: int) -> None:
    for fig in (
        grouped_bar_chart("t", ["a", "b"], {"A": [0, top], "B": [top, 0]}, counts=True),
        bar_chart("t", ["a", "b"], [0, top], counts=True),
    ):
        ticks = _tick_labels(fig)
        assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks
        assert len(set(ticks)) == len(ticks), ticks  # never "1, 1, 2, 2"
        assert "0" in ticks and str(max(top, 1)) in ticks


def test_every_text_is_at_least_9_pt() -> None:
    figs = [
        grouped_bar_chart("t", ["UNOCT", "UNODC"], {"A": [1, 2], "B": [2, 1]}),
        grouped_bar_chart("t", [f"S{i}" for i in range(20)], {"A": list(range(20))}),
        bar_chart("Gender", ["GEN-0", "GEN-3"], [Decimal("15.6"), 40], target=15, ylabel="%"),
        panel_bar_chart("Pillar I", {"By scope": {"National": 2, "Global": 1}}),
    ]
    small = [(t.get_text(), t.get_fontsize()) for f in figs for t in _texts(_drawn(f))]
    assert [s for s in small if s[1] < 9] == []


def _grey(colour: tuple[float, float, float, float]) -> float:
    """Return the luminance a grey printer keeps (ITU-R 601, as PIL's "L"), 0-255."""
    r, g, b = to_rgb(colour)
    return 255 * (0.299 * r + 0.587 * g + 0.114 * b)


def test_series_differ_in_grey_and_by_hatching() -> None:
    fig = grouped_bar_chart("t", ["a", "b", "c"], MONEY)
    ax = fig.axes[0]
    firsts = [ax.patches[i * 3] for i in range(3)]  # each series' first bar
    greys = [_grey(bar.get_facecolor()) for bar in firsts]
    assert all(abs(x - y) >= 40 for x, y in combinations(greys, 2)), greys
    hatches = [bar.get_hatch() or "" for bar in firsts]
    assert len(set(hatches)) == 3, hatches


def test_chinese_cyrillic_and_arabic_have_glyphs() -> None:
    labels = ["支柱一：预防", "Столп II", "الركيزة الثالثة"]
    fig = bar_chart("按支柱分列的项目 · Проекты · المشاريع", labels, [1, 2, 3], counts=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        fig.canvas.draw()


def test_importing_the_app_does_not_import_matplotlib() -> None:
    code = (
        "import sys, app, reports.pdf.quarterly, reports.pdf.baseline; app.create_app(); "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_long_names_set_at_an_angle_stay_inside_the_figure() -> None:
    states = ["Bosnia and Herzegovina", "Democratic Republic of the Congo"] * 6
    series = {"needs": list(range(12)), "addressed": list(range(12))}
    fig = grouped_bar_chart("CTED needs by Member State", states, series, size=(9.0, 3.2))
    assert _texts_outside(fig) == []
    assert fig.axes[0].get_xticklabels()[1].get_text() == "Democratic Republ\u2026"


def test_the_pdf_never_shrinks_a_chart_below_its_drawn_size() -> None:
    from reports.chart_data import counts
    from reports.pdf.blocks import chart

    for size in ((6.3, 2.4), (6.3, 2.8)):
        image = chart(counts("t", {"a": 1, "b": 2}), size=size)
        assert image.width >= size[0] * 72 and image.height >= size[1] * 72  # 9 pt stays 9 pt


def test_short_labels_set_at_an_angle_take_only_the_room_they_need() -> None:
    entities = ["UNOCT", "UNODC", "UNDP", "UNESCO", "OHCHR", "UN Women", "INTERPOL", "ICAO", "IOM"]
    fig = _drawn(grouped_bar_chart("t", entities, {"Budget": list(range(9))}))
    below_axes_in = fig.axes[0].get_position().y0 * fig.get_size_inches()[1]
    assert below_axes_in < 0.9 and _texts_outside(fig) == []
