"""The comparison view's charts people can read (issue 15): each image has its size, a text
alternative and its figures in a table beside it; each SVG has a title and a description;
a chart with nothing to show says so instead of drawing an empty frame."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.app import comparison_data as analysis_data
from tests.app.test_compare_view import CHARTS, NEW, OLD

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def data(db_session):
    analysis_data.two_baselines(db_session)
    return db_session


@pytest.fixture
def viewer(client, make_user, login):
    login(make_user("viewer"))
    return client


def _figure(page: str, name: str) -> str:
    found = re.search(rf'<figure id="chart-{name}">(.*?)</figure>', page, re.S)
    assert found, name
    return found.group(1)


def test_each_chart_image_has_its_size_a_name_and_its_figures_beside_it(data, viewer) -> None:
    page = viewer.get("/compare", query_string={"a": OLD, "b": NEW}).get_data(as_text=True)
    for name in CHARTS:
        figure = _figure(page, name)
        img = re.search(r"<img [^>]*>", figure)
        assert img, name
        tag = img.group(0)
        assert 'width="864"' in tag and 'height="307"' in tag, tag
        alt = re.search(r'alt="([^"]+)"', tag)
        assert alt and not alt.group(1).startswith("Chart:"), tag  # the chart's own title
        assert f'aria-describedby="chart-{name}-figures"' in tag
        table = re.search(rf'<table [^>]*id="chart-{name}-figures">(.*?)</table>', figure, re.S)
        assert table, name
        assert f"<caption>{alt.group(1)}</caption>" in table.group(1)
        headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table.group(1))
        assert len(headers) >= 2 and all(h.strip() for h in headers), headers
    pillar = _figure(page, "pillar")
    assert '<th scope="col">Pillar</th>' in pillar and f">{OLD}</th>" in pillar


def test_the_figures_table_holds_the_charts_figures(data, viewer) -> None:
    page = viewer.get("/compare", query_string={"a": OLD, "b": NEW}).get_data(as_text=True)
    breakdown = re.search(r"<th>Pillar</th>.*?</table>", page, re.S)
    assert breakdown
    cells = re.findall(r"<tr><td>(\w+)</td>\s*<td[^>]*>.*?>(\d+)</a>", breakdown.group(0), re.S)
    table = _figure(page, "pillar")
    for pillar, count in cells:  # the breakdown table's A column, as the chart's table says it
        assert re.search(rf'<th scope="row">{pillar}</th><td class="num">{count}</td>', table)


def test_each_svg_has_a_title_and_a_description_it_is_labelled_by(data, viewer) -> None:
    for name in CHARTS:
        body = viewer.get(f"/compare/chart/{name}.svg", query_string={"a": OLD, "b": NEW}).data
        root = ET.fromstring(body)
        assert root.get("role") == "img"
        assert root.get("width") and root.get("height")
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        assert title is not None and desc is not None, name
        assert root.get("aria-labelledby") == title.get("id") == f"chart-{name}-title"
        assert root.get("aria-describedby") == desc.get("id")
        assert list(root)[0] is title  # the first child names the image
        assert title.text and desc.text and re.search(r"\d", desc.text), (name, desc.text)
    pillar = ET.fromstring(viewer.get("/compare/chart/pillar.svg",
                                      query_string={"a": OLD, "b": NEW}).data)  # fmt: skip
    desc = pillar.find(f"{SVG}desc")
    assert desc is not None and desc.text and f"{OLD} " in desc.text and "; " in desc.text


def test_no_status_change_says_so_instead_of_an_empty_chart(data, viewer) -> None:
    query = {"a": OLD, "b": OLD}
    page = viewer.get("/compare", query_string=query).get_data(as_text=True)
    figure = _figure(page, "transitions")
    assert "<img" not in figure and "No changes between these baselines" in figure
    svg = viewer.get("/compare/chart/transitions.svg", query_string=query).data
    assert b"No changes between these baselines" in svg
    assert b'id="axes_1"' not in svg  # words, not an empty frame
    root = ET.fromstring(svg)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and desc.text == "No changes between these baselines"
