"""The comparison view: figures equal to the baseline report, filters, drill-downs, charts,
downloads, confidentiality and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.baselines.services import create_baseline, get_baseline
from app.compare.download_rows import every_indicator
from app.compare.indicator_performance import performance_page
from app.figures.baseline_report import baseline_report
from app.figures.data_source import Source
from tests.app import comparison_data as analysis_data
from tests.app import factories
from tests.app.comparison_helpers import counted, csv_rows, xlsx_text

CHARTS = ("pillar", "scope", "status", "entity_money", "coverage_pillar", "coverage_state",
          "transitions")  # fmt: skip
OLD, NEW = "2018 mapping", "2019 mapping"


@pytest.fixture
def data(db_session):
    analysis_data.two_baselines(db_session)
    return db_session


@pytest.fixture
def viewer(client, make_user, login):
    login(make_user("viewer"))
    return client


def cell(page: str, figure: str, side: str) -> str:
    """Return the text of one headline cell of the page."""
    row = re.search(rf'<tr data-figure="{figure}">(.*?)</tr>', page, re.S)
    assert row, figure
    found = re.search(rf'data-side="{side}">(.*?)</td>', row.group(1), re.S)
    assert found
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def headline_csv(data: bytes) -> dict[str, list[str]]:
    return {row[1]: row[2:] for row in csv_rows(data) if row and row[0] == "headline"}


def test_page_figures_equal_the_baseline_report(data, viewer) -> None:
    page = viewer.get("/compare", query_string={"a": OLD, "b": NEW}).get_data(as_text=True)
    old, new = baseline_report(data, OLD), baseline_report(data, NEW)
    assert old["projects"] != new["projects"]  # the check below can tell them apart
    for side, report in (("a", old), ("b", new)):
        assert cell(page, "projects", side) == f"{report['projects']:,}"
        assert cell(page, "budget_total", side) == f"{report['budget_usd']['total']:,}"
        assert cell(page, "shortfall", side) == f"{report['shortfall_usd']:,}"
        assert cell(page, "funded", side) == f"{report['funded_usd']:,}"
        assert (
            cell(page, "shortfall_pct_of_active", side) == f"{report['shortfall_pct_of_active']} %"
        )
        assert cell(page, "needs_addressed", side) == str(report["cted_needs"]["addressed"])


def test_csv_figures_equal_the_baseline_report_and_its_comparison(data, viewer) -> None:
    body = viewer.get("/compare.csv", query_string={"a": OLD, "b": NEW}).data
    rows = headline_csv(body)
    old, new = baseline_report(data, OLD), baseline_report(data, NEW, OLD)
    assert rows["Projects"][:3] == [str(old["projects"]), str(new["projects"]),
                                    str(new["compare"]["delta"]["projects"])]  # fmt: skip
    assert Decimal(rows["Budget, total (US$)"][1]) == new["budget_usd"]["total"]
    assert Decimal(rows["Shortfall, active projects (US$)"][0]) == old["shortfall_usd"]
    shortfall_pct = rows["Shortfall, share of active budget (%)"][1]
    assert Decimal(shortfall_pct) == new["shortfall_pct_of_active"]
    assert int(rows["CTED needs"][1]) == new["cted_needs"]["total"]
    changes = {r[1]: r[3] for r in csv_rows(body) if r and r[0].startswith("changes from")}
    for key in ("added", "removed", "carried_over"):
        assert int(changes[key]) == new["compare"][key]
    for key, count in new["compare"]["status_changes"].items():
        assert int(changes[key]) == count


def test_live_side_and_default_sources(data, viewer) -> None:
    page = viewer.get("/compare").get_data(as_text=True)
    assert "A: 2019 mapping" in page and "B: Live portfolio" in page
    live = viewer.get("/compare", query_string={"a": "", "b": ""}).get_data(as_text=True)
    assert cell(live, "projects", "a") == cell(live, "projects", "b")
    assert cell(page, "projects", "b") == cell(live, "projects", "b")


def test_filter_changes_figures_and_bad_values_are_ignored(data, viewer) -> None:
    all_ = viewer.get("/compare", query_string={"a": OLD, "b": NEW}).get_data(as_text=True)
    one = viewer.get("/compare", query_string={"a": OLD, "b": NEW, "pillar": "I"})
    assert one.status_code == 200
    assert int(cell(one.get_data(as_text=True), "projects", "b")) < int(cell(all_, "projects", "b"))
    bad = {"a": "nope", "b": "<x>", "pillar": "V", "entity": "';--", "scope": "\0",
           "member_state": "ZZZZ", "page": "-3"}  # fmt: skip
    response = viewer.get("/compare", query_string=bad)
    assert response.status_code == 200
    assert "Ignored unknown" in response.get_data(as_text=True)
    for name in CHARTS:
        assert viewer.get(f"/compare/chart/{name}.svg", query_string=bad).status_code == 200
    assert viewer.get("/compare.csv", query_string=bad).status_code == 200
    assert viewer.get("/compare/chart/nope.svg").status_code == 404
    drill = viewer.get("/compare/projects", query_string={"source": "", "status": "x", "page": "x"})
    assert drill.status_code == 200
    assert viewer.get("/compare/projects", query_string={"source": "nope"}).status_code == 404


def test_drill_down_lists_the_projects_behind_a_figure(data, viewer) -> None:
    report = baseline_report(data, NEW)
    page = viewer.get("/compare/projects", query_string={"source": NEW, "status": "completed"})
    text = page.get_data(as_text=True)
    assert f"{report['by_status']['completed']['count']} projects completed" in text
    pillar = viewer.get("/compare/projects", query_string={"source": NEW, "pillar": "III"})
    assert f"{report['by_pillar']['III']['count']} projects in the portfolio" in pillar.text
    added = viewer.get("/compare/projects", query_string={"set": "added", "a": OLD, "b": NEW})
    assert "NEW-000" in added.text and "P-000" not in added.text
    removed = viewer.get("/compare/projects", query_string={"set": "removed", "a": NEW, "b": OLD})
    assert "P-002" in removed.text  # cancelled between the two baselines


def test_charts_are_svg_with_literal_dollars(data, viewer) -> None:
    create_baseline(data, None, "Budget $5m and $3m {x}", dt.date(2020, 1, 1))
    for name in CHARTS:
        response = viewer.get(f"/compare/chart/{name}.svg",
                              query_string={"a": OLD, "b": "Budget $5m and $3m {x}"})  # fmt: skip
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.data.startswith(b"<?xml") and b"<svg" in response.data
    legend = viewer.get("/compare/chart/pillar.svg",
                        query_string={"a": OLD, "b": "Budget $5m and $3m {x}"}).data  # fmt: skip
    assert b"Budget $5m and $3m {x}" in legend


def test_indicator_performance_counts_approved_values_only(data, viewer) -> None:
    page = viewer.get("/compare", query_string={"a": OLD, "b": ""}).get_data(as_text=True)
    row = re.search(r"outcome IND-1.*?</tr>", page, re.S)
    assert row
    assert "2019Q2: 40" in row.group(0) and "2019Q3: 30" in row.group(0)
    assert "999" not in row.group(0)  # the 2019Q4 value is only submitted
    assert "70 %" in row.group(0) and "at risk" in row.group(0)


def _codes(rows) -> list[str]:
    return [row.code for row in rows]


def test_indicator_pages_together_hold_every_indicator_once(data) -> None:
    a = Source(get_baseline(data, OLD).id)
    b = Source(None)
    everything = list(every_indicator(data, a, b, ""))
    assert len(everything) >= 2
    assert len(set(_codes(everything))) == len(everything)
    pages = [performance_page(data, a, b, "", n, per_page=1) for n in range(1, len(everything) + 1)]
    assert [_codes(r for g in p.groups.values() for r in g) for p in pages] == [
        [code] for code in _codes(everything)
    ]
    assert [(p.first, p.last, p.pages) for p in pages[:1]] == [(1, 1, len(everything))]
    past = performance_page(data, a, b, "", 999, per_page=1)
    assert past.page == len(everything) and past.groups == pages[-1].groups


def test_indicator_pager_text_and_bad_page_numbers(data, viewer) -> None:
    for asked in ("1", "999", "x", "-3", "1" * 20):
        response = viewer.get(
            "/compare", query_string={"a": OLD, "b": "", "indicators_page": asked}
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Indicators 1–2 of 2," in page and "Next indicators" not in page


def test_indicator_pager_links_keep_the_sources_and_filters(data, viewer, monkeypatch) -> None:
    monkeypatch.setattr("app.compare.indicator_performance.PER_PAGE", 1)
    query = {"a": OLD, "b": "", "scope": "national", "indicators_page": "2"}
    page = viewer.get("/compare", query_string=query).get_data(as_text=True)
    assert "Indicators 2–2 of 2," in page and "Page 2 of 2" in page
    back = re.search(r'href="([^"]*)">&larr; Previous indicators', page)
    assert back and "indicators_page=1" in back.group(1) and "scope=national" in back.group(1)
    assert "Next indicators" not in page


def test_downloads_are_attachments_and_neutralise_formulas(data, viewer) -> None:
    factories.project(data, "F-1", title="=1+2")
    factories.project(data, "F-2", title="@SUM(A1:A2)")
    csv_response = viewer.get("/compare.csv", query_string={"a": OLD, "b": ""})
    assert csv_response.headers["Content-Disposition"] == (
        'attachment; filename="compact-comparison.csv"'
    )
    assert csv_response.headers["Cache-Control"] == "no-store"
    assert "'=HYPERLINK" in csv_response.get_data(as_text=True)
    projects = viewer.get("/compare/projects.csv", query_string={"source": ""})
    titles = {row[0]: row[1] for row in csv_rows(projects.data)}
    assert titles["F-1"] == "'=1+2" and titles["F-2"] == "'@SUM(A1:A2)"
    for url in ("/compare.xlsx?a=2018+mapping&b=", "/compare/projects.xlsx?source="):
        book = load_workbook(io.BytesIO(viewer.get(url).data))
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
        assert cells and all(c.data_type != "f" for c in cells)
        assert not any(str(c.value).startswith(("=", "@")) for c in cells)


def routes(labels: tuple[str, str]) -> list[str]:
    a, b = labels
    query = f"a={a}&b={b}"
    return [
        f"/compare?{query}",
        f"/compare?{query}&member_state={analysis_data.MARKER}",
        f"/compare?{query}&pillar=II",
        f"/compare.csv?{query}",
        f"/compare.csv?{query}&member_state={analysis_data.MARKER}",
        f"/compare.xlsx?{query}",
        *(f"/compare/chart/{name}.svg?{query}" for name in CHARTS),
        f"/compare/chart/coverage_state.svg?{query}&member_state={analysis_data.MARKER}",
        "/compare/projects?source=",
        f"/compare/projects?set=added&{query}",
        "/compare/projects.csv?source=",
        "/compare/projects.xlsx?source=",
        "/baselines",
        f"/baselines/{a}.csv",
        f"/baselines/{a}.xlsx",
        f"/baselines/{a}.json",
    ]


def body_text(response) -> str:
    if response.mimetype.endswith("sheet"):
        return xlsx_text(response.data)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("labels", [(OLD, NEW), (NEW, "")])
def test_viewer_never_sees_confidential_needs(data, viewer, labels) -> None:
    for url in routes(labels):
        response = viewer.get(url)
        assert response.status_code == 200, url
        text = body_text(response)
        assert analysis_data.CANARY not in text, url
        assert analysis_data.MARKER not in text, url


def test_cted_sees_confidential_member_states(data, client, make_user, login) -> None:
    login(make_user("cted"))
    page = client.get("/compare", query_string={"a": OLD, "b": ""}).get_data(as_text=True)
    assert f'value="{analysis_data.MARKER}"' in page
    chart = client.get("/compare/chart/coverage_state.svg", query_string={"a": OLD, "b": ""})
    assert analysis_data.MARKER.encode() in chart.data
    filtered = client.get("/compare", query_string={"b": "", "member_state": analysis_data.MARKER})
    assert cell(filtered.get_data(as_text=True), "needs_total", "b") == "1"


def test_anonymous_is_sent_to_sign_in(client) -> None:
    for url in ("/compare", "/compare.csv", "/compare/chart/pillar.svg", "/baselines",
                "/compare/projects?source="):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def _size(session, prefix: str, count: int) -> tuple[str, str]:
    analysis_data.add_projects(session, count, prefix=prefix)
    create_baseline(session, None, f"{prefix}-a", dt.date(2019, 1, 1))
    create_baseline(session, None, f"{prefix}-b", dt.date(2019, 6, 30))
    session.expire_all()
    return f"{prefix}-a", f"{prefix}-b"


PAGES = ("/compare?a={a}&b={b}", "/compare.csv?a={a}&b={b}", "/compare.xlsx?a={a}&b={b}",
         "/compare/chart/pillar.svg?a={a}&b=", "/compare/projects?source={a}&status=active",
         "/compare/projects?set=added&a={a}&b=", "/baselines")  # fmt: skip


def test_every_view_runs_a_fixed_number_of_queries(db_session, connection, viewer) -> None:
    counts = {}
    for prefix, size in (("S", 5), ("L", 60)):
        a, b = _size(db_session, prefix, size)
        viewer.get(PAGES[0].format(a=a, b=b))  # warm the user and caches alike
        for template in PAGES:
            with counted(connection) as statements:
                assert viewer.get(template.format(a=a, b=b)).status_code == 200
            counts[(prefix, template)] = len(statements)
    for template in PAGES:
        assert counts[("S", template)] == counts[("L", template)], template
    assert counts[("L", PAGES[0])] < 40
