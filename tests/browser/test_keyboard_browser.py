"""The keyboard and the phone, in Chromium: the skip link, a visible focus, the collapsing menu."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import LiveServer, choose_language, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}


def focused(page: Any) -> dict[str, Any]:
    """What has the keyboard focus: tag, text, id, its outline and whether it is on screen."""
    return dict(
        page.evaluate(
            """() => { const e = document.activeElement, r = e.getBoundingClientRect(),
                 s = getComputedStyle(e);
               return {tag: e.tagName.toLowerCase(), text: e.textContent.trim(), id: e.id,
                       inMain: !!e.closest('main'), outline: s.outlineStyle,
                       width: parseFloat(s.outlineWidth),
                       onScreen: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight
                                 && r.left >= 0 && r.right <= innerWidth}; }"""
        )
    )


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_first_tab_shows_the_skip_link_and_it_leads_past_the_menu(
    live_server: LiveServer, page: Any, lang: str
) -> None:
    sign_in(page, live_server, "admin")
    choose_language(page, lang)
    page.goto(f"{live_server.url}/baselines")
    assert page.evaluate("document.documentElement.lang") == lang
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["tag"] == "a" and skip["onScreen"], skip
    assert skip["outline"] != "none" and skip["width"] >= 2, skip  # the focus is visible
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    page.keyboard.press("Tab")
    assert focused(page)["inMain"], focused(page)  # two presses from the top to the content


def test_the_menu_is_open_on_a_wide_screen_and_a_button_on_a_phone(
    live_server: LiveServer, page: Any
) -> None:
    sign_in(page, live_server, "admin")
    page.set_viewport_size(DESK)
    page.goto(f"{live_server.url}/projects")
    # by its address, not its words: an earlier test may have left this account in Arabic
    menu = page.locator('header nav a[href="/baselines"]')
    assert menu.is_visible()
    assert not page.locator("details.menu > summary").is_visible()

    page.set_viewport_size(PHONE)
    page.reload()
    assert not menu.is_visible()
    summary = page.locator("details.menu > summary")
    summary.focus()
    page.keyboard.press("Enter")  # the keyboard opens it
    assert menu.is_visible()
    menu.focus()
    assert focused(page)["onScreen"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
