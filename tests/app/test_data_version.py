"""The data version: every committed write of the app's sessions raises it, reads and rolled-back
writes do not; the readers' home, kept per version, is computed once until something is
written and shows each write at once."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select, update

from app import data_version, db
from app.db import transaction
from app.models.portfolio import Project
from app.quarterly import glance
from tests.app import factories


def _number() -> int:
    return data_version.current(db.session())


def test_a_committed_write_raises_the_number_and_a_read_does_not(db_session) -> None:
    before = _number()
    with transaction() as session:
        assert session.scalar(select(func.count()).select_from(Project)) is not None
    assert _number() == before, "a transaction that only read"
    with transaction() as session:
        factories.project(session, "DV-1")  # flushed by the factory
    assert _number() == before + 1
    with pytest.raises(RuntimeError), transaction() as session:
        factories.project(session, "DV-2")
        session.flush()
        raise RuntimeError("the user's action fails")
    assert _number() == before + 1, "a rolled-back write"
    with transaction() as session:  # left to the commit's own flush
        session.scalars(select(Project).where(Project.code == "DV-1")).one().title = "Renamed"
    assert _number() == before + 2, "a change the commit itself flushes"


def _projects_shown(client) -> int:
    page = client.get("/").get_data(as_text=True)
    found = re.search(r"<strong>(\d+) projects?</strong>", page)
    assert found, "the home shows the portfolio's projects"
    return int(found.group(1))


def test_the_readers_home_is_computed_once_until_a_write(
    client, db_session, make_user, login, monkeypatch
) -> None:
    factories.project(db_session, "DV-A")
    db_session.commit()
    login(make_user("viewer"))
    computed = []
    real = glance._figures
    monkeypatch.setattr(glance, "_figures", lambda *a: computed.append(1) or real(*a))
    first = _projects_shown(client)
    assert _projects_shown(client) == first
    assert len(computed) == 1, "the second view reuses the figures"
    with transaction() as session:
        factories.project(session, "DV-B")
    assert _projects_shown(client) == first + 1, "the write shows at once"
    assert len(computed) == 2


def test_the_apps_own_sessions_count_their_writes(tmp_path) -> None:
    """Outside the test fixtures (which build their own session factory): the app as it runs."""
    from app import create_app, migrate
    from app.db import make_engine
    from app.reference.services import seed_reference

    url = f"sqlite:///{tmp_path / 'own.sqlite'}"
    migrate.upgrade(make_engine(url))
    own = create_app({"DATABASE_URL": url, "SECRET_KEY": "k" * 48})
    with own.app_context():
        with transaction() as session:
            seed_reference(session)
        before = _number()
        with transaction() as session:
            factories.project(session, "DV-OWN")
        assert _number() == before + 1


def test_bookkeeping_writes_keep_the_number(client, db_session, make_user) -> None:
    """A failed sign-in (its failure row and audit event) changes no figure: nothing kept is
    thrown away; a change to a project, through a bulk statement too, raises the number."""
    user = make_user("viewer")
    db_session.commit()
    before = _number()
    client.post("/login", data={"email": user.email, "password": "not the password"})
    assert _number() == before
    with transaction() as session:
        session.execute(update(Project).values(title=Project.title + " (renamed)"))
    assert _number() == before + 1
