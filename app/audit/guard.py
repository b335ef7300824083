"""Keep the audit trail append-only for the application (RELIABILITY T63)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from app.models.audit import AuditEvent


class AuditTampering(RuntimeError):
    """Something tried to change or delete an audit event."""


def _guard_flush(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditTampering("Audit events are append-only: they cannot be changed or deleted.")


def _guard_bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if table is AuditEvent.__table__ or getattr(table, "name", None) == "audit_events":
        raise AuditTampering("Audit events are append-only: bulk update or delete refused.")


def install() -> None:
    """Listen on every Session for changes to audit events (idempotent)."""
    if not event.contains(Session, "before_flush", _guard_flush):
        event.listen(Session, "before_flush", _guard_flush)
        event.listen(Session, "do_orm_execute", _guard_bulk)


install()
