"""Integrity (RELIABILITY T57, T59-T63): the audit trail is append-only for the application (ORM
guard) and for SQL (database triggers); frozen baselines and issued reports are re-verified by
hash; foreign keys hold on SQLite too.  Runs on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.audit.guard import AuditTampering
from app.audit.services import record
from app.models.audit import AuditEvent
from app.models.portfolio import Project
from app.models.quarterly import IssuedReport
from app.quarterly import services as issued
from tests.app.tamper import tamper
from tests.security.fingerprint import changed, fingerprint


@pytest.fixture
def event(db_session) -> AuditEvent:
    found = record(db_session, None, "test", "project", 1, after={"title": "x"})
    db_session.flush()
    return found


def test_orm_cannot_update_or_delete_audit_events(db_session, event) -> None:
    event.action = "forged"
    with pytest.raises(AuditTampering):
        db_session.flush()
    db_session.rollback()
    for statement in (
        update(AuditEvent).values(action="forged"),
        delete(AuditEvent),
        update(AuditEvent.__table__).values(action="forged"),
    ):
        with pytest.raises(AuditTampering):
            db_session.execute(statement)


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events"],
    ids=["update", "delete"],
)
def test_database_trigger_refuses_sql_on_audit_events(connection, event, statement) -> None:
    before = fingerprint(connection)
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError) as caught:
        connection.exec_driver_sql(statement)
    savepoint.rollback()
    assert "append-only" in str(caught.value).lower() or "audit" in str(caught.value).lower()
    assert changed(before, fingerprint(connection)) == []


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE baselines SET content_hash = 'sha256:forged'",
        "DELETE FROM baseline_projects",
        "UPDATE baseline_projects SET budget_usd = budget_usd + 1",
    ],
)
def test_database_trigger_refuses_sql_on_frozen_baselines(connection, ds, statement) -> None:
    before = fingerprint(connection)
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError):
        connection.exec_driver_sql(statement)
    savepoint.rollback()
    assert changed(before, fingerprint(connection)) == []


def test_tampered_baseline_fails_verification_on_the_web(ds, as_role, db_session) -> None:
    client = as_role("admin")
    label = ds.baseline.label
    ok = client.post(f"/baselines/{label}/verify", follow_redirects=True)
    assert "OK: baseline" in ok.get_data(as_text=True)
    tamper(
        db_session,
        "baseline_projects",
        "UPDATE baseline_projects SET budget_usd = 999 WHERE baseline_id = :b",
        b=ds.baseline.id,
    )
    alarm = client.post(f"/baselines/{label}/verify", follow_redirects=True)
    assert "ALARM: baseline" in alarm.get_data(as_text=True)


def test_tampered_issued_report_is_refused(app, ds, db_session, tmp_path) -> None:
    report = issued.issue_report(db_session, None, "2019Q3", None)
    db_session.commit()
    run = app.test_cli_runner()
    out = tmp_path / "q.pdf"
    good = run.invoke(args=["report", "quarterly", "--period", "2019Q3", "--out", str(out)])
    assert good.exit_code == 0 and out.read_bytes() == report.content
    assert db_session.execute(text("SELECT count(*) FROM issued_reports")).scalar() == 2
    savepoint = db_session.connection().begin_nested()
    with pytest.raises(DBAPIError):  # the trigger refuses a change without the tamper tool
        db_session.connection().exec_driver_sql("UPDATE issued_reports SET content = content")
    savepoint.rollback()
    tamper(
        db_session,
        "issued_reports",
        "UPDATE issued_reports SET content = :c WHERE id = :i",
        c=b"%PDF-1.4 forged",
        i=report.id,
    )
    db_session.commit()  # keep the tampering when a refused command rolls its session back
    db_session.expire_all()
    with pytest.raises(issued.TamperedReport):
        issued.verified_content(db_session.get(IssuedReport, report.id))
    out.unlink()
    refused = run.invoke(args=["report", "quarterly", "--period", "2019Q3", "--out", str(out)])
    assert refused.exit_code == 1 and "altered" in refused.output
    assert not out.exists() or b"forged" not in out.read_bytes()
    page = app.test_client()
    from tests.security.conftest import put_in_session

    put_in_session(page, ds.user("viewer"))
    response = page.get(f"/reports/issued/{report.id}.pdf")
    assert response.status_code == 409, response.data[:300]
    assert b"forged" not in response.data
    assert "altered" in response.get_data(as_text=True)


def test_foreign_keys_hold_on_every_database(db_session, connection) -> None:
    before = fingerprint(connection)
    savepoint = db_session.begin_nested()
    db_session.add(
        Project(
            code="ORPHAN", title="Orphan", entity_id=987654, pillar_code="II", scope="global",
            status="ongoing", budget_usd=1, funded_usd=0, start_date=dt.date(2019, 1, 1),
        )
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        db_session.flush()
    savepoint.rollback()
    savepoint = connection.begin_nested()
    with pytest.raises(IntegrityError):
        connection.exec_driver_sql(
            "INSERT INTO project_countries (project_id, iso3) VALUES (987654, 'KEN')"
        )
    savepoint.rollback()
    assert changed(before, fingerprint(connection)) == []
