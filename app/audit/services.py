"""Record audit events; every write of the application goes through record()."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.audit import guard as _guard  # noqa: F401  (installs the append-only guard)
from app.models.audit import AuditEvent


def snapshot(obj: Any, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Return a JSON-ready dict of an object's column values (or the named fields)."""
    names = fields or tuple(c.key for c in inspect(obj).mapper.column_attrs)
    return {name: jsonable(getattr(obj, name)) for name in names}


def jsonable(value: Any) -> Any:
    """Turn Decimal, dates and collections into JSON-ready values (money as exact text)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Return the fields whose values differ between two snapshots."""
    return {k: (before.get(k), after.get(k)) for k in after if before.get(k) != after.get(k)}


def record(
    session: Session,
    user_id: int | None,
    action: str,
    object_type: str,
    object_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    project_id: int | None = None,
    entity_id: int | None = None,
) -> AuditEvent:
    """Append one audit event to the session (the caller's transaction commits it)."""
    event = AuditEvent(
        user_id=user_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        before=before,
        after=after,
        reason=reason,
        project_id=project_id,
        entity_id=entity_id,
        remote_addr=session.info.get("client", "cli"),
    )
    session.add(event)
    return event
