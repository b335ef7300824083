"""Frozen baselines: content, hash, immutability, verification and the baseline report."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from app.baselines.guard import FrozenRecordError
from app.baselines.services import create_baseline, verify_baseline
from app.errors import DomainError
from app.figures.baseline_report import baseline_report
from app.models.baselines import BaselineProject
from tests.app import factories
from tests.app.tamper import tamper

AS_OF = dt.date(2019, 8, 31)


@pytest.fixture
def portfolio(db_session):
    n1 = factories.need(db_session, "N-1")
    factories.need(db_session, "N-2", confidential=True, member_state="FRA")
    factories.project(
        db_session,
        "A",
        pillar_code="I",
        budget_usd="1000",
        funded_usd="250",
        needs=[n1],
        in_multi_year_appeal=True,
    )
    factories.project(
        db_session,
        "B",
        pillar_code="III",
        status="completed",
        budget_usd="500.50",
        funded_usd="500.50",
        scope="national",
        countries=["KEN"],
    )
    factories.project(
        db_session,
        "C",
        pillar_code="III",
        status="cancelled",
        budget_usd="70",
        funded_usd="0",
        entity="UNOCT",
    )
    return db_session


def test_report_figures_follow_the_portfolio_rules(portfolio) -> None:
    create_baseline(portfolio, None, "first", AS_OF)
    report = baseline_report(portfolio, "first")
    assert report["projects"] == 2  # the cancelled project is not in the portfolio
    assert report["implementing_entities"] == 1
    assert report["by_pillar"]["I"] == {"count": 1, "share_pct": Decimal("50.0")}
    assert report["by_pillar"]["IV"]["count"] == 0
    assert report["budget_usd"]["total"] == Decimal("1500.50")
    assert report["budget_usd"]["completed"] == Decimal("500.50")
    assert report["shortfall_usd"] == 750
    assert report["funded_usd"] == 250
    assert report["in_multi_year_appeal"] == 1
    assert report["cted_needs"] == {"total": 2, "addressed": 1, "coverage_pct": Decimal("50.0")}
    assert report["baseline"]["hash"].startswith("sha256:")


def test_baseline_does_not_move_when_live_data_changes(portfolio) -> None:
    baseline = create_baseline(portfolio, None, "frozen", AS_OF)
    before = baseline_report(portfolio, "frozen")
    portfolio.execute(text("UPDATE projects SET budget_usd = 9999, funded_usd = 0"))
    factories.project(portfolio, "NEW")
    assert baseline_report(portfolio, "frozen") == before
    assert verify_baseline(portfolio, baseline)


def test_tampering_with_stored_rows_fails_verification(portfolio) -> None:
    baseline = create_baseline(portfolio, None, "proof", AS_OF)
    # Someone with database access, bypassing the application.
    tamper(
        portfolio,
        "baseline_projects",
        "UPDATE baseline_projects SET budget_usd = 1 WHERE code = 'A'",
    )
    assert not verify_baseline(portfolio, baseline)


def test_labels_are_unique_and_required(portfolio) -> None:
    create_baseline(portfolio, None, "once", AS_OF)
    with pytest.raises(DomainError, match="exists already"):
        create_baseline(portfolio, None, "once", AS_OF)
    with pytest.raises(DomainError):
        create_baseline(portfolio, None, "   ", AS_OF)


def test_comparison_counts_added_removed_and_status_changes(portfolio) -> None:
    create_baseline(portfolio, None, "2018", dt.date(2018, 8, 31))
    portfolio.execute(text("UPDATE projects SET status = 'cancelled' WHERE code = 'A'"))
    portfolio.execute(text("UPDATE projects SET status = 'ongoing' WHERE code = 'B'"))
    factories.project(portfolio, "D")
    create_baseline(portfolio, None, "2019", AS_OF)
    compare = baseline_report(portfolio, "2019", "2018")["compare"]
    assert compare["label"] == "2018" and compare["projects"] == 2
    assert (compare["added"], compare["removed"], compare["carried_over"]) == (1, 1, 1)
    assert compare["status_changes"]["completed->ongoing"] == 1
    assert compare["delta"]["projects"] == 0


def test_snapshot_commands(app, portfolio) -> None:
    runner = app.test_cli_runner()
    created = runner.invoke(args=["snapshot", "create", "cli", "--as-of", "2019-08-31"])
    assert created.exit_code == 0 and created.output.startswith("sha256:")
    assert "cli" in runner.invoke(args=["snapshot", "list"]).output
    assert runner.invoke(args=["snapshot", "verify", "cli"]).exit_code == 0
    again = runner.invoke(args=["snapshot", "create", "cli", "--as-of", "2019-08-31"])
    assert again.exit_code == 1 and "exists already" in again.output
    bad_date = runner.invoke(args=["snapshot", "create", "x", "--as-of", "31/08/2019"])
    assert bad_date.exit_code == 1 and "Traceback" not in bad_date.output
    tamper(portfolio, "baseline_projects", "UPDATE baseline_projects SET title = 'forged'")
    assert runner.invoke(args=["snapshot", "verify", "cli"]).exit_code == 1


def test_report_command_json_and_csv(app, portfolio) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["snapshot", "create", "r", "--as-of", "2019-08-31"])
    result = runner.invoke(args=["report", "baseline", "r", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["budget_usd"]["total"] == 1500.5 and data["projects"] == 2
    csv_out = runner.invoke(args=["report", "baseline", "r", "--format", "csv"]).output
    assert "by_pillar.I.count,1" in csv_out.replace("\r", "")
    missing = runner.invoke(args=["report", "baseline", "nope", "--format", "json"])
    assert missing.exit_code == 1 and "no baseline labelled 'nope'" in missing.output


def test_the_application_cannot_alter_frozen_rows(portfolio) -> None:
    baseline = create_baseline(portfolio, None, "guarded", AS_OF)
    with pytest.raises(FrozenRecordError):
        portfolio.execute(update(BaselineProject).values(budget_usd=Decimal("1")))
    row = portfolio.scalars(
        select(BaselineProject).where(BaselineProject.baseline_id == baseline.id)
    ).first()
    row.title = "changed"
    with pytest.raises(FrozenRecordError):
        portfolio.flush()


def test_the_database_refuses_changes_to_frozen_rows(portfolio) -> None:
    create_baseline(portfolio, None, "triggered", AS_OF)
    with pytest.raises(IntegrityError, match="frozen"), portfolio.begin_nested():
        portfolio.execute(text("UPDATE baseline_projects SET title = 'x'"))
    with pytest.raises(IntegrityError, match="never changes"), portfolio.begin_nested():
        portfolio.execute(text("UPDATE baselines SET content_hash = 'sha256:0'"))
    with pytest.raises(IntegrityError, match="append-only"), portfolio.begin_nested():
        portfolio.execute(text("DELETE FROM audit_events"))
