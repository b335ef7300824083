"""Evidence (means of verification) attached to a progress report or to one of its values.

Files are stored in the database with their SHA-256, so every app server sharing the database sees
them and a backup holds them; the bytes are deferred, so lists never load them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.db import Base, utcnow
from app.models.auth import User
from app.models.columns import one_of
from app.models.logframe import Indicator
from app.models.progress import ProgressReport


class EvidenceKind(StrEnum):
    """A stored file, or a link to a document kept elsewhere."""

    FILE = "file"
    LINK = "link"


class Evidence(Base):
    """One file or link supporting a report's figures."""

    __tablename__ = "evidence"
    __table_args__ = (
        one_of("kind", EvidenceKind),
        CheckConstraint(
            "(kind = 'file' AND content IS NOT NULL AND length(sha256) = 64) "
            "OR (kind = 'link' AND content IS NULL AND url <> '')",
            name="file_or_link",
        ),
        CheckConstraint("size >= 0", name="size_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_reports.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicators.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(4))
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text, default="")
    content_type: Mapped[str] = mapped_column(String(100), default="")
    size: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    report: Mapped[ProgressReport] = relationship()
    indicator: Mapped[Indicator | None] = relationship()
    added_by: Mapped[User | None] = relationship()
