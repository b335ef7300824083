"""The main pages issue as many SQL statements for 30 projects as for 3 (no N+1)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from tests.app import factories

# The list downloads too: links are read per link table, not per project.
PAGES = ("/", "/projects", "/projects/{first}", "/needs", "/compare",
         "/projects.csv", "/needs.xlsx", "/needs?member_state=KEN&covered=yes",
         "/member-states", "/member-states/KEN")  # fmt: skip


def add_projects(session: Session, start: int, stop: int) -> int:
    """Add projects start..stop-1 linked to needs in three states; return the first id."""
    needs = [
        factories.need(session, f"QC-N{start}-{k}", member_state=s, confidential=k == 0)
        for k, s in enumerate(("KEN", "MLI", "IRQ"))
    ]
    projects = [
        factories.project(
            session,
            f"QC-P{k:03d}",
            entity=("UNODC", "UNDP", "UNOCT")[k % 3],
            status=("ongoing", "completed", "pipeline")[k % 3],
            countries=("KEN",) if k % 2 else (),
            needs=needs[: 1 + k % 3],
        )
        for k in range(start, stop)
    ]
    return projects[0].id


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    """Collect the SQL statements the app sends while the test runs."""
    found: list[str] = []

    def collect(*args: Any) -> None:
        found.append(args[2])

    event.listen(engine, "before_cursor_execute", collect)
    yield found
    event.remove(engine, "before_cursor_execute", collect)


def page_counts(client: FlaskClient, statements: list[str], first: int) -> dict[str, tuple]:
    """Return (status, statements) of every page."""
    found = {}
    for page in PAGES:
        path = page.format(first=first)
        client.get(path)  # warm-up: per-process work is not per-page work
        statements.clear()
        found[page] = (client.get(path).status_code, len(statements))
    return found


def test_page_statement_counts_do_not_grow_with_the_portfolio(
    db_session: Session, client: FlaskClient, statements: list[str], make_user: Callable
) -> None:
    first = add_projects(db_session, 0, 3)
    admin = make_user("admin")
    db_session.commit()
    client.post("/login", data={"email": admin.email, "password": "correct horse battery"})
    small = page_counts(client, statements, first)
    add_projects(db_session, 3, 30)
    db_session.commit()
    large = page_counts(client, statements, first)
    served = [page for page, (status, _) in small.items() if status != 404]
    assert {"/projects", "/needs", "/member-states", "/member-states/KEN"} <= set(served), small
    for page in served:
        assert small[page][0] in (200, 302), (page, small[page])
        assert small[page] == large[page], (page, small[page], large[page])


def test_a_frozen_baseline_report_is_computed_once(
    db_session: Session, statements: list[str]
) -> None:
    import datetime as dt

    from app.baselines.services import create_baseline
    from app.figures.baseline_report import baseline_report, clear_cache

    add_projects(db_session, 0, 3)
    create_baseline(db_session, None, "QC baseline", dt.date(2019, 6, 30))
    clear_cache()
    statements.clear()
    first = baseline_report(db_session, "QC baseline")
    computed = len(statements)
    statements.clear()
    first["projects"] = "changed by a caller"
    again = baseline_report(db_session, "QC baseline")
    assert len(statements) == 1 < computed  # the label lookup only
    assert again["projects"] != "changed by a caller"
    assert again["baseline"] == first["baseline"]


def test_the_comparison_code_lists_read_no_indicator_performance(
    db_session: Session, client: FlaskClient, statements: list[str], make_user: Callable, login: Any
) -> None:
    import datetime as dt

    from app.baselines.services import create_baseline

    add_projects(db_session, 0, 3)
    create_baseline(db_session, None, "QC baseline", dt.date(2019, 6, 30))
    login(make_user("viewer"))
    path = "/compare/projects?set=added&a=QC+baseline&b="
    client.get(path)  # warm-up: the user and the caches
    statements.clear()
    assert client.get(path).status_code == 200
    assert [s for s in statements if "indicator" in s] == []


def _output_with_activities(session: Session, world: Any, code: str, count: int) -> int:
    from app.models.logframe import Activity, Output

    output = Output(project=world.project, outcome=world.outcome, code=code, title=code)
    output.activities = [
        Activity(title=f"{code} step {k}", status="planned", percent_complete=0)
        for k in range(count)
    ]
    session.add(output)
    session.commit()
    return output.id


def test_deleting_an_output_checks_all_its_activities_at_once(
    world: Any, db_session: Session, statements: list[str]
) -> None:
    from app.logframe.services import delete_output
    from app.models.logframe import Output

    admin = world.user("admin")
    counts = []
    for code, activities in (("O-2", 1), ("O-3", 6)):
        output_id = _output_with_activities(db_session, world, code, activities)
        output = db_session.get(Output, output_id)
        statements.clear()
        delete_output(db_session, admin, output)
        counts.append(len(statements))
        db_session.commit()
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("role", ["viewer", "cted"])
def test_the_readers_home_does_not_grow_with_the_portfolio(
    db_session: Session, client: FlaskClient, statements: list[str], make_user: Callable, role: str
) -> None:
    import datetime as dt

    from app.baselines.services import create_baseline

    add_projects(db_session, 0, 3)
    create_baseline(db_session, None, "QC home baseline", dt.date(2019, 6, 30))
    reader = make_user(role)
    db_session.commit()
    client.post("/login", data={"email": reader.email, "password": "correct horse battery"})
    counts = []
    for start, stop in ((3, 4), (4, 30)):
        add_projects(db_session, start, stop)
        db_session.commit()
        client.get("/")  # warm-up: the baseline's verification is once per process
        statements.clear()
        assert client.get("/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def _counts_sent(statements: list[str]) -> int:
    return sum(1 for sql in statements if sql.lstrip().lower().startswith("select count"))


def test_a_pagers_count_is_kept_until_a_write(
    db_session: Session, client: FlaskClient, statements: list[str], make_user: Callable
) -> None:
    """The project list's total is counted once; the next page and the next reader reuse it,
    and a new project shows in it at once."""
    add_projects(db_session, 0, 60)
    reader = make_user("viewer")
    db_session.commit()
    client.post("/login", data={"email": reader.email, "password": "correct horse battery"})
    statements.clear()
    first = client.get("/projects").get_data(as_text=True)
    assert _counts_sent(statements) >= 1, "the first view counts"
    assert "60" in first
    statements.clear()
    assert client.get("/projects?page=2").status_code == 200
    assert client.get("/projects").get_data(as_text=True) == first
    assert _counts_sent(statements) == 0, "kept: no count sent again"
    add_projects(db_session, 60, 61)
    db_session.commit()
    statements.clear()
    assert "61" in client.get("/projects").get_data(as_text=True)
    assert _counts_sent(statements) >= 1, "the write made it counted afresh"


def _touching(statements: list[str], table: str) -> int:
    return sum(1 for sql in statements if f"FROM {table}" in sql or f"JOIN {table}" in sql)


def test_the_focal_points_home_and_the_needs_filters_are_kept_until_a_write(
    db_session: Session, client: FlaskClient, statements: list[str], make_user: Callable
) -> None:
    """The second view reads neither the entity's projects nor every need again; a new
    project of the entity shows on the home at once."""
    factories.period(db_session, "2019Q3")
    add_projects(db_session, 0, 6)
    focal = make_user("focal_point", "UNODC")
    db_session.commit()
    client.post("/login", data={"email": focal.email, "password": "correct horse battery"})
    first = client.get("/").get_data(as_text=True)
    assert "QC-P000" in first
    client.get("/needs")
    statements.clear()
    assert client.get("/").get_data(as_text=True) == first
    assert _touching(statements, "projects") == 0, statements
    statements.clear()
    assert client.get("/needs").status_code == 200
    assert not [sql for sql in statements if "DISTINCT" in sql], "the needs' filter choices"
    factories.project(db_session, "QC-NEW", entity="UNODC")
    db_session.commit()
    assert "QC-NEW" in client.get("/").get_data(as_text=True)
