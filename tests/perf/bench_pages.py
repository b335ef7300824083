"""Pages: SQL statements per request, and latency under concurrent clients against gunicorn."""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from typing import Any

from sqlalchemy import event, text

from app.devdata.scale import SCALE_PASSWORD
from tests.perf.bench_db import Database

ADMIN = "scale-admin@example.org"
SECRET = "b" * 48
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def entry_path(database: Database) -> str:
    """Return the progress entry page of the first project for the last quarter."""
    engine = database.engine()
    with engine.connect() as connection:
        project_id = connection.scalar(text("SELECT MIN(id) FROM projects"))
    engine.dispose()
    return f"/projects/{project_id}/reports/2019Q4"


def count_statements(database: Database, path: str) -> dict[str, Any]:
    """Count the SQL statements of one GET through the Flask test client, signed in as admin."""
    from app import create_app

    app = create_app(
        {"DATABASE_URL": database.url, "SECRET_KEY": SECRET, "WTF_CSRF_ENABLED": False}
    )
    statements: list[str] = []
    event.listen(
        app.extensions["db_engine"],
        "before_cursor_execute",
        lambda *args: statements.append(args[2]),
    )
    client = app.test_client()
    client.post("/login", data={"email": ADMIN, "password": SCALE_PASSWORD})
    client.get(path)  # warm up: first-request work is not per-page work
    statements.clear()
    status = client.get(path).status_code
    app.extensions["db_engine"].dispose()
    return {"status": status, "statements": len(statements)}


def free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# The workers share what they keep through this Redis database, as the README deploys them
# (BENCH_REDIS_URL= empty: each worker keeps its own). Emptied at each start: the benchmark's
# databases are created afresh, and their data versions repeat.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def start_gunicorn(database: Database, port: int) -> subprocess.Popen[bytes]:
    """Start gunicorn with four sync workers on loopback and wait until it answers."""
    env = dict(os.environ, DATABASE_URL=database.url, SECRET_KEY=SECRET, KEPT_CACHE_URL=REDIS_URL)
    if REDIS_URL:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    command = [sys.executable, "-m", "gunicorn", "-w", "4", "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--timeout", "120", "app:create_app()"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if Client(port).get("/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise RuntimeError("gunicorn did not start")


class Client:
    """A signed-in browser stand-in: one connection, one session cookie."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = ""

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str]:
        """Send one request and return the status and body."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body or None, headers)
        response = connection.getresponse()
        text_body = response.read().decode("utf-8", "replace")
        found = response.getheader("Set-Cookie")
        if found:
            self.cookie = found.split(";", 1)[0]
        connection.close()
        return response.status, text_body

    def get(self, path: str) -> tuple[int, str]:
        """GET a path."""
        return self.request("GET", path)

    def sign_in(self) -> None:
        """Sign in through the form with its CSRF token."""
        token = CSRF.search(self.get("/login")[1])
        fields = {"email": ADMIN, "password": SCALE_PASSWORD, "csrf_token": token.group(1)}  # type: ignore[union-attr]
        self.request("POST", "/login", urllib.parse.urlencode(fields))
        if self.get("/projects")[0] != 200:
            raise RuntimeError("could not sign in")


def load(port: int, paths: list[str], clients: int, loops: int, limit_s: float) -> dict[str, Any]:
    """Run `clients` threads, each signing in then cycling over the paths; gather latencies."""
    latencies: dict[str, list[float]] = {p: [] for p in paths}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + limit_s

    signed_in = [Client(port) for _ in range(clients)]
    for client in signed_in:  # one after the other: sign-in is not what is measured
        client.sign_in()

    def worker(client: Client) -> None:
        for _ in range(loops):
            for path in paths:
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                try:
                    status, _ = client.get(path)
                except OSError as error:
                    status = str(error)  # type: ignore[assignment]
                with lock:
                    latencies[path].append(time.perf_counter() - started)
                    if status != 200:
                        errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=worker, args=(c,)) for c in signed_in]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"latencies": latencies, "errors": errors}


def p95(values: list[float]) -> float:
    """Return the 95th percentile of a list of seconds."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20)[18]


def page_latency(database: Database, pages: dict[str, str]) -> dict[str, Any]:
    """Measure p95 latency of each page and of /healthz under 20 clients against gunicorn."""
    port = free_port()
    server = start_gunicorn(database, port)
    try:
        paths = ["/healthz", *pages.values()]
        result = load(port, paths, clients=20, loops=8, limit_s=240)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # workers busy with a slow page: stop them hard
            server.kill()
            server.wait(timeout=30)
    trivial = p95(result["latencies"]["/healthz"])
    figures: dict[str, Any] = {"healthz_p95_ms": trivial * 1000, "errors": len(result["errors"])}
    for name, path in pages.items():
        page = p95(result["latencies"][path])
        figures[name] = {
            "p95_ms": page * 1000,
            "ratio": page / trivial,
            "n": len(result["latencies"][path]),
        }
    figures["error_samples"] = result["errors"][:5]
    return figures
