"""The daily reminder: one digest per focal point of their entity's reports due soon or overdue.

The reports come from one query for every entity (app/progress/due.py) and the focal points from
another; they are grouped in Python per person. A digest is sent at most once a day per person:
each one the server accepted is recorded in `mail_log`, and a person already reminded that day
is skipped.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.mail.links import absolute
from app.mail.outbox import Pending, Reader, rendered
from app.mail.smtp import Mail, deliver
from app.models.auth import User
from app.models.enums import Role
from app.models.mail import MailLog
from app.models.reference import Entity
from app.progress.due import OPEN_TO_EDIT, DueRow, due_everywhere

log = logging.getLogger("app.mail")
KIND = "reminder"


@dataclass(frozen=True)
class Digest:
    """One focal point's reminder: who, and the reports due soon and overdue."""

    user_id: int
    reader: Reader
    due: tuple[DueRow, ...]
    overdue: tuple[DueRow, ...]


def digests(session: Session, today: dt.date, days: int) -> list[Digest]:
    """Return the digests of the day: focal points with something due, not yet reminded today."""
    horizon = today + dt.timedelta(days=days)
    rows = [r for r in due_everywhere(session, today) if r.status in OPEN_TO_EDIT]
    by_entity: dict[str, list[DueRow]] = defaultdict(list)
    for row in rows:
        if row.overdue or row.due_on <= horizon:
            by_entity[row.entity].append(row)
    reminded = set(
        session.scalars(
            select(MailLog.user_id).where(MailLog.kind == KIND, MailLog.sent_on == today)
        )
    )
    stmt = (
        select(User.id, User.email, User.name, User.language, Entity.acronym)
        .join(Entity, User.entity_id == Entity.id)
        .where(User.role == Role.FOCAL_POINT.value, User.active.is_(True))
        .order_by(User.email)
    )
    found = []
    for user_id, email, name, language, acronym in session.execute(stmt):
        listed = by_entity.get(acronym, [])
        if listed and user_id not in reminded:
            overdue = tuple(r for r in listed if r.overdue)
            due = tuple(r for r in listed if not r.overdue)
            found.append(Digest(user_id, Reader(email, name, language), due, overdue))
    return found


def send_reminders(session: Session, config: Mapping[str, Any], today: dt.date) -> int:
    """Send the day's digests and record each one sent (the caller commits); return how many."""
    todo = digests(session, today, int(config["REMINDER_DAYS"]))
    if not todo:
        return 0
    mails = {d.reader.email: (d, rendered(Pending(d.reader, RenderDigest(d, today)))) for d in todo}
    sent = deliver(config, [mail for _d, mail in mails.values()])
    for mail in sent:
        digest = mails[mail.to][0]
        session.add(MailLog(user_id=digest.user_id, kind=KIND, sent_on=today, subject=mail.subject))
    session.flush()
    return len(sent)


@dataclass(frozen=True)
class RenderDigest:
    """Render one digest in the current locale."""

    digest: Digest
    today: dt.date

    def __call__(self, reader: Reader) -> Mail:
        """Return the digest message."""
        digest = self.digest
        subject = _(
            "Reports to send: %(due)d due soon, %(overdue)d overdue",
            due=len(digest.due), overdue=len(digest.overdue),
        )  # fmt: skip
        parts = [_("Hello %(name)s,", name=reader.name or reader.email)]
        if digest.overdue:
            parts.append(_("Overdue:") + "\n" + "\n".join(_line(r) for r in digest.overdue))
        if digest.due:
            parts.append(_("Due soon:") + "\n" + "\n".join(_line(r) for r in digest.due))
        parts.append(_("This message was sent by the Compact tracker."))
        return Mail(reader.email, subject, "\n\n".join(parts) + "\n")


def _line(row: DueRow) -> str:
    link = absolute("progress.report", project_id=row.project_id, period_key=row.period_key)
    return _(
        "- %(project)s (%(title)s), %(period)s, due %(due_on)s: %(link)s",
        project=row.project_code, title=row.project_title, period=row.period_key,
        due_on=row.due_on.isoformat(), link=link,
    )  # fmt: skip
