"""Read the audit trail: last change of an object, version checks, paginated listings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.redaction import clearance, redact_state
from app.errors import Conflict
from app.models.audit import AuditEvent
from app.models.auth import User
from app.paging import Paging, paging


def last_event(session: Session, object_type: str, object_id: object) -> AuditEvent | None:
    """Return the newest audit event about one object."""
    stmt = (
        select(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    return session.scalars(stmt).first()


def describe(event: AuditEvent | None, session: Session, reader: User | None = None) -> str:
    """Say who changed the object, when, and what changed, in one sentence, with confidential
    needs redacted by the reader's clearance (no reader: no clearance)."""
    if event is None:
        return _("It was changed by someone else in the meantime.")
    user = session.get(User, event.user_id) if event.user_id else None
    who = user.email if user else _("the system")
    when = event.occurred_at.strftime("%Y-%m-%d %H:%M UTC")
    seen = clearance(session, reader, [event.before, event.after])
    before = redact_state(seen, event.before) or {}
    after = redact_state(seen, event.after) or {}
    diffs = [f"{k}: {before.get(k)!r} → {v!r}" for k, v in after.items() if before.get(k) != v]
    what = "; ".join(diffs) or event.action
    return _(
        "Changed by %(who)s at %(when)s — here is what changed: %(what)s.",
        who=who,
        when=when,
        what=what,
    )


def ensure_version(
    session: Session,
    obj: Any,
    object_type: str,
    version: int | str | None,
    reader: User | None = None,
    current: int | str | None = None,
) -> None:
    """Raise Conflict when the version the user edited is not the current one (`obj.version`,
    or `current` for a model without a version column); the message says what changed as the
    reader may see it."""
    if version is not None and version == (obj.version if current is None else current):
        return
    message = describe(last_event(session, object_type, obj.id), session, reader)
    raise Conflict(message + " Your input is kept below: check it and save again.")


@dataclass
class EventPage:
    """One page of audit events, newest first."""

    rows: list[tuple[AuditEvent, str | None]] = field(default_factory=list)
    paging: Paging = field(default_factory=lambda: paging(0, 1))

    @property
    def total(self) -> int:
        """Return how many events match."""
        return self.paging.total


def event_page(session: Session, where: Any, page: int) -> EventPage:
    """Return one page of the events matching a condition, newest first (none beyond the
    last page)."""
    total = session.scalar(select(func.count(AuditEvent.id)).where(where)) or 0
    found = paging(total, page)
    if found.beyond:
        return EventPage([], found)
    stmt = (
        select(AuditEvent, User.email)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .where(where)
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(found.per_page)
        .offset(found.offset)
    )
    rows: list[tuple[AuditEvent, str | None]] = [
        (event, email) for event, email in session.execute(stmt).all()
    ]
    return EventPage(rows, found)


MAX_KINDS = 50  # kinds of object a trail's filter offers (the app records about twenty)


def object_kinds(session: Session, where: Any) -> list[str]:
    """Return the kinds of object the events matching a condition are about, by name."""
    stmt = select(AuditEvent.object_type).where(where).distinct().order_by(AuditEvent.object_type)
    return list(session.scalars(stmt.limit(MAX_KINDS)))
