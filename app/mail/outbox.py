"""Messages wait in the session until its transaction commits, and are dropped on a rollback.

A service queues a `Pending` (who receives what, read inside the transaction); when the session
commits, each is rendered in its reader's language and delivered. A failure to deliver is logged
and never reaches the user's action, which has already been committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, has_app_context
from flask_babel import force_locale
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.mail.smtp import Mail, deliver

log = logging.getLogger("app.mail")
KEY = "mail_outbox"


@dataclass(frozen=True)
class Reader:
    """Who receives a message: address, name and language."""

    email: str
    name: str
    language: str | None


@dataclass(frozen=True)
class Pending:
    """A message for one reader, rendered (in their language) only once the commit holds."""

    reader: Reader
    render: Callable[[Reader], Mail]


def queue(session: Session, pending: list[Pending]) -> None:
    """Hold the messages until the session's transaction commits."""
    session.info.setdefault(KEY, []).extend(pending)


def rendered(item: Pending) -> Mail:
    """Render a message under its reader's language (English when they chose none)."""
    with force_locale(item.reader.language or "en"):
        return item.render(item.reader)


def _after_commit(session: Session) -> None:
    waiting: list[Pending] = session.info.pop(KEY, [])
    if not waiting or not has_app_context():
        return
    try:
        deliver(current_app.config, [rendered(item) for item in waiting])
    except Exception:  # a message that cannot be built never undoes what was committed
        log.exception("E-mail not sent: a message could not be built")


def _after_rollback(session: Session) -> None:
    session.info.pop(KEY, None)


event.listen(Session, "after_commit", _after_commit)
event.listen(Session, "after_rollback", _after_rollback)
