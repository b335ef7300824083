"""Issued quarterly reports: the exact bytes sent to Member States."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, utcnow
from app.models.auth import User


class IssuedReport(Base):
    """The exact bytes of a quarterly report as issued to Member States."""

    __tablename__ = "issued_reports"
    __table_args__ = (UniqueConstraint("period_key", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_key: Mapped[str] = mapped_column(String(6), index=True)
    scope: Mapped[str] = mapped_column(String(40))  # "compact" or an entity acronym
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    baseline_id: Mapped[int | None] = mapped_column(ForeignKey("baselines.id"))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(80))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # the language the PDF was drawn in ("en", "fr", "es", "ru", "zh")
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")

    issued_by: Mapped[User | None] = relationship()
