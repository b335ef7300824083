"""A page per Member State and their index (issue 14, point 10): the State's needs (confidential
ones for CTED and administrators only), the projects answering them and the projects working
there, bounded; the index counts them in one statement; an unknown code is a 404."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event

from app import data_version
from app.portfolio import state_queries
from tests.app import factories


@pytest.fixture
def kenya(world, db_session) -> dict[str, Any]:
    """Kenya: the world's open and secret needs, a project answering each, one working there
    (and a cancelled one that neither answers nor works); Iraq has only a confidential need."""
    open_need, secret = world.need, world.secret
    factories.project(db_session, "P-ANSWER", needs=[open_need])
    factories.project(db_session, "P-HUSH", needs=[secret])
    factories.project(db_session, "P-FIELD", scope="national", countries=("KEN",))
    factories.project(
        db_session, "P-DEAD", status="cancelled", countries=("KEN",), needs=[open_need]
    )
    factories.need(db_session, "N-IRQ-SECRET", member_state="IRQ", confidential=True)
    db_session.commit()
    return {"open": open_need, "secret": secret}


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    found: list[str] = []

    def collect(*args: Any) -> None:
        found.append(args[2])

    event.listen(engine, "before_cursor_execute", collect)
    yield found
    event.remove(engine, "before_cursor_execute", collect)


def row_of(page: str, name: str) -> list[str]:
    """Return the figures of the index row of a State."""
    found = re.search(rf">{re.escape(name)}</a></td>(.*?)</tr>", page, re.S)
    assert found, page
    return re.findall(r'<td class="num">(\d+)</td>', found[1])


def test_the_page_lists_needs_answering_and_working_projects(as_role, kenya) -> None:
    page = as_role("viewer").get("/member-states/KEN").get_data(as_text=True)
    assert "<h1>Kenya (KEN)</h1>" in page
    assert "N-OPEN" in page and "N-SECRET" not in page
    assert "P-ANSWER" in page and "P-FIELD" in page
    # A project known here only through the confidential need would reveal it; cancelled
    # projects answer nothing and work nowhere.
    assert "P-HUSH" not in page and "P-DEAD" not in page
    assert "Needs identified by CTED (1)" in page
    assert "Projects answering these needs (1)" in page
    assert "Projects working in this State (1)" in page


@pytest.mark.parametrize("role", ["cted", "admin"])
def test_cleared_roles_see_the_confidential_needs_and_their_projects(as_role, kenya, role) -> None:
    page = as_role(role).get("/member-states/KEN").get_data(as_text=True)
    assert "N-SECRET" in page and "P-HUSH" in page and "confidential</span>" in page
    assert "Needs identified by CTED (2)" in page
    iraq = as_role(role).get("/member-states/IRQ")
    assert iraq.status_code == 200 and "N-IRQ-SECRET" in iraq.get_data(as_text=True)


def test_a_state_known_only_from_confidential_needs_is_known_to_cleared_roles_only(
    as_role, kenya
) -> None:
    viewer = as_role("viewer")
    # Iraq is a country: its page exists, empty for a viewer, and the index leaves it out.
    iraq = viewer.get("/member-states/IRQ").get_data(as_text=True)
    assert "N-IRQ-SECRET" not in iraq and "No need recorded for this State." in iraq
    assert "Iraq" not in viewer.get("/member-states").get_data(as_text=True)
    assert "Iraq (IRQ)" in as_role("cted").get("/member-states").get_data(as_text=True)


@pytest.mark.parametrize("code", ["XYZ", "KE", "KENYA", "K3N", "K%C3%A9N"])
def test_an_unknown_code_is_a_404_page(as_role, kenya, code) -> None:
    response = as_role("viewer").get(f"/member-states/{code}")
    assert response.status_code == 404
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_lower_case_code_goes_to_the_state_page(as_role, kenya) -> None:
    response = as_role("viewer").get("/member-states/ken")
    assert response.status_code == 302 and response.headers["Location"].endswith("/KEN")


def test_the_index_counts_each_state_in_one_statement(
    as_role, kenya, db_session, statements
) -> None:
    client = as_role("viewer")
    client.get("/member-states")  # warm-up: the signed-in user
    data_version.clear()  # the index, kept from the warm-up, is counted afresh
    statements.clear()
    page = client.get("/member-states").get_data(as_text=True)
    queries = [s for s in statements if "cted_needs" in s or "project_countries" in s]
    assert len(queries) == 1, statements
    statements.clear()
    assert client.get("/member-states").get_data(as_text=True) == page
    assert not [s for s in statements if "cted_needs" in s], "kept until something is written"
    # needs, answered, projects answering, projects working there
    assert row_of(page, "Kenya (KEN)") == ["1", "1", "1", "1"]
    cted = as_role("cted").get("/member-states").get_data(as_text=True)
    assert row_of(cted, "Kenya (KEN)") == ["2", "2", "2", "1"]


def test_the_lists_are_bounded(as_role, world, db_session, monkeypatch) -> None:
    monkeypatch.setattr(state_queries, "LISTED", 3)
    for k in range(5):
        factories.need(db_session, f"N-MLI-{k}", member_state="MLI")
        factories.project(db_session, f"P-MLI-{k}", scope="national", countries=("MLI",))
    db_session.commit()
    page = as_role("viewer").get("/member-states/MLI").get_data(as_text=True)
    assert len(re.findall(r"<tr><td>N-MLI-", page)) == 3
    assert len(re.findall(r">P-MLI-\d</a>", page)) == 3
    assert "The first 3 of 5 needs" in page and "/needs?member_state=MLI" in page
    assert "Projects working in this State (5)" in page
