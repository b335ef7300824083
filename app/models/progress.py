"""Reporting periods, quarterly progress reports and the values they carry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, utcnow
from app.models.auth import User
from app.models.columns import one_of
from app.models.enums import ActivityStatus, PeriodStatus
from app.models.logframe import Activity, Indicator
from app.models.portfolio import Project
from indicators.types import ReportStatus


class ReportingPeriod(Base):
    """A quarter keyed like 2019Q3, with its entry window and due date."""

    __tablename__ = "reporting_periods"
    __table_args__ = (
        one_of("status", PeriodStatus),
        CheckConstraint("ends_on >= starts_on", name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(6), unique=True)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    entry_opens_on: Mapped[dt.date]
    due_on: Mapped[dt.date]
    status: Mapped[str] = mapped_column(String(10), default=PeriodStatus.OPEN.value)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class ProgressReport(Base):
    """One project's progress in one period: draft, submitted, approved or returned."""

    __tablename__ = "progress_reports"
    __table_args__ = (
        UniqueConstraint("project_id", "period_id"),
        one_of("status", ReportStatus),
        # A period's reports by status: pending values, entry and review lists (0004).
        Index("ix_progress_reports_period_status", "period_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_periods.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default=ReportStatus.DRAFT.value, index=True)
    narrative: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[dt.datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[dt.datetime | None]
    review_comment: Mapped[str] = mapped_column(Text, default="")
    # Marked by the reviewer on approval: the quarterly report may quote the narrative.
    is_highlight: Mapped[bool] = mapped_column(default=False, server_default=false())
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship()
    period: Mapped[ReportingPeriod] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )
    activity_updates: Mapped[list[ActivityUpdate]] = relationship(
        back_populates="report", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}


class IndicatorValue(Base):
    """An actual for one indicator in one progress report (project and period)."""

    __tablename__ = "indicator_values"
    __table_args__ = (
        UniqueConstraint("report_id", "indicator_id"),
        CheckConstraint("denominator IS NULL OR denominator > 0", name="denominator_positive"),
        # An indicator's values with their report: the quarterly figures' bulk value query (0004).
        Index("ix_indicator_values_indicator_report", "indicator_id", "report_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("progress_reports.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    value: Mapped[Decimal | None]
    numerator: Mapped[Decimal | None]
    denominator: Mapped[Decimal | None]
    text: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # The parts do not cover everyone counted in the total (their sum may then be below it).
    parts_incomplete: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Why a figure a plausibility check warned about is right (indicators.plausibility).
    explanation: Mapped[str] = mapped_column(Text, default="", server_default="")

    report: Mapped[ProgressReport] = relationship(back_populates="values")
    indicator: Mapped[Indicator] = relationship()
    parts: Mapped[list[ValuePart]] = relationship(
        cascade="all, delete-orphan", order_by="ValuePart.category"
    )


class ValuePart(Base):
    """One category's share of a disaggregated value (e.g. the women among people trained).

    The dimension is the indicator's (one per indicator), so a part names its category only.
    """

    __tablename__ = "value_parts"
    __table_args__ = (CheckConstraint("value >= 0", name="value_not_negative"),)

    value_id: Mapped[int] = mapped_column(
        ForeignKey("indicator_values.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[Decimal]


class ActivityUpdate(Base):
    """An activity's status and completion as reported in one progress report."""

    __tablename__ = "activity_updates"
    __table_args__ = (
        UniqueConstraint("report_id", "activity_id"),
        one_of("status", ActivityStatus),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("progress_reports.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    percent_complete: Mapped[int]
    # Why a status and % complete a plausibility check warned about are right.
    explanation: Mapped[str] = mapped_column(Text, default="", server_default="")

    report: Mapped[ProgressReport] = relationship(back_populates="activity_updates")
    activity: Mapped[Activity] = relationship()
