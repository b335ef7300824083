"""The app on a real server for schemathesis: its own database (an SQLite file, or a PostgreSQL
database created for the run and dropped after it), seeded, and an admin's read-write token."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from app import migrate
from app.auth.services import create_user
from app.auth.tokens import create_token
from app.db import make_engine
from app.reference.services import seed_reference
from tests.app.comparison_data import two_baselines
from tests.app.progress_data import World, world
from tests.conftest import PASSWORD


@dataclass(frozen=True)
class Seeded:
    """What the seeded database holds that a test names: the tokens (an admin's, a reviewer's),
    the project the fuzzing may write to, the one the hand-written sequence reports on."""

    token: str
    reviewer_token: str
    project: str
    flow_project: str
    period: str
    indicator_codes: tuple[str, ...]
    activity: int


@contextmanager
def own_database(tmp: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database of the suite's kind, dropped afterwards."""
    suite = os.environ.get("TEST_DATABASE_URL")
    if not suite:
        yield f"sqlite:///{tmp / 'schemathesis.sqlite'}"
        return
    url = make_url(suite)
    name = f"{url.database}_schemathesis_{uuid.uuid4().hex[:8]}"
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def seed(url: str) -> Seeded:
    """Migrate the database at `url`, add two baselines, a project with a logframe, users and
    an admin's write token; commit."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    with Session(engine) as session:
        seed_reference(session)
        session.flush()
        two_baselines(session, 12)
        found: World = world(session)
        found.number.disaggregation = "sex"
        flow: World = world(session, code="P-2")  # left to the hand-written sequence alone
        flow.number.disaggregation = "sex"
        reviewer = create_user(session, "reviewer@example.org", PASSWORD, "reviewer", None)
        admin = create_user(session, "admin@example.org", PASSWORD, "admin", None)
        create_user(session, "focal@example.org", PASSWORD, "focal_point", "UNODC")
        secret = create_token(session, admin, "schemathesis", "write")[1]
        seeded = Seeded(
            secret,
            create_token(session, reviewer, "schemathesis", "write")[1],
            found.project.code,
            flow.project.code,
            found.period.key,
            (flow.number.code, flow.percent.code, flow.text.code),
            flow.activity.id,
        )
        session.commit()
    engine.dispose()
    return seeded
