"""The streamed downloads as a real HTTP server sends them: a body (no announced length of 0),
the same bytes as the test client reads, and nothing left holding the database afterwards
(an SQLite read left open by a download made every later sign-in wait, then fail)."""

from __future__ import annotations

import http.cookiejar
import re
import sqlite3
import urllib.request
from pathlib import Path

import pytest

from tests.app.comparison_data import two_baselines
from tests.browser.conftest import build_database, serving

DOWNLOADS = [
    "/compare.csv?a=2018+mapping&b=2019+mapping",
    "/compare.csv?a=2019+mapping&pillar=II",
    "/compare/parts.csv?a=2018+mapping",
    "/compare.xlsx?a=2019+mapping",
]


def _signed_in(base: str, email: str, password: str) -> urllib.request.OpenerDirector:
    """Sign in through the form (with its CSRF token) and return the browser-like opener."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    form = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]*)"', form)
    assert token, "the sign-in form carries a CSRF token"
    data = f"csrf_token={token.group(1)}&email={email}&password={password}".encode()
    with opener.open(f"{base}/login", data=data) as answer:
        assert answer.url == f"{base}/", "signed in and sent home"
    return opener


def _writable(path: Path) -> bool:
    """Whether another connection can take the database's write lock at once."""
    other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("http") / "live.sqlite"
    url = build_database(path, lambda session: two_baselines(session, 5))
    with serving(url) as server:
        yield server, path


@pytest.mark.parametrize("download", DOWNLOADS)
def test_a_download_arrives_whole_and_lets_go_of_the_database(served, download) -> None:
    server, path = served
    viewer = _signed_in(server.url, server.users["viewer"], server.password)
    with viewer.open(server.url + download) as answer:
        assert answer.headers.get("Content-Length") in (None, str(answer.length))
        body = answer.read()
    assert len(body) > 100, "the file has its header and rows"
    assert _writable(path), "nothing the download opened still holds the database"
    # The next sign-in (a write) goes through at once, and the same download is the same file.
    with viewer.open(server.url + download) as second:
        repeated = second.read()
    assert _signed_in(server.url, server.users["admin"], server.password)
    if not download.split("?")[0].endswith(".xlsx"):  # an XLSX carries the time it was made
        assert repeated == body
