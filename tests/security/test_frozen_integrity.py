"""Frozen data under direct SQL (issue 13, F5 to F7): a sealed baseline takes no new rows, a
baseline that no longer matches its hash is refused on every channel, TRUNCATE is refused on
PostgreSQL, a replaced issued report is caught by the hash the audit trail kept, and an audit
event changes in no column. Runs on both databases unless marked."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.audit.services import record
from app.figures.baseline_report import clear_cache
from tests.app import factories
from tests.app.tamper import tamper
from tests.security.conftest import Dataset
from tests.security.fingerprint import changed, fingerprint

FORGED_BUDGET = 987654321
FORGED_ROWS = {
    "baseline_projects": (
        "INSERT INTO baseline_projects (baseline_id, code, title, entity, pillar, scope, status, "
        "budget_usd, funded_usd, countries, pve_areas) VALUES (:b, 'FORGED-1', 'Forged', "
        f"'UNODC', 'II', 'global', 'ongoing', {FORGED_BUDGET}, 0, '', '')"
    ),
    "baseline_needs": (
        "INSERT INTO baseline_needs (baseline_id, code, member_state, assessment_date, pillar, "
        "thematic_area, description, confidential) VALUES (:b, 'FORGED-N', 'KEN', :day, 'II', "
        "'Forged', 'Forged', :no)"
    ),
    "baseline_links": (
        "INSERT INTO baseline_links (baseline_id, project_code, need_code) "
        "VALUES (:b, 'FORGED-1', 'FORGED-N')"
    ),
    "baseline_values": (
        "INSERT INTO baseline_values (baseline_id, project_code, indicator_code, period_key, "
        "value, text) VALUES (:b, 'FORGED-1', 'FORGED-I', '2019Q3', 10, '')"
    ),
    "baseline_value_parts": (
        "INSERT INTO baseline_value_parts (baseline_id, project_code, indicator_code, "
        "period_key, category, value, parts_incomplete) "
        "VALUES (:b, 'FORGED-1', 'FORGED-I', '2019Q3', 'women', 10, :no)"
    ),
}


def _params(ds: Dataset) -> dict[str, object]:
    return {"b": ds.baseline.id, "day": dt.date(2019, 1, 1), "no": False}


@pytest.mark.parametrize("table", sorted(FORGED_ROWS))
def test_a_sealed_baseline_refuses_new_rows(connection, ds, table) -> None:
    before = fingerprint(connection)
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError) as caught:
        connection.execute(text(FORGED_ROWS[table]), _params(ds))
    savepoint.rollback()
    assert "frozen baseline" in str(caught.value)
    assert changed(before, fingerprint(connection)) == []


def test_a_baseline_that_no_longer_matches_its_hash_is_refused_everywhere(
    app, ds, db_session, as_role
) -> None:
    label = ds.baseline.label
    tamper(db_session, "baseline_projects", FORGED_ROWS["baseline_projects"], b=ds.baseline.id)
    db_session.commit()  # keep it when a refused request rolls its session back
    clear_cache()  # a fresh worker: the figures are loaded (and checked) for the first time
    client = as_role("viewer")
    pages = {
        "api": f"/api/v1/baselines/{label}",
        "compare": f"/compare?a={label}&b=",
        "compare csv": f"/compare.csv?a={label}&b=",
        "drill-down": f"/compare/projects?source={label}",
        "pdf": f"/baselines/{label}.pdf",
        "csv": f"/baselines/{label}.csv",
    }
    for name, url in pages.items():
        response = client.get(url)
        body = response.get_data(as_text=True)
        assert response.status_code == 409, (name, response.status_code, body[:300])
        assert "no longer matches its hash" in body, name
        assert str(FORGED_BUDGET) not in body and "987,654,321" not in body, name
    assert "error" in json.loads(client.get(pages["api"]).data)
    command = app.test_cli_runner().invoke(args=["report", "baseline", label, "--format", "json"])
    assert command.exit_code == 1 and "no longer matches its hash" in command.output
    assert str(FORGED_BUDGET) not in command.output and "Traceback" not in command.output


def test_an_intact_baseline_is_served_and_checked_once(ds, as_role) -> None:
    clear_cache()
    client = as_role("viewer")
    first = client.get(f"/api/v1/baselines/{ds.baseline.label}")
    assert first.status_code == 200
    assert json.loads(first.data)["baseline"]["hash"] == ds.baseline.content_hash


def test_a_baseline_made_up_by_sql_with_a_matching_hash_is_refused(app, ds, db_session) -> None:
    from app.baselines.canonical import content_hash
    from app.models.baselines import Baseline

    db_session.execute(text(
        "INSERT INTO baselines (label, as_of, content_hash, created_at) "
        "VALUES ('Made up', :day, 'pending', :now)"
    ), {"day": dt.date(2019, 8, 31), "now": dt.datetime.now(dt.UTC)})  # fmt: skip
    made_up = db_session.scalars(text("SELECT id FROM baselines WHERE label = 'Made up'")).one()
    db_session.execute(text(FORGED_ROWS["baseline_projects"]), {"b": made_up})
    forged = db_session.get(Baseline, made_up)
    db_session.execute(
        text("UPDATE baselines SET content_hash = :h WHERE id = :b"),
        {"h": content_hash(db_session, forged), "b": made_up},
    )  # the rows and the hash agree: only the audit trail knows it was never frozen
    db_session.commit()
    db_session.expire_all()
    clear_cache()
    run = app.test_cli_runner()
    verify = run.invoke(args=["snapshot", "verify", "Made up"])
    assert verify.exit_code == 1 and "no longer matches" in verify.output
    report = run.invoke(args=["report", "baseline", "Made up", "--format", "json"])
    assert report.exit_code == 1 and str(FORGED_BUDGET) not in report.output


GUARDED = (
    "audit_events", "baselines", "baseline_projects", "baseline_needs", "baseline_links",
    "baseline_values", "baseline_value_parts", "issued_reports",
)  # fmt: skip


@pytest.mark.postgres_only
@pytest.mark.parametrize("table", GUARDED)
def test_truncate_is_refused_on_postgresql(connection, ds, table) -> None:
    before = fingerprint(connection)
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError) as caught:
        connection.exec_driver_sql(f"TRUNCATE {table} CASCADE")
    savepoint.rollback()
    assert "TRUNCATE refused" in str(caught.value)
    assert changed(before, fingerprint(connection)) == []


FORGED_PDF = b"%PDF-1.4 forged report with its own hash"


@pytest.mark.parametrize("same_id", [True, False], ids=["same id", "new id"])
def test_a_replaced_issued_report_with_its_own_hash_is_refused(
    app, ds, db_session, as_role, tmp_path, same_id
) -> None:
    report = ds.issued
    period = report.period_key
    tamper(db_session, "issued_reports", "DELETE FROM issued_reports WHERE id = :i", i=report.id)
    new_id = report.id if same_id else report.id + 1000
    db_session.execute(
        text(
            "INSERT INTO issued_reports (id, period_key, scope, content, sha256, issued_at) "
            "VALUES (:i, :p, :s, :c, :h, :t)"
        ),
        {"i": new_id, "p": report.period_key, "s": report.scope, "c": FORGED_PDF,
         "h": hashlib.sha256(FORGED_PDF).hexdigest(), "t": dt.datetime.now(dt.UTC)},
    )  # fmt: skip
    db_session.commit()
    db_session.expire_all()  # as a fresh request would read it
    response = as_role("viewer").get(f"/reports/issued/{new_id}.pdf")
    assert response.status_code == 409, response.data[:300]
    assert b"forged" not in response.data
    assert "audit trail" in response.get_data(as_text=True)
    out = tmp_path / "q.pdf"
    command = app.test_cli_runner().invoke(
        args=["report", "quarterly", "--period", period, "--out", str(out)]
    )
    assert command.exit_code == 1 and "audit trail" in command.output
    assert not out.exists() or b"forged" not in out.read_bytes()


def test_an_issued_report_is_served_when_its_audit_event_agrees(ds, as_role) -> None:
    response = as_role("viewer").get(f"/reports/issued/{ds.issued.id}.pdf")
    assert response.status_code == 200 and response.data == ds.issued.content


@pytest.fixture
def two_projects(db_session):
    a, b = factories.project(db_session, "AUD-A"), factories.project(db_session, "AUD-B")
    event = record(db_session, None, "edit", "project", a.id, after={"x": 1}, project_id=a.id)
    db_session.flush()
    return a, b, event


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_events SET id = id + 100000 WHERE id = :e",
        "UPDATE audit_events SET project_id = :b WHERE id = :e",
        "UPDATE audit_events SET project_id = NULL WHERE id = :e",
        "UPDATE audit_events SET object_id = 'other' WHERE id = :e",
    ],
    ids=["re-number", "move to another project", "detach from a live project", "object"],
)
def test_an_audit_event_changes_in_no_column(connection, two_projects, statement) -> None:
    a, b, event = two_projects
    before = fingerprint(connection)
    savepoint = connection.begin_nested()
    with pytest.raises(DBAPIError) as caught:
        connection.execute(text(statement), {"e": event.id, "b": b.id})
    savepoint.rollback()
    assert "append-only" in str(caught.value)
    assert changed(before, fingerprint(connection)) == []


def test_deleting_a_project_still_detaches_its_audit_events(connection, two_projects) -> None:
    a, _b, event = two_projects
    connection.execute(text("DELETE FROM projects WHERE id = :a"), {"a": a.id})
    kept = connection.execute(
        text("SELECT project_id, object_id, action FROM audit_events WHERE id = :e"),
        {"e": event.id},
    ).one()
    assert tuple(kept) == (None, str(a.id), "edit")
