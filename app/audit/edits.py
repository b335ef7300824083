"""The one write pattern of the editing services: check version, change, audit, flush."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.history import ensure_version
from app.audit.services import changed, jsonable, record
from app.errors import FieldInvalid
from app.models.auth import User
from app.models.logframe import Activity, Indicator, Output
from app.models.outcome_values import OutcomeValue
from app.models.portfolio import Project
from app.models.progress import ActivityUpdate, IndicatorValue, ProgressReport


class Record(Protocol):
    """A model row: it has an id once flushed."""

    @property
    def id(self) -> int: ...


T = TypeVar("T", bound=Record)
Snap = Callable[[Any], dict[str, Any]]
Guard = Callable[[dict[str, tuple[Any, Any]]], None]


def plain(value: Any) -> Any:
    """Return a Decimal as plain text without trailing zeros (10.0000 -> 10), else unchanged."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "") else text
    return value


def snap_fields(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """Return an audit snapshot of the named fields, numbers compared by value."""
    return {name: jsonable(plain(getattr(obj, name))) for name in fields}


def object_type(obj: Any) -> str:
    """Return the audit name of a model instance: its table name in the singular."""
    table = obj.__tablename__
    return "activity" if table == "activities" else table.removesuffix("s")


def scope_of(obj: Any) -> tuple[int | None, int | None]:
    """Return the (project id, entity id) an object's audit events belong to."""
    if isinstance(obj, Project):
        return obj.id, obj.entity_id
    if isinstance(obj, Activity):
        obj = obj.output
    if isinstance(obj, Indicator):
        obj = obj.output
    if isinstance(obj, Output):
        return obj.project_id, obj.project.entity_id
    return None, None


def state_version(state: dict[str, Any]) -> str:
    """Return the version of a model without a version column: a digest of its audited state."""
    text = json.dumps(state, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def current_version(obj: Any, state: dict[str, Any]) -> int | str:
    """Return the version an edit form of the object must carry: its version column, or the
    digest of its audited state when it has none (a CTED need)."""
    version = getattr(obj, "version", None)
    return version if isinstance(version, int) else state_version(state)


def assign(obj: Any, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    """Set only the named fields on a model (never mass-assign)."""
    for name in fields:
        if getattr(obj, name) != data[name]:  # an equal value must not bump the version
            setattr(obj, name, data[name])


def audited_update(
    session: Session,
    user: User,
    obj: Any,
    version: int | str | None,
    change: Callable[[], None],
    snap: Snap,
    *,
    guard: Guard | None = None,
    reason: str = "",
) -> dict[str, tuple[Any, Any]]:
    """Apply a change after the version check (the version column, or for a model without one
    the digest of its state, `state_version`); record one event if anything changed."""
    kind = object_type(obj)
    before = snap(obj)
    ensure_version(session, obj, kind, version, user, current_version(obj, before))
    with session.no_autoflush:  # a refused change must never reach the database
        change()
        after = snap(obj)
        diff = changed(before, after)
        if guard is not None:
            guard(diff)
    if diff:
        scope = scope_of(obj)
        record(
            session,
            user.id,
            "update",
            kind,
            obj.id,
            before=before,
            after=after,
            reason=reason,
            project_id=scope[0],
            entity_id=scope[1],
        )
        session.flush()
    return diff


def audited_create(session: Session, user: User, obj: T, snap: Callable[[T], dict[str, Any]]) -> T:
    """Add a new object, flush it and record its creation."""
    session.add(obj)
    session.flush()
    scope = scope_of(obj)
    record(
        session,
        user.id,
        "create",
        object_type(obj),
        obj.id,
        after=snap(obj),
        project_id=scope[0],
        entity_id=scope[1],
    )
    session.flush()
    return obj


def audited_delete(session: Session, user: User, obj: Any, snap: Snap) -> None:
    """Record the deletion of an object with its last state, then delete it."""
    project_id, entity_id = scope_of(obj)
    # The project row is going away: its deletion event stays with the entity.
    scope = (None if isinstance(obj, Project) else project_id, entity_id)
    record(
        session,
        user.id,
        "delete",
        object_type(obj),
        obj.id,
        before=snap(obj),
        project_id=scope[0],
        entity_id=scope[1],
    )
    session.delete(obj)
    session.flush()


def unique_code(session: Session, column: Any, code: str, own_id: int | None, *where: Any) -> None:
    """Refuse a code already used by another row (shown next to the code field)."""
    stmt = select(column.class_.id).where(column == code, *where)
    found = session.scalar(stmt)
    if found is not None and found != own_id:
        raise FieldInvalid("code", _("The code %(code)s is already used.", code=code))


def value_count(session: Session, *where: Any) -> int:
    """Count the indicator values matching conditions (on IndicatorValue or ProgressReport)."""
    stmt = select(func.count(IndicatorValue.id)).join(ProgressReport).where(*where)
    return session.scalar(stmt) or 0


def report_count(session: Session, project_id: int) -> int:
    """Count a project's progress reports."""
    stmt = select(func.count(ProgressReport.id)).where(ProgressReport.project_id == project_id)
    return session.scalar(stmt) or 0


def update_count(session: Session, *where: Any) -> int:
    """Count the activity updates matching conditions (on ActivityUpdate or Activity), at once."""
    stmt = select(func.count(ActivityUpdate.id)).join(Activity).where(*where)
    return session.scalar(stmt) or 0


def outcome_value_count(session: Session, indicator_id: int) -> int:
    """Count the Working Group's outcome values of one outcome indicator."""
    stmt = select(func.count(OutcomeValue.id)).where(OutcomeValue.indicator_id == indicator_id)
    return session.scalar(stmt) or 0
