"""Every main page is bounded: the same number of SQL statements and about the same HTML for a
portfolio three times larger, and never more than 200 KB (issue 17: pages that listed every
need, every overdue report or every queued submission grew with the portfolio)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from app.baselines.services import create_baseline
from app.models.audit import AuditEvent
from app.models.portfolio import Project
from app.models.progress import ProgressReport, ReportingPeriod
from tests.app import factories
from tests.conftest import PASSWORD

SMALL, LARGE = 120, 360  # the small one already fills every first page (50 rows, homes 10)
MAX_BYTES = 200_000
GROWTH = 1.05  # a count's extra digits, never a row more
# These list the baselines, two more at the larger size by construction, not the portfolio:
# their statements are pinned, their size only bounded.
BASELINE_LISTS = {"/baselines", "/api/v1/baselines"}
ROLES = ("admin", "reviewer", "focal_point", "viewer", "cted")
PAGES: dict[str, tuple[str, ...]] = {
    "admin": (
        "/", "/overdue", "/review-queue", "/projects", "/projects?pillar=II&page=2",
        "/projects/{project}", "/projects/{project}/logframe",
        "/projects/{project}/logframe?member_state=KEN", "/projects/{project}/logframe?q=PB",
        "/projects/{project}/reports/2019Q3", "/reports/{report}/review", "/needs",
        "/needs?q=PB&page=2", "/needs?page=9999", "/member-states", "/member-states/KEN",
        "/projects/{project}/audit", "/entities/UNODC/audit", "/baselines",
        "/baselines/{a}/report", "/compare?a={a}&b=", "/compare?a={a}&b={b}",
        "/compare/projects?set=added&a={a}&b=", "/compare/projects?set=added&a={a}&b={b}",
        "/api/v1/projects", "/api/v1/baselines", "/api/v1/portfolio",
        "/api/v1/projects/{code}/breakdown",
    ),
    "reviewer": ("/", "/review-queue", "/reports/{report}/review"),
    "focal_point": ("/", "/due", "/projects/{project}/reports/2019Q3"),
    "viewer": ("/", "/needs", "/projects"),
    "cted": ("/", "/needs"),
}  # fmt: skip


@dataclass(frozen=True)
class Seen:
    """What one GET gave: its status, SQL statements and HTML size."""

    status: int
    statements: int
    size: int


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """Collect the SQL statements the app sends while the test runs."""
    found: list[str] = []

    def collect(*args: Any) -> None:
        found.append(args[2])

    event.listen(engine, "before_cursor_execute", collect)
    yield found
    event.remove(engine, "before_cursor_execute", collect)


def open_period(session: Session) -> ReportingPeriod:
    """Return the open quarter 2019Q3 (due in 2019, so its unsent reports are overdue)."""
    found = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == "2019Q3"))
    if found is None:
        return factories.period(session, "2019Q3")  # type: ignore[no-any-return]
    found.status = "open"
    return found


def grow(session: Session, start: int, stop: int) -> None:
    """Add projects start..stop-1, each working in Kenya with a need (most in Kenya), an
    indicator, an audit event and, every second one, a submitted report, else a draft or
    nothing (overdue either way): the small portfolio already fills every first page."""
    period = open_period(session)
    for k in range(start, stop):
        need = factories.need(
            session,
            f"PB-N{k:04d}",
            member_state="MLI" if k % 6 == 5 else "KEN",
            confidential=k % 5 == 0,
        )
        entity = "UNDP" if k % 4 == 3 else "UNODC"
        project = factories.project(
            session, f"PB-P{k:04d}", entity=entity, countries=("KEN",), needs=[need]
        )
        factories.indicator(session, project, f"PB-I{k:04d}")
        if k % 4 != 3:
            status = "submitted" if k % 2 == 0 else "draft"
            factories.report(session, project, period, status=status)
        event_of = AuditEvent(action="update", object_type="project", object_id=str(project.id))
        session.add(event_of)
        event_of.project_id, event_of.entity_id = project.id, project.entity_id
    session.flush()


def freeze(session: Session, size: int) -> dict[str, str]:
    """Freeze two baselines of the portfolio as it is; return their labels."""
    labels = {"a": f"PB {size} A", "b": f"PB {size} B"}
    for label in labels.values():
        create_baseline(session, None, label, dt.date(2019, 12, 31))
    return labels


def fresh(session: Session) -> None:
    """Forget the loaded rows and the signed-in user, as a request of its own would start."""
    session.expunge_all()
    g.pop("_login_user", None)


def visit(client: FlaskClient, statements: list[str], path: str, session: Session) -> Seen:
    """GET a page twice (the first warms per-process caches) and measure the second as a
    request of its own (the tests share one app context and session)."""
    client.get(path)
    fresh(session)
    statements.clear()
    response = client.get(path)
    return Seen(response.status_code, len(statements), len(response.data))


def measure(
    client: FlaskClient, statements: list[str], session: Session, fill: dict[str, Any]
) -> dict[tuple[str, str], Seen]:
    """Visit every page as each role (signed in as `fill[role]`); return what each gave."""
    seen = {}
    for role, paths in PAGES.items():
        fresh(session)
        client.post("/logout")
        client.post("/login", data={"email": fill[role], "password": PASSWORD})
        for path in paths:
            seen[role, path] = visit(client, statements, path.format(**fill), session)
    return seen


def problems(small: dict[tuple[str, str], Seen], large: dict[tuple[str, str], Seen]) -> list[str]:
    """Return, page by page, what is not bounded."""
    found = []
    for key, before in small.items():
        after = large[key]
        if before.status != 200 or after.status != 200:
            found.append(f"{key}: status {before.status} then {after.status}")
        elif before.statements != after.statements:
            found.append(f"{key}: {before.statements} then {after.statements} statements")
        elif after.size > MAX_BYTES or (
            after.size > before.size * GROWTH and key[1] not in BASELINE_LISTS
        ):
            found.append(f"{key}: {before.size} then {after.size} bytes")
    return found


def test_every_main_page_is_bounded_whatever_the_portfolio_size(
    db_session: Session, client: FlaskClient, statements: list[str], make_user: Callable
) -> None:
    emails = {
        role: make_user(role, "UNODC" if role == "focal_point" else None).email for role in ROLES
    }
    grow(db_session, 0, SMALL)
    # The project, entry and review pages show the first project at both sizes.
    fill: dict[str, Any] = dict(freeze(db_session, SMALL), code="PB-P0000", **emails)
    project_id = db_session.scalar(select(Project.id).where(Project.code == "PB-P0000"))
    fill.update(project=project_id, report=_report_of(db_session, project_id))
    db_session.commit()
    small = measure(client, statements, db_session, fill)
    grow(db_session, SMALL, LARGE)
    fill.update(freeze(db_session, LARGE))
    db_session.commit()
    large = measure(client, statements, db_session, fill)
    assert len(small) == sum(len(paths) for paths in PAGES.values())
    found = problems(small, large)
    assert found == [], "\n".join(found)


def _report_of(session: Session, project_id: int | None) -> int:
    found = session.scalar(select(ProgressReport.id).where(ProgressReport.project_id == project_id))
    assert found is not None
    return found
