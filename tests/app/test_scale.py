"""The scale generator: deterministic for a seed, with the promised shape."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.devdata.scale import QUARTERS, seed_scale
from app.errors import DomainError
from app.models.portfolio import CtedNeed, Project
from app.models.reference import Entity

N = 40
FINGERPRINT_SQL = (
    "SELECT p.code, p.title, e.acronym, p.pillar_code, p.scope, p.status, p.budget_usd,"
    " p.funded_usd, p.gender_marker FROM projects p JOIN entities e ON e.id = p.entity_id"
    " ORDER BY p.code",
    "SELECT code, member_state, pillar_code, confidential FROM cted_needs ORDER BY code",
    "SELECT p.code, n.code FROM project_needs l JOIN projects p ON p.id = l.project_id"
    " JOIN cted_needs n ON n.id = l.need_id ORDER BY 1, 2",
    "SELECT code, measure, cumulation, baseline_value, life_target FROM indicators ORDER BY code",
    "SELECT i.code, rp.key, r.status, v.value, v.numerator, v.text FROM indicator_values v"
    " JOIN indicators i ON i.id = v.indicator_id JOIN progress_reports r ON r.id = v.report_id"
    " JOIN reporting_periods rp ON rp.id = r.period_id ORDER BY 1, 2",
)


def fingerprint(session: Session) -> str:
    """Hash the generated rows by their codes (database ids left out)."""
    digest = hashlib.sha256()
    for sql in FINGERPRINT_SQL:
        for row in session.execute(text(sql)):
            digest.update(repr(tuple(str(v) for v in row)).encode())
    return digest.hexdigest()


def generate(session: Session, seed: int) -> str:
    """Generate inside a savepoint, fingerprint, and undo."""
    savepoint = session.begin_nested()
    seed_scale(session, N, seed)
    found = fingerprint(session)
    savepoint.rollback()
    return found


def test_same_seed_gives_same_rows(db_session: Session) -> None:
    first = generate(db_session, 7)
    assert generate(db_session, 7) == first
    assert generate(db_session, 8) != first


def test_shape(db_session: Session) -> None:
    seed_scale(db_session, N, 3)
    count = lambda sql: db_session.scalar(text(sql))  # noqa: E731
    assert db_session.scalar(select(func.count(Entity.id))) == 40
    assert db_session.scalar(select(func.count(Project.id))) == N
    assert db_session.scalar(select(func.count(CtedNeed.id))) == N // 20 * 10
    assert count("SELECT COUNT(*) FROM outputs") == 3 * N
    assert count("SELECT COUNT(*) FROM indicators") == 5 * N
    assert count("SELECT COUNT(*) FROM cted_needs WHERE confidential") > 0
    assert count("SELECT COUNT(*) FROM project_needs") > 0
    approved = db_session.execute(
        text(
            "SELECT rp.key, COUNT(*) FROM indicator_values v"
            " JOIN progress_reports r ON r.id = v.report_id"
            " JOIN reporting_periods rp ON rp.id = r.period_id"
            " WHERE r.status = 'approved' GROUP BY rp.key"
        )
    ).all()
    assert sorted(k for k, _ in approved) == list(QUARTERS)
    assert count("SELECT COUNT(*) FROM indicator_values") == 5 * N * len(QUARTERS)
    measures = {m for (m,) in db_session.execute(text("SELECT DISTINCT measure FROM indicators"))}
    assert measures == {"number", "percentage", "qualitative"}


def test_refuses_a_database_with_projects(db_session: Session) -> None:
    seed_scale(db_session, 2, 1)
    with pytest.raises(DomainError, match="projects already"):
        seed_scale(db_session, 2, 1)
