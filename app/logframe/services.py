"""Outcomes (admin), outputs and activities: create, edit and delete, each audited once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.edits import (
    assign,
    audited_create,
    audited_delete,
    audited_update,
    snap_fields,
    unique_code,
    update_count,
    value_count,
)
from app.auth.permissions import ensure_admin, ensure_can_edit_project
from app.errors import DomainError, FieldInvalid
from app.models.auth import User
from app.models.logframe import Activity, Indicator, Outcome, Output
from app.models.portfolio import Project
from app.models.progress import ActivityUpdate, IndicatorValue

COLUMNS = ("assumptions", "means_of_verification")  # the logframe's two other columns
OUTCOME_FIELDS = ("code", "pillar_code", "statement") + COLUMNS
OUTPUT_FIELDS = ("code", "title", "outcome_id") + COLUMNS
ACTIVITY_FIELDS = ("title", "start_date", "end_date", "status", "percent_complete")


def outcome_snapshot(outcome: Outcome) -> dict[str, Any]:
    """Return an outcome's audited state."""
    return snap_fields(outcome, ("id",) + OUTCOME_FIELDS)


def output_snapshot(output: Output) -> dict[str, Any]:
    """Return an output's audited state."""
    return snap_fields(output, ("id", "project_id") + OUTPUT_FIELDS)


def activity_snapshot(activity: Activity) -> dict[str, Any]:
    """Return an activity's audited state."""
    return snap_fields(activity, ("id", "output_id") + ACTIVITY_FIELDS)


def create_outcome(session: Session, user: User, data: Mapping[str, Any]) -> Outcome:
    """Create a Compact-level outcome under a pillar (administrators only)."""
    ensure_admin(user)
    unique_code(session, Outcome.code, data["code"], None)
    outcome = Outcome()
    assign(outcome, data, OUTCOME_FIELDS)
    return audited_create(session, user, outcome, outcome_snapshot)


def update_outcome(
    session: Session, user: User, outcome: Outcome, data: Mapping[str, Any], version: int | None
) -> Outcome:
    """Change an outcome (administrators only)."""
    ensure_admin(user)
    unique_code(session, Outcome.code, data["code"], outcome.id)
    change = lambda: assign(outcome, data, OUTCOME_FIELDS)  # noqa: E731
    audited_update(session, user, outcome, version, change, outcome_snapshot)
    return outcome


def delete_outcome(session: Session, user: User, outcome: Outcome) -> None:
    """Delete an outcome no output contributes to and with no indicators left."""
    ensure_admin(user)
    outputs = session.scalar(select(func.count(Output.id)).where(Output.outcome_id == outcome.id))
    indicators = session.scalar(
        select(func.count(Indicator.id)).where(Indicator.outcome_id == outcome.id)
    )
    if outputs or indicators:
        raise DomainError(
            _(
                "The outcome %(code)s still has %(outputs)s output(s) and %(indicators)s"
                " indicator(s): move or delete them first.",
                code=outcome.code,
                outputs=outputs,
                indicators=indicators,
            )
        )
    audited_delete(session, user, outcome, outcome_snapshot)


def _check_outcome(session: Session, outcome_id: int | None) -> None:
    if outcome_id is None or session.get(Outcome, outcome_id) is None:
        raise FieldInvalid("outcome_id", _("Choose an outcome."))


def create_output(
    session: Session, user: User, project: Project, data: Mapping[str, Any]
) -> Output:
    """Add an output to a project, linked to an outcome."""
    ensure_can_edit_project(user, project)
    _check_outcome(session, data.get("outcome_id"))
    unique_code(session, Output.code, data["code"], None, Output.project_id == project.id)
    output = Output(project_id=project.id, project=project)
    assign(output, data, OUTPUT_FIELDS)
    return audited_create(session, user, output, output_snapshot)


def update_output(
    session: Session,
    user: User,
    output: Output,
    data: Mapping[str, Any],
    version: int | None,
    reason: str = "",
) -> Output:
    """Change an output's code, title or outcome; once it has reported data, moving it to an
    outcome under another pillar is a controlled change that needs a reason."""
    ensure_can_edit_project(user, output.project)
    _check_outcome(session, data.get("outcome_id"))
    unique_code(
        session, Output.code, data["code"], output.id, Output.project_id == output.project_id
    )
    pillar = output.outcome.pillar_code if output.outcome is not None else None
    target = session.get(Outcome, data["outcome_id"])

    def guard(diff: dict[str, tuple[Any, Any]]) -> None:
        to = target.pillar_code if target is not None else None
        moved = "outcome_id" in diff and to != pillar
        if moved and not reason.strip() and _has_reported_data(session, output):
            raise FieldInvalid(
                "reason",
                _(
                    "This output has reported data: give a reason for moving it from pillar"
                    " %(old)s to an outcome under pillar %(new)s.",
                    old=pillar,
                    new=to,
                ),
            )

    change = lambda: assign(output, data, OUTPUT_FIELDS)  # noqa: E731
    audited_update(
        session, user, output, version, change, output_snapshot, guard=guard, reason=reason.strip()
    )
    return output


def _has_reported_data(session: Session, output: Output) -> bool:
    indicators = select(Indicator.id).where(Indicator.output_id == output.id)
    values = value_count(session, IndicatorValue.indicator_id.in_(indicators))
    return bool(values or update_count(session, Activity.output_id == output.id))


def delete_output(session: Session, user: User, output: Output) -> None:
    """Delete an output with its activities and indicators, unless any has reported data."""
    ensure_can_edit_project(user, output.project)
    ids = [i.id for i in output.indicators]
    values = value_count(session, IndicatorValue.indicator_id.in_(ids)) if ids else 0
    updates = update_count(session, Activity.output_id == output.id)
    if values or updates:
        raise DomainError(
            _(
                "The output %(code)s has %(values)s indicator value(s) and %(updates)s activity"
                " update(s): it cannot be deleted.",
                code=output.code,
                values=values,
                updates=updates,
            )
        )
    for indicator in list(output.indicators):
        session.delete(indicator)
    audited_delete(session, user, output, output_snapshot)


def create_activity(
    session: Session, user: User, output: Output, data: Mapping[str, Any]
) -> Activity:
    """Add an activity to an output."""
    ensure_can_edit_project(user, output.project)
    activity = Activity(output_id=output.id, output=output)
    assign(activity, data, ACTIVITY_FIELDS)
    return audited_create(session, user, activity, activity_snapshot)


def update_activity(
    session: Session, user: User, activity: Activity, data: Mapping[str, Any], version: int | None
) -> Activity:
    """Change an activity's title, dates, status or completion."""
    ensure_can_edit_project(user, activity.output.project)
    change = lambda: assign(activity, data, ACTIVITY_FIELDS)  # noqa: E731
    audited_update(session, user, activity, version, change, activity_snapshot)
    return activity


def delete_activity(session: Session, user: User, activity: Activity) -> None:
    """Delete an activity no progress report has updated."""
    ensure_can_edit_project(user, activity.output.project)
    if update_count(session, ActivityUpdate.activity_id == activity.id):
        raise DomainError(_("This activity has reported progress: it cannot be deleted."))
    audited_delete(session, user, activity, activity_snapshot)
