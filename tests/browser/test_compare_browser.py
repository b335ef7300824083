"""The comparison view in Chromium: sign in, filter, see a figure change, download the CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def headline(page, figure: str, side: str) -> str:
    """Return the text of one headline cell."""
    return page.inner_text(f'tr[data-figure="{figure}"] td[data-side="{side}"]').strip()


def test_filter_changes_a_figure_and_the_csv_matches(live_server, page, tmp_path: Path) -> None:
    sign_in(page, live_server, "viewer")
    page.goto(f"{live_server.url}/compare")
    assert page.locator("#side-a").input_value() == "2019 mapping"
    assert page.locator("#side-b").input_value() == ""
    before = headline(page, "projects", "b")
    page.select_option("select[name=pillar]", "III")
    page.click("button:has-text('Compare')")
    page.wait_for_load_state()
    assert "pillar=III" in page.url
    after = headline(page, "projects", "b")
    assert int(after) < int(before)
    assert page.locator(".charts figure").count() == 7  # an image, or words when it is empty
    empty = page.locator(".charts .chart-empty").count()
    assert page.locator(".charts img").count() == 7 - empty
    assert page.locator(".charts img:not([width][height][alt][aria-describedby])").count() == 0
    page.locator(".charts img").last.scroll_into_view_if_needed()
    page.wait_for_function(  # every SVG chart loaded and decoded (they load lazily)
        "() => [...document.querySelectorAll('.charts img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename == "compact-comparison.csv"
    target = tmp_path / "comparison.csv"
    download.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert "pillar=III" in rows[1][1]
    projects = next(r for r in rows if r[:2] == ["headline", "Projects"])
    assert projects[3] == after


def test_admin_freezes_a_baseline_in_the_browser(live_server, page) -> None:
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/baselines")
    page.fill("input[name=label]", "browser baseline")
    page.fill("input[name=as_of]", "2020-06-30")
    page.click("button:has-text('Freeze baseline')")
    page.wait_for_load_state()
    assert "frozen as of 30 June 2020" in page.inner_text(".flash")
    row = page.locator("table.baselines tr", has_text="browser baseline")
    row.locator("button:has-text('Verify')").click()
    page.wait_for_load_state()
    assert page.inner_text(".flash").startswith("OK: baseline 'browser baseline'")
