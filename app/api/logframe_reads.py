"""A project's logframe as the API answers it: outcomes -> outputs -> activities, indicators
with their targets and approved values per period (parts by category).

A fixed number of statements whatever the size of the logframe: the outputs with their
activities, outcome, indicators and targets; the outcomes served with their indicators and
targets; the activities' approved completion; the approved values and their parts.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.logframe.queries import Completion, project_outputs, reported_completion
from app.models.logframe import Activity, Indicator, Outcome, Output
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from indicators.types import ReportStatus

Values = dict[int, list[dict[str, Any]]]  # indicator id -> its approved values, oldest first


def approved_values(session: Session, project_id: int) -> Values:
    """Return the approved values of a project's output indicators, with parts (two queries)."""
    v = IndicatorValue
    stmt = (
        select(v.id, v.indicator_id, ReportingPeriod.key, v.value, v.numerator, v.denominator)
        .add_columns(v.text, v.parts_incomplete)
        .join(ProgressReport, ProgressReport.id == v.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(
            ProgressReport.project_id == project_id,
            ProgressReport.status == ReportStatus.APPROVED.value,
        )
        .order_by(v.indicator_id, ReportingPeriod.key)
    )
    rows = list(session.execute(stmt))
    parts = _parts(session, [row.id for row in rows])
    found: Values = defaultdict(list)
    for row in rows:
        found[row.indicator_id].append(
            {
                "period": row.key, "value": row.value, "numerator": row.numerator,
                "denominator": row.denominator, "text": row.text or "",
                "parts": parts.get(row.id, {}), "parts_incomplete": row.parts_incomplete,
            }
        )  # fmt: skip
    return found


def _parts(session: Session, value_ids: list[int]) -> dict[int, dict[str, Decimal]]:
    """Return the parts of these values by value id and category (one query)."""
    if not value_ids:
        return {}
    stmt = select(ValuePart.value_id, ValuePart.category, ValuePart.value).where(
        ValuePart.value_id.in_(value_ids)
    )
    found: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for value_id, category, value in session.execute(stmt.order_by(ValuePart.category)):
        found[value_id][category] = value
    return found


def indicator_json(indicator: Indicator, values: list[dict[str, Any]]) -> dict[str, Any]:
    """Return an indicator's definition, targets and approved values."""
    return {
        "code": indicator.code, "name": indicator.name, "unit": indicator.unit,
        "measure": indicator.measure, "direction": indicator.direction,
        "cumulation": indicator.cumulation, "disaggregation": indicator.disaggregation,
        "baseline": {
            "value": indicator.baseline_value, "period": indicator.baseline_period,
            "note": indicator.baseline_note or "",
        },
        "life_target": indicator.life_target,
        "targets": {t.period_key: t.target for t in indicator.targets},
        "values": values,
    }  # fmt: skip


def activity_json(activity: Activity, reported: Completion | None) -> dict[str, Any]:
    """Return an activity as the project page shows it: the latest approved report's status
    and completion, or the logframe's own when no approved report updated it."""
    return {
        "id": activity.id, "title": activity.title,
        "start_date": activity.start_date.isoformat() if activity.start_date else None,
        "end_date": activity.end_date.isoformat() if activity.end_date else None,
        "status": reported.status if reported else activity.status,
        "percent_complete": reported.percent if reported else activity.percent_complete,
        "reported_in": reported.period_key if reported else None,
    }  # fmt: skip


def output_json(output: Output, values: Values, done: dict[int, Completion]) -> dict[str, Any]:
    """Return an output with its activities and indicators."""
    return {
        "code": output.code,
        "title": output.title,
        "activities": [activity_json(a, done.get(a.id)) for a in output.activities],
        "indicators": [indicator_json(i, values.get(i.id, [])) for i in output.indicators],
    }


def outcome_json(outcome: Outcome, outputs: list[dict[str, Any]], values: Values) -> dict[str, Any]:
    """Return an outcome the project serves: its indicators with the project's approved values,
    and the project's outputs under it."""
    return {
        "code": outcome.code,
        "statement": outcome.statement,
        "pillar": outcome.pillar_code,
        "indicators": [indicator_json(i, values.get(i.id, [])) for i in outcome.indicators],
        "outputs": outputs,
    }


def served_outcomes(session: Session, ids: set[int]) -> list[Outcome]:
    """Return these outcomes by code with their indicators and targets (three queries)."""
    if not ids:
        return []
    stmt = (
        select(Outcome)
        .where(Outcome.id.in_(ids))
        .order_by(Outcome.code)
        .options(selectinload(Outcome.indicators).selectinload(Indicator.targets))
    )
    return list(session.scalars(stmt))


def logframe_json(session: Session, project_id: int) -> dict[str, Any]:
    """Return the project's outcomes with their outputs, and the outputs serving no outcome."""
    outputs = project_outputs(session, project_id)
    values = approved_values(session, project_id)
    done = reported_completion(session, project_id)
    under: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    for output in outputs:
        under[output.outcome_id].append(output_json(output, values, done))
    outcomes = served_outcomes(session, {key for key in under if key is not None})
    return {
        "outcomes": [outcome_json(o, under[o.id], values) for o in outcomes],
        "outputs_without_outcome": under.get(None, []),
    }
