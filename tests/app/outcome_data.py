"""Builders for the outcome value tests: one Compact outcome with three kinds of indicator."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.logframe import Indicator, IndicatorTarget, Outcome
from app.models.outcome_values import OutcomeReport
from app.models.progress import ReportingPeriod
from app.progress.outcome_queries import OutcomeScope, load_outcome_scope
from app.progress.services import IndicatorInput
from tests.app.factories import period


@dataclass
class Outcomes:
    """What an outcome value test works on."""

    period: ReportingPeriod
    number: Indicator
    percent: Indicator
    text: Indicator

    def complete(self, number: str = "30") -> dict[int, IndicatorInput]:
        """Return a value for every outcome indicator."""
        return {
            self.number.id: IndicatorInput(value=Decimal(number)),
            self.percent.id: IndicatorInput(numerator=Decimal(3), denominator=Decimal(4)),
            self.text.id: IndicatorInput(text="Strategy adopted by two States"),
        }


def outcomes(session: Session, key: str = "2019Q3") -> Outcomes:
    """Add an outcome with a number (baseline 10, life target 50), a percentage and a text."""
    outcome = Outcome(code="OC-T1", pillar_code="II", statement="States prevent travel")
    session.add(outcome)
    session.flush()
    kinds = [("number", "States"), ("percentage", "%"), ("qualitative", "text")]
    made = [
        Indicator(
            code=f"OC-T1-{m[:3].upper()}",
            name=f"Outcome {m}",
            outcome_id=outcome.id,
            unit=u,
            measure=m,
            baseline_value=Decimal(10) if m != "qualitative" else None,
            life_target=Decimal(50) if m != "qualitative" else None,
        )  # fmt: skip
        for m, u in kinds
    ]
    session.add_all(made)
    session.flush()
    session.add(IndicatorTarget(indicator_id=made[0].id, period_key=key, target=Decimal(20)))
    found = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == key))
    session.flush()
    return Outcomes(found or period(session, key), *made)


def scope_of(session: Session, o: Outcomes) -> OutcomeScope:
    """Return the period's outcome scope, fresh from the database."""
    session.expire_all()
    return load_outcome_scope(session, o.period)


def report_of(session: Session, o: Outcomes) -> OutcomeReport | None:
    """Return the period's outcome report, fresh from the database."""
    session.expire_all()
    return session.scalar(select(OutcomeReport).where(OutcomeReport.period_id == o.period.id))
