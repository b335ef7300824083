"""The entry window: before a period's entry opens, nothing in it is saved or reviewed."""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _

from app.errors import DomainError
from reports.formatting import fmt_long_date


def not_open_yet(key: str, entry_opens_on: dt.date, today: dt.date) -> str | None:
    """Return "Entry for 2027Q1 opens on 1 April 2027." while the window is not open, else None."""
    if today >= entry_opens_on:
        return None
    date = fmt_long_date(entry_opens_on)
    return _("Entry for %(period)s opens on %(date)s.", period=key, date=date)


def ensure_entry_open(key: str, entry_opens_on: dt.date, today: dt.date | None = None) -> None:
    """Raise DomainError, saying when entry opens, before the period's entry window opens."""
    message = not_open_yet(key, entry_opens_on, today or dt.date.today())
    if message is not None:
        raise DomainError(message)
