"""Read-only queries of the logframe."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.logframe import Activity, Indicator, Outcome, Output
from app.models.progress import ActivityUpdate, ProgressReport, ReportingPeriod
from indicators.types import ReportStatus
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


@dataclass(frozen=True)
class Completion:
    """An activity's completion as an approved report gave it, and the report's period."""

    percent: int
    period_key: str
    status: str

    @property
    def text(self) -> str:
        """Say the figure with its period: "55 % (2019Q3)"."""
        return f"{self.percent} % ({self.period_key})"


def reported_completion(session: Session, project_id: int) -> dict[int, Completion]:
    """Return, by activity id, the completion of the latest approved report that updated it.

    One query for the whole project; an activity no approved report updated is left out (its
    own percent_complete then stands).
    """
    stmt = (
        select(
            ActivityUpdate.activity_id,
            ActivityUpdate.percent_complete,
            ReportingPeriod.key,
            ActivityUpdate.status,
        )
        .join(ProgressReport, ProgressReport.id == ActivityUpdate.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .join(Activity, Activity.id == ActivityUpdate.activity_id)
        .join(Output, Output.id == Activity.output_id)
        .where(
            Output.project_id == project_id,
            ProgressReport.project_id == project_id,
            ProgressReport.status == ReportStatus.APPROVED.value,
        )
        .order_by(ReportingPeriod.key)
    )
    # Ordered by period, so each activity's latest approved update is the one kept.
    return {row.activity_id: Completion(*row[1:]) for row in session.execute(stmt)}


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
