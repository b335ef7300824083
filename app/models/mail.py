"""What the tracker sent by e-mail: one row per person, kind and day (reminders at most daily)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, utcnow


class MailLog(Base):
    """One message sent to one user: its kind ("reminder"), the day it counts for, its subject."""

    __tablename__ = "mail_log"
    __table_args__ = (UniqueConstraint("user_id", "kind", "sent_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    sent_on: Mapped[dt.date]
    sent_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    subject: Mapped[str] = mapped_column(String(300), default="")
