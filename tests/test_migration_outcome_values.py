"""The outcome_values revision: up adds the outcome reports and values; down refuses while a
report is stored and otherwise removes both tables."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine, inspect, text
from sqlalchemy.orm import Session

from app import migrate
from app.models.logframe import Indicator, Outcome
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.reference.services import seed_reference
from tests.app.factories import period
from tests.test_migrations import scratch_engine  # noqa: F401  (the fixture)

TABLES = {"outcome_reports", "outcome_values"}


def load(engine: Engine) -> None:
    """An outcome report of 2019Q3 with one value."""
    with Session(engine) as session:
        seed_reference(session)
        outcome = Outcome(code="OC-M", pillar_code="I", statement="Fewer attacks")
        indicator = Indicator(
            code="OC-M-1", name="States", outcome=outcome, measure="number", unit="States"
        )
        value = OutcomeValue(indicator=indicator, value=Decimal(4))
        session.add(OutcomeReport(period=period(session), status="draft", values=[value]))
        session.commit()


def tables(engine: Engine) -> set[str]:
    return TABLES & set(inspect(engine).get_table_names())


def test_down_refuses_while_values_are_stored_then_comes_back(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine)
    assert tables(scratch_engine) == TABLES
    load(scratch_engine)
    with pytest.raises(RuntimeError, match="1 outcome report"):
        migrate.downgrade(scratch_engine, "plausibility")
    assert tables(scratch_engine) == TABLES
    with scratch_engine.begin() as conn:
        assert conn.scalar(text("SELECT count(*) FROM outcome_values")) == 1
        conn.execute(text("DELETE FROM outcome_values"))
        conn.execute(text("DELETE FROM outcome_reports"))
    migrate.downgrade(scratch_engine, "plausibility")
    assert tables(scratch_engine) == set()
    migrate.upgrade(scratch_engine)
    assert tables(scratch_engine) == TABLES
