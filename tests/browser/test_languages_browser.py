"""Six languages in Chromium: Arabic chosen with the header's switcher on the sign-in page lays
the pages out right to left, survives sign-in and is saved on the account (a new browser
signing in gets it without the cookie); switching back to English works.

The CTED user is this file's: no other browser test signs in with it, so its saved language
changes nobody else's pages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveServer

pytestmark = pytest.mark.browser
ROLE = "cted"


def switch(page: Any, code: str) -> None:
    """Choose a language with the header's switcher and submit it."""
    page.select_option("#language-choice", code)
    page.click("form.language input[type=submit]")
    page.wait_for_load_state()


def html(page: Any) -> tuple[str, str]:
    """Return the page's language and direction."""
    element = page.locator("html")
    return element.get_attribute("lang"), element.get_attribute("dir")


def submit_sign_in(page: Any, server: LiveServer) -> None:
    page.fill("input[name=email]", server.users[ROLE])
    page.fill("input[name=password]", server.password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def right_edge(b: dict[str, float]) -> float:
    return b["x"] + b["width"]


# The gaps between a header cell's text and the cell's right and left edges (widest column).
TEXT_GAPS = """() => {
  const cells = [...document.querySelectorAll('table thead th')];
  const th = cells.sort((a, b) => b.offsetWidth - a.offsetWidth)[0];
  const range = document.createRange(); range.selectNodeContents(th);
  const text = range.getBoundingClientRect(), cell = th.getBoundingClientRect();
  return [cell.right - text.right, text.left - cell.left];
}"""


def test_arabic_is_chosen_kept_at_sign_in_saved_and_undone(live_server, browser) -> None:
    first = browser.new_context()
    page = first.new_page()
    page.goto(f"{live_server.url}/login")
    assert html(page) == ("en", "ltr")
    switch(page, "ar")
    assert page.url.endswith("/login")
    assert html(page) == ("ar", "rtl")
    header, brand = box(page, "header.top"), box(page, "header.top .brand")
    assert right_edge(header) - right_edge(brand) < 40  # the brand sits at the right edge
    assert brand["x"] > header["width"] / 2
    submit_sign_in(page, live_server)
    assert html(page) == ("ar", "rtl")
    page.goto(f"{live_server.url}/projects")
    cells = page.locator("table thead th")
    first_cell, last_cell = cells.first.bounding_box(), cells.last.bounding_box()
    assert first_cell is not None and last_cell is not None
    assert first_cell["x"] > last_cell["x"]  # the table's first column is on the right
    right_gap, left_gap = page.evaluate(TEXT_GAPS)
    assert right_gap < left_gap  # and a heading starts at the cell's right (text-align: start)
    first.close()

    second = browser.new_context()  # no cookie: the account's saved choice
    page = second.new_page()
    page.goto(f"{live_server.url}/login")
    assert html(page) == ("en", "ltr")
    submit_sign_in(page, live_server)
    assert html(page) == ("ar", "rtl")
    switch(page, "en")
    assert html(page) == ("en", "ltr")
    header, brand = box(page, "header.top"), box(page, "header.top .brand")
    assert brand["x"] - header["x"] < 40  # back at the left edge
    page.goto(f"{live_server.url}/projects")
    cells = page.locator("table thead th")
    first_cell, last_cell = cells.first.bounding_box(), cells.last.bounding_box()
    assert first_cell is not None and last_cell is not None
    assert first_cell["x"] < last_cell["x"]
    right_gap, left_gap = page.evaluate(TEXT_GAPS)
    assert left_gap < right_gap
    second.close()
