"""A report's plausibility warnings: its figures judged by indicators.plausibility against the
project's approved values (the last one and the last 12 periods), in two queries."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.models.logframe import Indicator
from app.progress.queries import ReportedValue, approved_history, last_approved_values
from indicators.plausibility import Figure, Warning, activity_mismatch, figure_warnings

if TYPE_CHECKING:
    from app.progress.services import ActivityInput, IndicatorInput, ReportScope

Warnings = dict[str, list[Warning]]
EXPLAIN = _l("Explain this figure to submit it: say why it is right despite the warning.")


class UnexplainedWarnings(ValidationFailed):
    """A submission has warned figures without an explanation; `fields` maps their form keys
    to the message, `warnings` holds every warning of the submission."""

    def __init__(self, fields: dict[str, str], warnings: Warnings) -> None:
        super().__init__(list(fields.values()))
        self.fields, self.warnings = fields, warnings


def ensure_explained(
    session: Session,
    scope: ReportScope,
    values: Mapping[int, IndicatorInput],
    activities: Mapping[int, ActivityInput],
) -> None:
    """Raise UnexplainedWarnings unless every warned figure carries an explanation."""
    warnings = report_warnings(session, scope, values, activities)
    if needed := unexplained(warnings, values, activities):
        raise UnexplainedWarnings(needed, warnings)


def report_warnings(
    session: Session,
    scope: ReportScope,
    values: Mapping[int, IndicatorInput],
    activities: Mapping[int, ActivityInput],
) -> Warnings:
    """Return the warnings of the given inputs, keyed by ind-<id> and act-<id>."""
    ids = [i.id for i in scope.indicators]
    key, project = scope.period.key, scope.project.id
    last = last_approved_values(session, ids, before_key=key, project_id=project)
    history = approved_history(session, project, ids, key)
    found: Warnings = {}
    for indicator in scope.indicators:
        if (given := values.get(indicator.id)) is None or given.is_empty():
            continue
        figure = figure_of(indicator, given, last.get(indicator.id), history.get(indicator.id, []))
        if warnings := figure_warnings(figure):
            found[figure.field] = warnings
    for activity in scope.activities:
        if (update := activities.get(activity.id)) is None:
            continue
        # A blank % complete keeps the activity's own, as the save does.
        percent = update.percent if update.percent is not None else activity.percent_complete
        field = f"act-{activity.id}"
        if warnings := activity_mismatch(field, update.status, percent):
            found[field] = warnings
    return found


def figure_of(
    indicator: Indicator,
    given: IndicatorInput,
    last: ReportedValue | None,
    history: list[Decimal],
) -> Figure:
    """Return the figure the plausibility rules judge: the input beside the indicator's
    baseline, life target, last approved value and recent history."""
    return Figure(
        field=f"ind-{indicator.id}",
        measure=indicator.measure,
        cumulation=indicator.cumulation,
        value=given.value,
        numerator=given.numerator,
        denominator=given.denominator,
        baseline=indicator.baseline_value,
        life_target=indicator.life_target,
        last_approved=last.value if last else None,
        history=tuple(history),
        parts=given.parts,
        parts_incomplete=given.parts_incomplete,
    )


def unexplained(
    warnings: Warnings,
    values: Mapping[int, IndicatorInput],
    activities: Mapping[int, ActivityInput],
) -> dict[str, str]:
    """Return, for each warned item without an explanation, the message to show beside it."""
    gaps: dict[str, str] = {}
    for field in warnings:
        kind, _, ident = field.partition("-")
        source = values if kind == "ind" else activities
        item = source.get(int(ident))
        if item is None or not (item.explanation or "").strip():
            gaps[field] = str(EXPLAIN)
    return gaps


def changes_from_last(
    values: Mapping[int, Decimal | None], last: Mapping[int, ReportedValue]
) -> dict[int, Decimal]:
    """Return each figure's change from its last approved value, where both exist."""
    changes: dict[int, Decimal] = {}
    for indicator_id, value in values.items():
        previous = last.get(indicator_id)
        if value is not None and previous is not None and previous.value is not None:
            changes[indicator_id] = value - previous.value
    return changes
