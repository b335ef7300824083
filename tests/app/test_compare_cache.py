"""A frozen baseline's side of the comparison is computed once per content hash; the live side
once per request, and again once the request writes."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from app.compare import side_cache
from app.compare.comparison import build_screen, load_side
from app.figures.data_source import Filters
from app.models.portfolio import Project
from tests.app import comparison_data as analysis_data
from tests.app.comparison_helpers import counted

OLD, NEW = "2018 mapping", "2019 mapping"


@pytest.fixture
def mapped(db_session):
    side_cache.clear()
    analysis_data.two_baselines(db_session)
    db_session.commit()
    return db_session


def _statements(connection, action) -> int:
    with counted(connection) as statements:
        action()
    return len(statements)


def test_two_baselines_are_computed_once(app, mapped, connection) -> None:
    def screen():
        return build_screen(mapped, OLD, NEW, Filters(), False, None)

    first = _statements(connection, screen)
    again = _statements(connection, screen)
    assert again < first
    assert screen() == screen()  # the same figures, whichever way they were got
    other = _statements(connection, lambda: build_screen(mapped, OLD, NEW, Filters("II"), False))
    assert other > again  # other filters are other figures


def test_a_cached_baseline_gives_the_figures_it_computed(app, mapped) -> None:
    computed = load_side(mapped, OLD, Filters(), True)
    side_cache.clear()
    assert load_side(mapped, OLD, Filters(), True) == computed
    assert load_side(mapped, OLD, Filters(), True) is load_side(mapped, OLD, Filters(), True)
    assert load_side(mapped, OLD, Filters(), False) != computed  # clearance is part of the key


def test_the_live_side_is_computed_once_per_request_until_it_writes(app, mapped) -> None:
    with app.test_request_context("/compare"):
        first = load_side(mapped, "", Filters(), False)
        assert load_side(mapped, "", Filters(), False) is first
        mapped.execute(update(Project).where(Project.code == "LIVE-000").values(status="completed"))
        after = load_side(mapped, "", Filters(), False)
        assert after is not first
        projects = after.figures.portfolio.projects
        assert projects == first.figures.portfolio.projects  # still a project, now completed
        assert after.figures.portfolio.by_status != first.figures.portfolio.by_status
    with app.test_request_context("/compare"):
        assert load_side(mapped, "", Filters(), False) is not after  # a new request reads again


def test_the_page_shows_live_changes_made_between_requests(mapped, client, make_user, login):
    login(make_user("viewer"))
    query = {"a": OLD, "b": ""}
    before = client.get("/compare.csv", query_string=query).get_data()
    mapped.execute(update(Project).where(Project.code == "LIVE-001").values(status="cancelled"))
    mapped.commit()
    after = client.get("/compare.csv", query_string=query).get_data()
    assert before != after
