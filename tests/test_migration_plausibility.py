"""The plausibility revision: up adds an empty explanation to values and activity updates; down
drops it in place, keeping every value, part and activity update."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from app import migrate
from app.models.progress import ActivityUpdate, IndicatorValue, ProgressReport, ValuePart
from app.reference.services import seed_reference
from tests.app.progress_data import world
from tests.test_migrations import scratch_engine  # noqa: F401  (the fixture)

TABLES = ("indicator_values", "value_parts", "activity_updates")


def load(engine: Engine) -> None:
    """A report with a value (with a part) and an activity update, both explained."""
    with Session(engine) as session:
        seed_reference(session)
        w = world(session)
        value = IndicatorValue(indicator=w.number, value=Decimal(5), explanation="A big event")
        value.parts = [ValuePart(category="women", value=Decimal(5))]
        report = ProgressReport(project=w.project, period=w.period, status="draft", values=[value])
        report.activity_updates = [
            ActivityUpdate(activity=w.activity, status="planned", percent_complete=90,
                           explanation="Advance payment")
        ]  # fmt: skip
        session.add(report)
        session.commit()


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.scalar(text(f"SELECT count(*) FROM {t}")) or 0 for t in TABLES}


def columns(engine: Engine, table: str) -> set[str]:
    from sqlalchemy import inspect

    return {c["name"] for c in inspect(engine).get_columns(table)}


def test_down_keeps_the_rows_and_up_again_gives_empty_explanations(scratch_engine: Engine) -> None:  # noqa: F811
    migrate.upgrade(scratch_engine)
    load(scratch_engine)
    assert counts(scratch_engine) == dict.fromkeys(TABLES, 1)
    migrate.downgrade(scratch_engine, "outcome")
    assert counts(scratch_engine) == dict.fromkeys(TABLES, 1)
    assert "explanation" not in columns(scratch_engine, "indicator_values")
    assert "explanation" not in columns(scratch_engine, "activity_updates")
    migrate.upgrade(scratch_engine)
    with scratch_engine.connect() as conn:
        found = conn.execute(text("SELECT explanation FROM indicator_values")).scalars().all()
        done = conn.execute(text("SELECT explanation FROM activity_updates")).scalars().all()
    assert found == [""] and done == [""]
