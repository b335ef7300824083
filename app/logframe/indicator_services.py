"""Indicators on outcomes (admin) and outputs: definition, baseline, targets, change control."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.edits import (
    assign,
    audited_create,
    audited_delete,
    audited_update,
    outcome_value_count,
    plain,
    snap_fields,
    unique_code,
    value_count,
)
from app.auth.permissions import ensure_admin, ensure_can_edit_project
from app.errors import DomainError, FieldInvalid
from app.models.auth import User
from app.models.logframe import Indicator, IndicatorTarget, Outcome, Output
from app.models.progress import IndicatorValue, ValuePart

INDICATOR_FIELDS = (
    "code",
    "name",
    "unit",
    "measure",
    "direction",
    "cumulation",
    "disaggregation",
    "baseline_value",
    "baseline_period",
    "baseline_note",
    "life_target",
)
# Once values exist, changing any of these needs a reason (DESIGN: rules the figures follow).
# The code too: the comparison matches a baseline's indicator values by code.
CONTROLLED = (
    "code",
    "baseline_value",
    "baseline_period",
    "life_target",
    "targets",
    "unit",
    "measure",
    "cumulation",
    "disaggregation",
)


def indicator_snapshot(indicator: Indicator) -> dict[str, Any]:
    """Return an indicator's audited state, with its per-period targets."""
    state = snap_fields(indicator, ("id", "outcome_id", "output_id") + INDICATOR_FIELDS)
    state["targets"] = {t.period_key: plain(t.target) for t in indicator.targets}
    return state


def ensure_can_edit_indicator(user: User, indicator: Indicator) -> None:
    """Raise PermissionDenied unless the user may change the indicator."""
    if indicator.output is not None:
        ensure_can_edit_project(user, indicator.output.project)
    else:
        ensure_admin(user)


def indicator_value_count(session: Session, indicator: Indicator) -> int:
    """Count the values reported for an indicator (an outcome indicator's by the Working Group)."""
    if indicator.id is None:
        return 0
    if indicator.outcome_id is not None:
        return outcome_value_count(session, indicator.id)
    return value_count(session, IndicatorValue.indicator_id == indicator.id)


def _set_targets(indicator: Indicator, targets: Mapping[str, Decimal]) -> None:
    current = {t.period_key: t for t in indicator.targets}
    for key in set(current) - set(targets):
        indicator.targets.remove(current[key])
    for key, value in targets.items():
        if key in current:
            if current[key].target != value:
                current[key].target = value
        else:
            indicator.targets.append(IndicatorTarget(period_key=key, target=value))


def _apply(indicator: Indicator, data: Mapping[str, Any]) -> None:
    assign(indicator, data, INDICATOR_FIELDS)
    _set_targets(indicator, data.get("targets", {}))


def create_indicator(
    session: Session, user: User, parent: Outcome | Output, data: Mapping[str, Any]
) -> Indicator:
    """Add an indicator to an outcome (administrators) or an output (its project's editors)."""
    if isinstance(parent, Output):
        ensure_can_edit_project(user, parent.project)
    else:
        ensure_admin(user)
    unique_code(session, Indicator.code, data["code"], None)
    indicator = Indicator()
    if isinstance(parent, Output):
        indicator.output = parent
    else:
        indicator.outcome = parent
    _apply(indicator, data)
    return audited_create(session, user, indicator, indicator_snapshot)


def update_indicator(
    session: Session,
    user: User,
    indicator: Indicator,
    data: Mapping[str, Any],
    version: int | None,
    reason: str = "",
) -> Indicator:
    """Change an indicator; once it has values, controlled changes need a reason."""
    ensure_can_edit_indicator(user, indicator)
    unique_code(session, Indicator.code, data["code"], indicator.id)
    has_values = indicator_value_count(session, indicator) > 0

    def guard(diff: dict[str, tuple[Any, Any]]) -> None:
        if "disaggregation" in diff:
            _ensure_no_parts(session, indicator, diff["disaggregation"][0])
        touched = [name for name in CONTROLLED if name in diff]
        if has_values and touched and not reason.strip():
            raise FieldInvalid(
                "reason",
                _(
                    "This indicator has reported values: give a reason for changing %(fields)s.",
                    fields=", ".join(name.replace("_", " ") for name in touched),
                ),
            )

    change = lambda: _apply(indicator, data)  # noqa: E731
    audited_update(
        session,
        user,
        indicator,
        version,
        change,
        indicator_snapshot,
        guard=guard,
        reason=reason.strip(),
    )
    return indicator


def _ensure_no_parts(session: Session, indicator: Indicator, old: str | None) -> None:
    """Refuse to change a breakdown while values keep parts by the old one."""
    stmt = (
        select(func.count())
        .select_from(ValuePart)
        .join(IndicatorValue, IndicatorValue.id == ValuePart.value_id)
        .where(IndicatorValue.indicator_id == indicator.id)
    )
    count = session.scalar(stmt) or 0
    if count:
        raise FieldInvalid(
            "disaggregation",
            _(
                "%(count)s part(s) of reported values are broken down by %(dimension)s: the "
                "breakdown cannot change while they are stored.",
                count=count,
                dimension=(old or "").replace("_", " "),
            ),
        )


def delete_indicator(session: Session, user: User, indicator: Indicator) -> None:
    """Delete an indicator that has no reported values."""
    ensure_can_edit_indicator(user, indicator)
    count = indicator_value_count(session, indicator)
    if count:
        raise DomainError(
            _(
                "The indicator %(code)s has %(count)s reported value(s): it cannot be deleted.",
                code=indicator.code,
                count=count,
            )
        )
    audited_delete(session, user, indicator, indicator_snapshot)
