"""Sign-in through a real OpenID provider (node-oidc-provider), end to end in Chromium."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from flask_babel import force_locale
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import create_app
from app.auth.oidc_views import MESSAGES
from app.db import make_engine
from app.models.audit import AuditEvent
from app.models.auth import User
from tests.browser.conftest import LiveServer
from tests.browser.oidc.conftest import DEACTIVATED
from tests.conftest import TEST_KEY

pytestmark = pytest.mark.browser


def english(reason: str, email: str = "") -> str:
    """Return the refusal the sign-in page shows in English, computed by the app's own words."""
    app = create_app({"SECRET_KEY": TEST_KEY, "DATABASE_URL": "sqlite://"})
    with app.test_request_context(), force_locale("en"):
        from app.auth.oidc import Refused
        from app.auth.oidc_views import _message

        return _message(Refused(reason, email)) if email else str(MESSAGES[reason])


def through_provider(page: Any, server: LiveServer, login: str, timeout: float = 30000) -> None:
    """Press the sign-in page's button and sign in at the provider as ``login``."""
    page.goto(f"{server.url}/login")
    page.click("form.oidc button[type=submit]")
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "anything")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if not page.url.startswith(server.url):  # the provider asks to consent the first time
        page.click("button:has-text('Continue')")
    page.wait_for_url(f"{server.url}/**", timeout=timeout)
    page.wait_for_load_state()


def signed_in_as(page: Any) -> str | None:
    """Return the e-mail the header shows as signed in, None when nobody is."""
    who = page.locator("header .who bdi").first
    return who.inner_text() if who.count() else None


def first(database: str, query: Any) -> Any:
    """Return the first row of a query on the live server's database, None without one."""
    engine = make_engine(database)
    try:
        with Session(engine, expire_on_commit=False) as session:
            return session.scalars(query).first()
    finally:
        engine.dispose()


def last_event(database: str, action: str) -> AuditEvent | None:
    """Return the newest audit event of an action in the live server's database."""
    query = select(AuditEvent).where(AuditEvent.action == action)
    return first(database, query.order_by(AuditEvent.id.desc()))


def test_signing_in_lands_home_as_the_matching_user(
    page: Any, oidc_server: LiveServer, oidc_database: str
) -> None:
    through_provider(page, oidc_server, "Focal_Point@example.org")
    assert page.url == f"{oidc_server.url}/"
    assert signed_in_as(page) == oidc_server.users["focal_point"]
    event = last_event(oidc_database, "login")
    assert event is not None and event.after == {"method": "oidc"}
    email = oidc_server.users["focal_point"]
    assert event.user_id == first(oidc_database, select(User.id).where(User.email == email))


@pytest.mark.parametrize(
    ("login", "reason", "email"),
    [
        ("nobody@example.org", "unknown", "nobody@example.org"),
        (DEACTIVATED, "inactive", DEACTIVATED),
        ("unverified.admin@example.org", "unverified", ""),
    ],
)
def test_an_account_that_may_not_sign_in_is_refused(
    page: Any, oidc_server: LiveServer, oidc_database: str, login: str, reason: str, email: str
) -> None:
    through_provider(page, oidc_server, login)
    assert urlsplit(page.url).path == "/login"
    assert page.locator("p.flash.error").inner_text() == english(reason, email)
    assert signed_in_as(page) is None
    event = last_event(oidc_database, "login_refused")
    assert event is not None and event.after is not None
    assert (event.after["reason"], event.after["email"]) == (reason, login.split("unverified.")[-1])


def capture_callback(page: Any, server: LiveServer, keep_going: bool) -> dict[str, Any]:
    """Record the address the provider sends the browser back to, and the app's cookies at that
    moment; let the browser follow it, or stop it there (a blank page)."""
    seen: dict[str, Any] = {}

    def at_provider(url: str) -> bool:  # the provider's authorization endpoint, /auth/...
        return url.startswith("http://127.0.0.1:") and not url.startswith(server.url)

    def handle(route: Any) -> None:
        if not route.request.is_navigation_request():
            route.continue_()
            return
        response = route.fetch(max_redirects=0)
        location = response.headers.get("location")
        provider = "{0.scheme}://{0.netloc}/".format(urlsplit(route.request.url))
        while location and urljoin(provider, location).startswith(provider):
            location = urljoin(provider, location)  # the provider's own hops, followed here
            hop = page.context.request.get(location, max_redirects=0)
            if not hop.headers.get("location"):
                break  # a page of the provider's (consent): the browser shows it
            location = hop.headers["location"]
        if not location:
            route.fulfill(response=response)
            return
        if not location.startswith(f"{server.url}/login/oidc/callback"):
            route.fulfill(status=303, headers={"location": location})
            return
        seen["url"], seen["cookies"] = location, page.context.cookies(server.url)
        if keep_going:
            route.fulfill(status=303, headers={"location": location})
        else:
            route.fulfill(body="stopped", content_type="text/plain")

    page.route(at_provider, handle)
    return seen


def test_a_replayed_callback_is_refused(browser: Any, page: Any, oidc_server: LiveServer) -> None:
    seen = capture_callback(page, oidc_server, keep_going=True)
    through_provider(page, oidc_server, "reviewer@example.org")
    assert signed_in_as(page) == oidc_server.users["reviewer"]
    # Another browser replays the address with the cookies the first one had at that moment.
    other = browser.new_context()
    try:
        other.add_cookies(seen["cookies"])
        replay = other.new_page()
        replay.goto(seen["url"])
        assert urlsplit(replay.url).path == "/login"
        assert replay.locator("p.flash.error").inner_text() == english("state")
        assert signed_in_as(replay) is None
    finally:
        other.close()
    # The same browser again: its sign-in spent the state.
    page.goto(seen["url"])
    assert page.locator("p.flash.error").inner_text() == english("state")


def test_a_tampered_state_is_refused(page: Any, oidc_server: LiveServer) -> None:
    seen = capture_callback(page, oidc_server, keep_going=False)
    with pytest.raises(PlaywrightTimeout):  # stopped before the callback: never back at the app
        through_provider(page, oidc_server, "admin@example.org", timeout=3000)
    parts = urlsplit(seen["url"])
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["state"] = query["state"][::-1] + "x"
    page.goto(f"{oidc_server.url}{parts.path}?{urlencode(query)}")
    assert urlsplit(page.url).path == "/login"
    assert page.locator("p.flash.error").inner_text() == english("state")
    assert signed_in_as(page) is None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_sign_in_page_with_a_refusal_passes_axe(
    browser: Any, oidc_server: LiveServer, language: str
) -> None:
    from tests.browser.test_accessibility_browser import AXE, DESK, axe_problems, width_problems

    context = browser.new_context(viewport=DESK, bypass_csp=True)  # axe-core is the test's script
    try:
        context.add_init_script(path=str(AXE))
        context.add_cookies([{"name": "lang", "value": language, "url": oidc_server.url}])
        page = context.new_page()
        page.goto(f"{oidc_server.url}/login/oidc/callback?error=access_denied&state=x")
        assert page.locator("p.flash.error").count() == 1
        assert page.locator("form.oidc button").count() == 1
        assert axe_problems(page) + width_problems(page) == []
    finally:
        context.close()
