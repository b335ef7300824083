"""Read-only queries of the logframe."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.logframe import Indicator, Outcome, Output
from reports.tabular import Cell


def project_outputs(session: Session, project_id: int) -> list[Output]:
    """Return a project's outputs with activities, outcome, indicators and targets loaded."""
    stmt = (
        select(Output)
        .where(Output.project_id == project_id)
        .order_by(Output.code)
        .options(
            selectinload(Output.activities),
            selectinload(Output.outcome),
            selectinload(Output.indicators).selectinload(Indicator.targets),
        )
    )
    return list(session.scalars(stmt))


LOGFRAME_COLUMNS = [
    "level",
    "code",
    "statement",
    "pillar",
    "outcome",
    "indicators",
    "assumptions",
    "means_of_verification",
]


def _codes(indicators: list[Indicator]) -> str:
    return ";".join(sorted(i.code for i in indicators))


def logframe_rows(session: Session, project_id: int) -> list[list[Cell]]:
    """Return a project's logframe matrix: each outcome its outputs serve, then those outputs;
    outputs serving no outcome last. Three queries, whatever the size of the logframe."""
    outputs = project_outputs(session, project_id)
    served = {o.outcome_id for o in outputs if o.outcome_id is not None}
    stmt = (
        select(Outcome)
        .where(Outcome.id.in_(served))
        .order_by(Outcome.code)
        .options(selectinload(Outcome.indicators))
    )
    rows: list[list[Cell]] = []
    for outcome in session.scalars(stmt):
        rows.append(_outcome_row(outcome))
        rows += [_output_row(o, outcome) for o in outputs if o.outcome_id == outcome.id]
    rows += [_output_row(o, None) for o in outputs if o.outcome_id is None]
    return rows


def _outcome_row(outcome: Outcome) -> list[Cell]:
    return [
        "outcome",
        outcome.code,
        outcome.statement,
        outcome.pillar_code,
        "",
        _codes(outcome.indicators),
        outcome.assumptions,
        outcome.means_of_verification,
    ]


def _output_row(output: Output, outcome: Outcome | None) -> list[Cell]:
    return [
        "output",
        output.code,
        output.title,
        outcome.pillar_code if outcome else "",
        outcome.code if outcome else "",
        _codes(output.indicators),
        output.assumptions,
        output.means_of_verification,
    ]
