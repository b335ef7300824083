"""A real OpenID provider for the sign-in tests: node-oidc-provider (package.json) run by
provider.mjs on a free port, and the app served with OIDC_* settings pointing at it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.services import create_user
from app.models.auth import User
from tests.browser.conftest import LiveServer, build_database, require_chromium, serving
from tests.conftest import PASSWORD

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CLIENT_ID = "compact-tracker"
CLIENT_SECRET = "browser-test-client-secret-0123456789"
DEACTIVATED = "former@example.org"  # an account that exists but is no longer active


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def require_provider() -> str:
    """Return the node binary, or skip (fail with REQUIRE_BROWSER=1) without it or the package."""
    node = shutil.which("node")
    if node and (ROOT / "node_modules" / "oidc-provider").is_dir():
        return node
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail("REQUIRE_BROWSER=1 but node or node_modules/oidc-provider is missing")
    pytest.skip("node or node_modules/oidc-provider is missing (run npm ci)")


def wait_for_discovery(issuer: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the provider answers its discovery document (at most 20 seconds)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the OpenID provider stopped: {log.read_text()}")
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the OpenID provider did not answer: {log.read_text()}")


@contextmanager
def running_provider(port: int, redirect_uri: str, log: Path) -> Iterator[str]:
    """Run provider.mjs on ``port`` with the one client, until the block ends; yield the issuer."""
    node = require_provider()
    args = [node, str(HERE / "provider.mjs"), str(port), redirect_uri, CLIENT_ID, CLIENT_SECRET]
    with log.open("wb") as out:
        process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}"
    try:
        wait_for_discovery(issuer, process, log)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


def add_deactivated(session: Session) -> None:
    """Add an account that was deactivated."""
    create_user(session, DEACTIVATED, PASSWORD, "viewer")
    session.flush()
    user = session.scalar(select(User).where(User.email == DEACTIVATED))
    assert user is not None
    user.active = False


@pytest.fixture(scope="module")
def oidc_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the URL of the sign-in tests' database (the users of every role, one deactivated)."""
    require_chromium()
    require_provider()
    return build_database(tmp_path_factory.mktemp("oidc") / "live.sqlite", add_deactivated)


@pytest.fixture(scope="module")
def oidc_server(
    tmp_path_factory: pytest.TempPathFactory, oidc_database: str
) -> Iterator[LiveServer]:
    """Serve the app with sign-in through a running provider, over its own database."""
    url, folder = oidc_database, tmp_path_factory.mktemp("provider")
    port = free_port()
    settings = {
        "OIDC_ISSUER": f"http://127.0.0.1:{port}",
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
    }
    with serving(url, settings) as server:
        callback = f"{server.url}/login/oidc/callback"
        with running_provider(port, callback, folder / "provider.log"):
            yield server
