"""Browser fixtures: the app on a real server over a committed SQLite file, and Chromium.

Other browser tests reuse ``live_server`` (base URL and the users' passwords) and ``browser``.
Chromium is Debian's (/usr/bin/chromium), driven by the Python playwright package; the tests are
skipped without it unless REQUIRE_BROWSER=1, which makes a missing browser a failure.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from app import create_app, migrate
from app.auth.services import create_user
from app.db import make_engine
from app.reference.services import seed_reference
from tests.conftest import PASSWORD, TEST_KEY

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Every role, with the entity a focal point belongs to.
ROLES: dict[str, str | None] = {
    "admin": None,
    "focal_point": "UNODC",
    "reviewer": None,
    "viewer": None,
    "cted": None,
}


@dataclass(frozen=True)
class LiveServer:
    """A running app: its base URL and a user e-mail per role (password PASSWORD)."""

    url: str
    users: dict[str, str]
    password: str = PASSWORD


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    pytest.skip(f"{CHROMIUM} is missing")


def build_database(path: Path, fill: Callable[[Session], None]) -> str:
    """Migrate a new SQLite file, load reference data, users and ``fill``'s data; commit."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        seed_reference(session)
        session.flush()
        for role, entity in ROLES.items():
            create_user(session, f"{role}@example.org", PASSWORD, role, entity)
        fill(session)
        session.commit()
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def browser_data() -> Callable[[Session], None]:
    """Return the function that fills the live server's database (override per directory)."""
    from tests.app.comparison_data import two_baselines

    return lambda session: two_baselines(session, 20)


@contextmanager
def serving(url: str, settings: dict[str, Any] | None = None) -> Iterator[LiveServer]:
    """Serve the app over the database at ``url`` on 127.0.0.1, on a free port, in a thread
    (``settings`` adds to the configuration, e.g. the OIDC_* settings)."""
    config = {"DATABASE_URL": url, "SECRET_KEY": TEST_KEY, "TESTING": True, **(settings or {})}
    app = create_app(config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(
            f"http://127.0.0.1:{server.server_port}", {r: f"{r}@example.org" for r in ROLES}
        )
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, browser_data: Callable[[Session], None]
) -> Iterator[LiveServer]:
    """Serve the app on 127.0.0.1 on a free port, in a thread, over its own database."""
    require_chromium()
    url = build_database(tmp_path_factory.mktemp("live") / "live.sqlite", browser_data)
    with serving(url) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium headless through playwright (never `playwright install`)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """Open a fresh browser context (own cookies and downloads) and one page in it."""
    context = browser.new_context(accept_downloads=True)
    yield context.new_page()
    context.close()


def sign_in(page: Any, server: LiveServer, role: str) -> None:
    """Sign in through the form as the user of a role."""
    page.goto(f"{server.url}/login")
    page.fill("input[name=email]", server.users[role])
    page.fill("input[name=password]", server.password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def choose_language(page: Any, language: str) -> None:
    """Switch with the header's switcher (it saves the choice on a signed-in account, which then
    wins over the cookie)."""
    page.select_option("#language-choice", language)
    page.click("form.language [type=submit]")
    page.wait_for_load_state()
