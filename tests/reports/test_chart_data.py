"""A chart's figures apart from its drawing: its table, its words, its SVG text alternative."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from decimal import Decimal

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from hypothesis import example, given, settings
from hypothesis import strategies as st

import indicators.i18n
from reports.chart_data import NOT_XML, ChartData, Kind, PanelChart, counts, svg_with_text
from reports.chart_draw import draw, svg

SVG = "{http://www.w3.org/2000/svg}"
PILLARS = ChartData(
    "Projects by pillar",
    ("I", "II"),
    (("2018 mapping", (3, 0)), ("Live portfolio", (4, 1))),
    Kind.COUNT,
    "projects",
    "Pillar",
)


def test_the_table_has_a_header_per_column_and_a_row_per_label() -> None:
    assert PILLARS.headers() == ["Pillar", "2018 mapping", "Live portfolio"]
    assert PILLARS.rows() == [["I", "3", "4"], ["II", "0", "1"]]
    one = counts("By scope", {"Global": 1}, ylabel="projects")
    assert one.headers() == ["Item", "projects"]  # never an empty header


def test_the_description_says_every_figure() -> None:
    assert PILLARS.description() == (
        "I: 2018 mapping 3, Live portfolio 4; II: 2018 mapping 0, Live portfolio 1."
    )
    gender = ChartData("Share", ("GEN-0", "GEN-3"), (("", (Decimal("40.25"), 15)),),
                       Kind.PERCENT, target=15)  # fmt: skip
    assert gender.description() == "GEN-0: 40.3 %; GEN-3: 15.0 %; target 15.0 %."
    panels = PanelChart("Pillar I", (counts("By scope", {"Global": 1, "National": 2}),))
    assert panels.description() == "By scope \u2013 Global: 1; National: 2."


def test_an_empty_chart_says_so() -> None:
    empty = ChartData("Status changes", (), (("projects", ()),), empty_text="No changes")
    assert empty.empty and empty.description() == "No changes"
    assert ChartData("t", (), ()).description() == "No figures to chart for this selection."
    fig = draw(empty)
    texts = [t.get_text() for t in fig.texts]
    assert "No changes" in texts and fig.axes == []


def as_parsed(text: str) -> str:
    """The text an XML parser gives back: control characters gone, line ends read as LF (XML 1.0
    section 2.11 turns CR LF and a lone CR into LF)."""
    return NOT_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=25, deadline=None)
@example(title="\r", labels=["a"])
@given(
    title=st.text(min_size=1, max_size=30),
    labels=st.lists(st.text(alphabet="<>&\"'$ abc", min_size=1, max_size=8), min_size=1,
                    max_size=4),
)  # fmt: skip
def test_the_svg_text_alternative_is_well_formed_whatever_the_labels(title, labels) -> None:
    data = counts(title, {label: i for i, label in enumerate(dict.fromkeys(labels))})
    body = svg_with_text(
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="1pt">\n</svg>',
        "chart-x",
        data.title,
        data.description(),
    )
    root = ET.fromstring(body)
    title_el, desc_el = list(root)[:2]
    assert title_el.tag == f"{SVG}title" and (title_el.text or "") == as_parsed(title)
    assert root.get("aria-labelledby") == "chart-x-title" == title_el.get("id")
    assert (desc_el.text or "") == as_parsed(data.description())


def test_a_drawn_svg_carries_its_title_and_figures() -> None:
    root = ET.fromstring(svg(PILLARS, "chart-pillar"))
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "Projects by pillar"
    assert root.findtext(f"{SVG}desc") == PILLARS.description()


def test_not_an_svg_is_refused() -> None:
    with pytest.raises(ValueError, match="not an SVG"):
        svg_with_text(b"<html></html>", "x", "t", "d")


FRENCH = {
    "%(label)s: %(value)s": "%(label)s : %(value)s",
    "%(before)s; %(after)s": "%(before)s ; %(after)s",
    "%(figures)s.": "%(figures)s.",
    "Target %(value)s": "Cible %(value)s",
    "Item": "Élément",
    "Value": "Valeur",
}


@pytest.fixture
def french() -> Iterator[None]:
    cat = Catalog(locale="fr")
    for msgid, msgstr in FRENCH.items():
        cat.add(msgid, msgstr)
    buf = io.BytesIO()
    write_mo(buf, cat)
    buf.seek(0)
    translations = Translations(buf)
    indicators.i18n.install(lambda: translations, lambda: "fr")
    try:
        yield
    finally:
        indicators.i18n.install(lambda: Translations(), lambda: "en")


def test_chart_words_follow_the_language(french: None) -> None:
    data = ChartData("Part", ("GEN-0", "GEN-3"), (("", (40, 15)),), target=15)
    assert data.description().startswith("GEN-0 : 40 ; GEN-3 : 15")
    assert data.headers() == ["Élément", "Valeur"]
    fig = draw(data)
    assert "Cible 15" in [t.get_text() for t in fig.axes[0].texts]


def test_axis_numbers_follow_the_language(french: None) -> None:
    from babel.numbers import format_compact_decimal, format_decimal

    from reports.charts import compact_number

    assert compact_number(2500) == format_decimal(2500, locale="fr")  # Babel's own spaces
    assert compact_number(0.5) == "0,5"
    assert compact_number(150_000_000) == format_compact_decimal(
        150e6, format_type="short", locale="fr"
    )
