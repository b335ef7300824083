"""Charts: Figure API only, literal labels whatever they hold (T50), SVG and PNG bytes."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from PIL import Image

from reports.charts import (
    bar_chart,
    compact_number,
    grouped_bar_chart,
    panel_bar_chart,
    release,
    to_png,
    to_svg,
)

NASTY = st.text(alphabet="$\\{}^_ ab", max_size=40)


def test_bar_chart_keeps_dollar_signs_literal() -> None:
    fig = bar_chart("Budget $5m and $3m", ["US$5m", "$3m"], [Decimal(5), Decimal(3)])
    svg = to_svg(fig).decode()
    assert isinstance(fig, Figure)
    assert "Budget $5m and $3m" in svg and "US$5m" in svg


def test_bad_macro_and_deep_braces_do_not_raise() -> None:
    fig = bar_chart(r"$\foo$", ["{" * 40 + "x" + "}" * 40, r"$\frac{$"], [1, 2])
    assert to_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_is_at_least_200_dpi() -> None:
    fig = bar_chart("t", ["a"], [1], size=(5.0, 2.0))
    with Image.open(io.BytesIO(to_png(fig))) as img:
        assert img.size == (1000, 400)


def test_grouped_chart_draws_one_bar_per_label_and_series() -> None:
    fig = grouped_bar_chart("t", ["A", "B", "C"], {"Budget": [1, 2, 3], "Funded": [1, 1, 1]})
    assert len(fig.axes[0].patches) == 6
    (legend,) = fig.legends  # the figure's, above the axes (test_chart_readability)
    assert [t.get_text() for t in legend.get_texts()] == ["Budget", "Funded"]


def test_panel_chart_has_one_axes_per_panel() -> None:
    fig = panel_bar_chart("t", {"By scope": {"Global": 2}, "By status": {"Ongoing": 3, "X": 1}})
    assert len(fig.axes) == 2


def test_same_chart_gives_same_bytes() -> None:
    def make() -> Figure:
        return bar_chart("t", ["a", "b"], [1, 2])

    assert to_png(make()) == to_png(make())
    assert to_svg(make()) == to_svg(make())


def test_release_empties_the_figure() -> None:
    fig = bar_chart("t", ["a"], [1])
    release(fig)
    assert fig.axes == []


def test_charts_never_import_pyplot() -> None:
    code = "import sys, reports.pdf, reports.charts; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=15, deadline=None)
@given(title=NASTY, labels=st.lists(NASTY, min_size=1, max_size=3))
def test_any_label_of_math_characters_renders(title: str, labels: list[str]) -> None:
    fig = bar_chart(title, labels, list(range(len(labels))), ylabel=title)
    assert to_svg(fig).startswith(b"<?xml")
    assert to_png(fig, dpi=50)[:4] == b"\x89PNG"
    release(fig)


def _texts_outside(fig: Figure) -> list[str]:
    """Return the visible texts whose drawn extent leaves the figure (fixed margins clip them)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    bounds = fig.bbox
    outside = []
    for text in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_visible()):
        if not text.get_text():
            continue
        box = text.get_window_extent(renderer).padded(-1)
        if not bounds.contains(box.x0, box.y0) or not bounds.contains(box.x1, box.y1):
            outside.append(text.get_text())
    return outside


def test_report_charts_keep_every_text_inside_the_figure() -> None:
    entities = [f"SRSG-{i:02d}" for i in range(40)]
    money = {"Budget": [Decimal(2_000) + i for i in range(40)], "Funded": [1] * 40}
    charts = [
        grouped_bar_chart("By entity (US$ million)", entities, money, ylabel="US$"),
        bar_chart("Gender", ["Unknown", "GEN-0"], [Decimal("15.6"), 40], target=15),
        panel_bar_chart("Pillar I", {"By scope": {"National": 269}, "By status": {"Ongoing": 9}}),
    ]
    assert [_texts_outside(fig) for fig in charts] == [[], [], []]


def test_a_text_past_the_edge_is_caught() -> None:
    fig = bar_chart("t", ["a"], [1])
    fig.axes[0].text(5.0, 0.5, "far right")
    assert _texts_outside(fig) == ["far right"]


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (0.5, "0.5"), (2500, "2,500"), (150_000_000, "150M"), (1_250_000_000, "1.25B"),
     (-3_000_000, "-3M"), (2_000_000, "2M")],
)  # fmt: skip
def test_value_axis_numbers_are_short_and_have_no_offset(value, text) -> None:
    assert compact_number(value) == text


def test_money_chart_axis_uses_compact_numbers() -> None:
    fig = grouped_bar_chart("US$", ["A"], {"Budget": [Decimal(150_000_000)]})
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks and all(re.fullmatch(r"0|\d{2,3}M", tick) for tick in ticks), ticks
    assert fig.axes[0].yaxis.get_offset_text().get_text() == ""
