"""seed-demo: a realistic demo loads once, and a second run changes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.auth.services import authenticate
from app.models.logframe import Indicator, Outcome
from app.models.portfolio import CtedNeed, Project
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.reference import Entity
from tests.app.imports_support import counts


def count(session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_seed_demo_loads_every_kind_of_data(app, db_session) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "admin@demo.example" in result.stdout and "demo-password-2019" in result.stdout
    assert count(db_session, Project) == 40 and count(db_session, CtedNeed) == 30
    assert count(db_session, CtedNeed, CtedNeed.confidential) == 4
    for column in (Project.status, Project.scope, Project.pillar_code):
        assert len(db_session.scalars(select(column).distinct()).all()) >= 4
    assert count(db_session, Outcome) == 8
    assert set(db_session.scalars(select(Indicator.measure).distinct())) == {
        "number", "percentage", "qualitative",
    }  # fmt: skip
    assert set(db_session.scalars(select(Indicator.cumulation).distinct())) == {
        "non_cumulative", "cumulative_sum", "cumulative_latest",
    }  # fmt: skip
    periods = dict(db_session.execute(select(ReportingPeriod.key, ReportingPeriod.status)).all())
    assert periods == {"2019Q2": "locked", "2019Q3": "open"}
    q3 = select(ProgressReport.status).join(ReportingPeriod).where(ReportingPeriod.key == "2019Q3")
    assert set(db_session.scalars(q3)) == {"draft", "submitted", "returned", "approved"}
    user = authenticate(db_session, "unodc@demo.example", "demo-password-2019", "t", 5, 900)
    assert user is not None and user.entity.acronym == "UNODC"


def test_seed_demo_twice_is_fine_and_changes_nothing(app, db_session) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["seed-demo"])
    before = counts(db_session)
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0
    assert again.stdout.startswith("Demo data already loaded; nothing changed.")
    assert counts(db_session) == before


def test_seed_demo_refuses_production(app, db_session, monkeypatch) -> None:
    monkeypatch.setitem(app.config, "PRODUCTION", True)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert result.stderr == "Error: seed-demo refuses to run when PRODUCTION is set\n"
    assert count(db_session, Project) == 0


def test_seed_demo_refuses_codes_that_already_exist(app, db_session) -> None:
    runner = app.test_cli_runner()
    unoct = db_session.scalar(select(Entity.id).where(Entity.acronym == "UNOCT"))
    mine = Project(code="UNOCT-GLO-2015-01", title="Mine", entity_id=unoct, pillar_code="I")
    mine.scope, mine.status, mine.budget_usd, mine.funded_usd = "global", "ongoing", 1, 0
    db_session.add(mine)
    db_session.commit()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: seed-demo: 1 demo codes already exist")
    assert count(db_session, Project) == 1
