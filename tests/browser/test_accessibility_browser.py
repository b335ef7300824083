"""WCAG 2.2 AA and phones, in Chromium: every main page, for every role, in English and Arabic.

On each page axe-core (node_modules/axe-core, installed by `make install` from package-lock.json)
checks the WCAG 2.0/2.1 A and AA and 2.2 AA rules and its best practices and must find nothing;
then the window is narrowed to 390 px and the page must not scroll sideways (a wide table
scrolls in its own box).
One browser, one context per role and language, one page reused for every address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.invitations import link_token
from app.baselines.services import create_baseline
from app.db import make_engine
from app.devdata.demo import seed_demo
from app.models.auth import User
from app.models.logframe import Indicator
from app.models.portfolio import CtedNeed, Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from app.quarterly.services import issue_report
from tests.browser.conftest import (
    LiveServer,
    build_database,
    choose_language,
    require_chromium,
    serving,
    sign_in,
)
from tests.conftest import TEST_KEY

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices (empty table headers, landmarks,
# one <h1>, the skip link's target), which the brief asks for too.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}
BASELINES = ("2019 mapping", "2019 Q3 review")
ENTITY = "UNODC"  # the focal point's entity (conftest.ROLES)
LANGUAGES = ("en", "ar")

# What sticks out of a 390 px page: the outermost elements wider than the window that are not
# inside a box that scrolls by itself.
WIDEST = """() => {
  const w = document.documentElement.clientWidth, out = [];
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible' && p !== document.documentElement
        && p !== document.body) return true; } return false; };
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if ((r.right > w + 1 || r.left < -1) && !scrolls(e)
        && !(e.parentElement && out.includes(e.parentElement))) out.push(e);
  }
  return out.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')
    + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');
}"""


@dataclass(frozen=True)
class Ids:
    """The rows the addresses name, read from the demo database."""

    project: int  # the focal point's project, its 2019Q3 report returned to them
    submitted: int  # a report waiting for review
    user: int
    period: int
    indicator: int
    need: int
    member_state: str
    set_password: str  # the token of a viewer's set-password link


def fill(session: Session) -> None:
    """The demo portfolio, two frozen baselines and the issued report of 2019Q2."""
    seed_demo(session)
    session.flush()
    create_baseline(session, None, BASELINES[0], dt.date(2019, 6, 30))
    create_baseline(session, None, BASELINES[1], dt.date(2019, 9, 30))
    issue_report(session, None, "2019Q2", None, today=dt.date(2019, 10, 15))


def read_ids(url: str) -> Ids:
    """Find the rows the pages are about."""
    engine = make_engine(url)
    with Session(engine) as s:
        report = select(ProgressReport.id).join(ReportingPeriod)
        viewer = User.email == "viewer@example.org"
        project = s.scalar(
            select(Project.id)
            .join(ProgressReport)
            .join(ReportingPeriod)
            .join(Entity, Project.entity_id == Entity.id)
            .where(Entity.acronym == ENTITY, ReportingPeriod.key == "2019Q3")
            .where(ProgressReport.status == "returned")
        )
        ids = Ids(
            project=int(project or 0),
            submitted=int(s.scalar(report.where(ProgressReport.status == "submitted")) or 0),
            user=int(s.scalar(select(User.id).where(User.role == "focal_point")) or 0),
            period=int(s.scalar(select(ReportingPeriod.id).order_by(ReportingPeriod.key)) or 0),
            indicator=int(s.scalar(select(Indicator.id).order_by(Indicator.id)) or 0),
            need=int(s.scalar(select(CtedNeed.id).where(CtedNeed.confidential.is_(False))) or 0),
            member_state="KEN",
            set_password=link_token(TEST_KEY, s.scalars(select(User).where(viewer)).one()),
        )
    engine.dispose()
    return ids


def compare(a: str, b: str) -> str:
    return "/compare?" + urlencode({"a": a, "b": b})


def pages(role: str, i: Ids) -> list[str]:
    """The main pages a role reads, each at the address a link would give it."""
    project = f"/projects/{i.project}"
    common = [
        "/",
        "/projects",
        project,
        "/needs",
        "/needs?q=border&page=99",
        "/member-states",
        f"/member-states/{i.member_state}",
        "/baselines",
        f"/baselines/{quote(BASELINES[0])}/report",
        compare(*BASELINES),
        compare(*reversed(BASELINES)),
        "/compare/projects?" + urlencode({"source": BASELINES[1]}),
        "/reports",
        NOT_FOUND,
    ]
    entry = [f"{project}/reports/2019Q3", f"/entities/{ENTITY}/reports/upload"]
    review = [
        f"/reports/{i.submitted}/review",
        "/review-queue",
        "/outcomes/values",
        "/outcomes/values/2019Q3/review",
    ]
    audit = [f"{project}/audit", f"/entities/{ENTITY}/audit"]
    editing = [f"{project}/logframe", "/projects/new", f"{project}/edit", f"{project}/outputs/new"]
    editing.append(f"{project}/logframe?pillar=II")  # the need search's results to tick
    admin = [
        "/overdue",
        "/overdue?page=99",  # beyond the last page
        "/outcomes/values/2019Q3",
        "/admin/users",
        "/admin/users/new",
        f"/admin/users/{i.user}/edit",
        "/periods",
        "/periods/new",
        f"/periods/{i.period}/edit",
        "/imports",
        "/outcomes",
        "/outcomes/new",
        f"/indicators/{i.indicator}/edit",
        f"/needs/{i.need}/edit",
    ]
    extra = {
        "admin": entry + review + audit + editing + admin,
        "focal_point": entry + audit + editing + ["/due"],
        "reviewer": review + audit,
    }
    return common + extra.get(role, [])


NOT_FOUND = "/no-such-page"  # the error page


def anonymous(i: Ids) -> list[str]:
    """The pages before signing in."""
    return ["/login", f"/set-password/{i.set_password}", NOT_FOUND]


def axe_problems(page: Any) -> list[str]:
    """Run axe-core (the context loads it in every page); return a line per failing element."""
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        TAGS,
    )
    return [
        f"{rule['id']} at {node['target']}: {' '.join(node['failureSummary'].split())}"
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


def width_problems(page: Any) -> list[str]:
    """Narrow the window to 390 px; say what sticks out if the page scrolls sideways."""
    page.set_viewport_size(PHONE)
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        if width <= PHONE["width"]:
            return []
        return [f"{width} px wide at 390 px: {', '.join(page.evaluate(WIDEST))}"]
    finally:
        page.set_viewport_size(DESK)


def check(page: Any, base: str, paths: list[str], language: str) -> list[str]:
    """Visit each path; return every accessibility and width problem, prefixed by its path."""
    problems = []
    for path in paths:
        response = page.goto(base + path)
        expected = 404 if path == NOT_FOUND else 200
        if response is None or response.status != expected:
            problems.append(f"{path}: HTTP {response and response.status}, not {expected}")
            continue
        served = page.evaluate("document.documentElement.lang")
        if served != language:
            problems.append(f"{path}: served in {served!r}, not {language!r}")
        problems += [f"{path}: {p}" for p in axe_problems(page) + width_problems(page)]
    return problems


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, Ids]]:
    """The app over the demo data, with a user of every role (conftest.ROLES)."""
    require_chromium()
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    url = build_database(tmp_path_factory.mktemp("a11y") / "demo.sqlite", fill)
    with serving(url) as server:
        yield server, read_ids(url)


@pytest.fixture
def context(
    browser: Any, demo_server: tuple[LiveServer, Ids], request: Any
) -> Iterator[tuple[Any, str]]:
    """A context in the language of the test (the switcher's cookie), at desktop width."""
    server, _ = demo_server
    # bypass_csp: the app allows no script but its own; axe-core comes from the test
    context = browser.new_context(viewport=DESK, bypass_csp=True)
    context.add_init_script(path=str(AXE))  # on every page, before its own content
    context.add_cookies([{"name": "lang", "value": request.param, "url": server.url}])
    yield context, request.param
    context.close()


def report(problems: list[str]) -> str:
    """Print every problem; say each distinct one once, with the pages it is on."""
    print("\n".join(problems))
    pages_of: dict[str, list[str]] = {}
    for problem in problems:
        path, what = problem.split(": ", 1)
        pages_of.setdefault(what, []).append(path)
    return f"{len(problems)} problems, {len(pages_of)} distinct:\n" + "\n".join(
        f"{what} [on {len(paths)}: {' '.join(paths[:3])}{' ...' if len(paths) > 3 else ''}]"
        for what, paths in pages_of.items()
    )


@pytest.mark.parametrize("context", LANGUAGES, indirect=True)
@pytest.mark.parametrize("role", ["admin", "focal_point", "reviewer", "viewer", "cted"])
def test_every_page_of_a_role_passes_axe_and_fits_a_phone(
    demo_server: tuple[LiveServer, Ids], context: tuple[Any, str], role: str
) -> None:
    server, ids = demo_server
    page = context[0].new_page()
    sign_in(page, server, role)
    choose_language(page, context[1])  # the account's saved choice wins over the cookie
    problems = check(page, server.url, pages(role, ids), context[1])
    assert not problems, report(problems)


@pytest.mark.parametrize("context", LANGUAGES, indirect=True)
def test_pages_before_signing_in_pass_axe_and_fit_a_phone(
    demo_server: tuple[LiveServer, Ids], context: tuple[Any, str]
) -> None:
    server, ids = demo_server
    problems = check(context[0].new_page(), server.url, anonymous(ids), context[1])
    assert not problems, report(problems)
