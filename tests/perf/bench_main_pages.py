"""Every main page, as each role opens it over HTTP (gunicorn): time against the trivial endpoint,
HTML size, and the mixed load of 20 clients, all measured in one run on one database.

A page's figure is the median of alternating single-client requests (page, /healthz, page, ...),
so that the machine's state at the moment weighs on both sides of the ratio alike.
"""

from __future__ import annotations

import statistics
import subprocess
import threading
import time
import urllib.parse
from typing import Any

from sqlalchemy import text

from app.devdata.scale import SCALE_PASSWORD
from tests.perf.bench_db import BASELINE_LABEL, Database
from tests.perf.bench_pages import CSRF, Client, free_port, p95, start_gunicorn

EMAILS = {
    "admin": "scale-admin@example.org",
    "reviewer": "scale-reviewer@example.org",
    "viewer": "scale-viewer@example.org",
    "cted": "scale-cted@example.org",
    "focal_point": "scale-focal@example.org",
}
REPEAT = 5
MIX_CLIENTS = 20
MIX_SECONDS = 60


class RoleClient(Client):
    """A signed-in client of one role."""

    def __init__(self, port: int, email: str) -> None:
        super().__init__(port)
        self.email = email

    def sign_in(self) -> None:
        """Sign in through the form with its CSRF token."""
        token = CSRF.search(self.get("/login")[1])
        assert token is not None, "no CSRF token on the sign-in page"
        fields = {"email": self.email, "password": SCALE_PASSWORD, "csrf_token": token.group(1)}
        status, _ = self.request("POST", "/login", urllib.parse.urlencode(fields))
        if status != 302:
            raise RuntimeError(f"could not sign in as {self.email}: {status}")


def main_pages(database: Database) -> dict[str, tuple[str, str]]:
    """Return each main page: its name -> (role, path), with ids read from the database."""
    engine = database.engine()
    with engine.connect() as connection:
        project = connection.scalar(text("SELECT MIN(id) FROM projects"))
        report = connection.scalar(
            text("SELECT MIN(id) FROM progress_reports WHERE status = 'submitted'")
        )
    engine.dispose()
    label = urllib.parse.quote(BASELINE_LABEL)
    pages = {
        "admin_home": ("admin", "/"),
        "reviewer_home": ("reviewer", "/"),
        "viewer_home": ("viewer", "/"),
        "cted_home": ("cted", "/"),
        "focal_home": ("focal_point", "/"),
        "project_list": ("viewer", "/projects"),
        "project_page": ("admin", f"/projects/{project}"),
        "logframe": ("admin", f"/projects/{project}/logframe"),
        "entry": ("admin", f"/projects/{project}/reports/2019Q4"),
        "needs": ("cted", "/needs"),
        "member_states": ("viewer", "/member-states"),
        "project_audit": ("admin", f"/projects/{project}/audit"),
        "entity_audit": ("admin", "/entities/UNODC/audit"),
        "baselines": ("viewer", "/baselines"),
        "baseline_report": ("viewer", f"/baselines/{label}/report"),
        "compare_vs_live": ("viewer", f"/compare?a={label}&b="),
        "compare_baselines": ("viewer", f"/compare?a={label}&b={label}"),
        "compare_drill_down": ("viewer", f"/compare/projects?a={label}&b=&source={label}"),
        "compare_added": ("viewer", f"/compare/projects?a={label}&b=&set=added"),
        "periods": ("admin", "/periods"),
        "reports": ("admin", "/reports"),
        "api_projects": ("viewer", "/api/v1/projects"),
        "api_portfolio": ("viewer", "/api/v1/portfolio"),
    }
    if report is not None:
        pages["review"] = ("reviewer", f"/reports/{report}/review")
    return pages


def measure(database: Database, with_mix: bool) -> dict[str, Any]:
    """Serve the database with gunicorn; time every page alone, then (asked) the mixed load."""
    port = free_port()
    server = start_gunicorn(database, port)
    try:
        clients = {role: RoleClient(port, email) for role, email in EMAILS.items()}
        for client in clients.values():
            client.sign_in()
        pages = main_pages(database)
        figures = {name: _page(clients[role], path) for name, (role, path) in pages.items()}
        alone = _healthz_p95(clients["viewer"])
        mix = _mixed_load(port, [path for _, path in pages.values()], alone) if with_mix else {}
    finally:
        _stop(server)
    return {"pages": figures, "mix": mix}


def _page(client: RoleClient, path: str) -> dict[str, Any]:
    page_times, trivial_times, size, status = [], [], 0, 0
    client.get(path)  # warm up (templates, caches): first-request work is not the page's
    for _ in range(REPEAT):
        started = time.perf_counter()
        status, body = client.get(path)
        page_times.append(time.perf_counter() - started)
        size = len(body.encode("utf-8"))
        started = time.perf_counter()
        client.get("/healthz")
        trivial_times.append(time.perf_counter() - started)
    page, trivial = statistics.median(page_times), statistics.median(trivial_times)
    return {
        "path": path,
        "status": status,
        "ms": round(page * 1000, 1),
        "trivial_ms": round(trivial * 1000, 2),
        "ratio": round(page / trivial, 2),
        "kib": round(size / 1024, 1),
    }


def _healthz_p95(client: RoleClient) -> float:
    times = []
    for _ in range(50):
        started = time.perf_counter()
        client.get("/healthz")
        times.append(time.perf_counter() - started)
    return p95(times)


def _mixed_load(port: int, paths: list[str], alone_p95: float) -> dict[str, Any]:
    """Run MIX_CLIENTS viewers (and admins) over every page for MIX_SECONDS; count requests."""
    done: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + MIX_SECONDS
    clients = [RoleClient(port, EMAILS["admin"]) for _ in range(MIX_CLIENTS)]
    for client in clients:
        client.sign_in()

    def work(client: RoleClient, offset: int) -> None:
        mine = ["/healthz", *paths]
        index = offset
        while time.monotonic() < deadline:
            path = mine[index % len(mine)]
            index += 1
            started = time.perf_counter()
            try:
                status, _ = client.get(path)
            except OSError:
                status = 0
            with lock:
                done.append((path, time.perf_counter() - started, status))

    threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    healthz = [t for path, t, _ in done if path == "/healthz"]
    under_load = p95(healthz)
    return {
        "requests": len(done),
        "requests_per_s": round(len(done) / seconds, 2),
        "errors": sum(1 for _, _, status in done if status != 200),
        "error_samples": sorted({f"{path}: {status}" for path, _, status in done if status != 200})[
            :5
        ],
        "healthz_p95_ms_alone": round(alone_p95 * 1000, 2),
        "healthz_p95_ms_under_load": round(under_load * 1000, 2),
        "healthz_under_load_vs_alone": round(under_load / alone_p95, 2),
    }


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:  # workers busy with a slow page: stop them hard
        server.kill()
        server.wait(timeout=30)
