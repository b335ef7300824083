"""End an account's sessions whenever what its sessions rest on changes (RELIABILITY T12).

A session cookie names the user and the epoch it was issued in. Any change of the active flag,
the role, the entity or the password bumps the epoch at flush, so a cookie issued before the
change never authenticates again, even if the change is later undone (re-activation).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, UOWTransaction

from app.models.auth import User

WATCHED = ("active", "role", "entity_id", "entity", "password_hash")


def changed_access(user: User) -> bool:
    """Tell whether a loaded user's active flag, role, entity or password changed unflushed."""
    state = inspect(user)
    if state.pending or state.transient:
        return False
    attrs = state.attrs
    if attrs.session_epoch.history.has_changes():
        return False  # already bumped in this flush (end_sessions)
    # A value set to what was loaded records no change; one set while unloaded counts.
    return any(attrs[name].history.has_changes() for name in WATCHED)


def _bump_epochs(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    for obj in list(session.dirty):
        if isinstance(obj, User) and changed_access(obj):
            obj.session_epoch = (obj.session_epoch or 0) + 1


def install() -> None:
    """Listen on every Session for account changes (idempotent)."""
    if not event.contains(Session, "before_flush", _bump_epochs):
        event.listen(Session, "before_flush", _bump_epochs)


install()
