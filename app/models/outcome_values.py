"""The Working Group's outcome-level values: one report per period, reviewed like a project's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, utcnow
from app.models.columns import one_of
from app.models.logframe import Indicator
from app.models.progress import ReportingPeriod
from indicators.types import ReportStatus


class OutcomeReport(Base):
    """The Compact's outcome indicator values in one period: draft, submitted, approved or
    returned."""

    __tablename__ = "outcome_reports"
    __table_args__ = (one_of("status", ReportStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_periods.id"), unique=True)
    status: Mapped[str] = mapped_column(String(10), default=ReportStatus.DRAFT.value, index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime | None]
    review_comment: Mapped[str] = mapped_column(Text, default="")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    period: Mapped[ReportingPeriod] = relationship()
    values: Mapped[list[OutcomeValue]] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class OutcomeValue(Base):
    """An actual for one outcome indicator in one period's outcome report."""

    __tablename__ = "outcome_values"
    __table_args__ = (
        UniqueConstraint("report_id", "indicator_id"),
        CheckConstraint("denominator IS NULL OR denominator > 0", name="denominator_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("outcome_reports.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    value: Mapped[Decimal | None]
    numerator: Mapped[Decimal | None]
    denominator: Mapped[Decimal | None]
    text: Mapped[str] = mapped_column(Text, default="")
    # Why a figure a plausibility check warned about is right (indicators.plausibility).
    explanation: Mapped[str] = mapped_column(Text, default="", server_default="")

    report: Mapped[OutcomeReport] = relationship(back_populates="values")
    indicator: Mapped[Indicator] = relationship()
