"""The logframe: outcomes under pillars, outputs under projects, activities, indicators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base
from app.models.columns import one_of
from app.models.enums import ActivityStatus, Direction
from app.models.portfolio import Project
from app.models.reference import Pillar
from indicators.disaggregation import Dimension
from indicators.i18n import gettext
from indicators.types import MEASURE_DEFINITIONS, Cumulation, Measure


class Outcome(Base):
    """A Compact-level result statement under a pillar."""

    __tablename__ = "outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    pillar_code: Mapped[str] = mapped_column(ForeignKey("pillars.code"), index=True)
    statement: Mapped[str] = mapped_column(Text)
    assumptions: Mapped[str] = mapped_column(Text, default="", server_default="")
    means_of_verification: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(default=1)

    pillar: Mapped[Pillar] = relationship()
    outputs: Mapped[list[Output]] = relationship(back_populates="outcome")
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="outcome", order_by="Indicator.code"
    )

    __mapper_args__ = {"version_id_col": version}


class Output(Base):
    """A project's deliverable contributing to an outcome."""

    __tablename__ = "outputs"
    __table_args__ = (UniqueConstraint("project_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcomes.id"), index=True)
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    assumptions: Mapped[str] = mapped_column(Text, default="", server_default="")
    means_of_verification: Mapped[str] = mapped_column(Text, default="", server_default="")
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship()
    outcome: Mapped[Outcome | None] = relationship(back_populates="outputs")
    activities: Mapped[list[Activity]] = relationship(
        back_populates="output", order_by="Activity.id", cascade="all, delete-orphan"
    )
    indicators: Mapped[list[Indicator]] = relationship(
        back_populates="output", order_by="Indicator.code"
    )

    __mapper_args__ = {"version_id_col": version}


class Activity(Base):
    """Planned work under an output."""

    __tablename__ = "activities"
    __table_args__ = (
        one_of("status", ActivityStatus),
        CheckConstraint("percent_complete BETWEEN 0 AND 100", name="percent_range"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    output_id: Mapped[int] = mapped_column(ForeignKey("outputs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(Text)
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    status: Mapped[str] = mapped_column(String(20), default=ActivityStatus.PLANNED.value)
    percent_complete: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)

    output: Mapped[Output] = relationship(back_populates="activities")

    __mapper_args__ = {"version_id_col": version}


class Indicator(Base):
    """A measure of an outcome or an output, with its baseline and targets."""

    __tablename__ = "indicators"
    __table_args__ = (
        one_of("measure", Measure),
        one_of("direction", Direction),
        one_of("cumulation", Cumulation),
        CheckConstraint("(outcome_id IS NULL) <> (output_id IS NULL)", name="one_parent"),
        one_of("disaggregation", Dimension),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(Text)
    outcome_id: Mapped[int | None] = mapped_column(ForeignKey("outcomes.id"), index=True)
    output_id: Mapped[int | None] = mapped_column(
        ForeignKey("outputs.id", ondelete="CASCADE"), index=True
    )
    unit: Mapped[str] = mapped_column(String(60))
    measure: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(10), default=Direction.INCREASE.value)
    cumulation: Mapped[str] = mapped_column(String(20), default=Cumulation.NON_CUMULATIVE.value)
    baseline_value: Mapped[Decimal | None]
    baseline_period: Mapped[str | None] = mapped_column(String(6))
    baseline_note: Mapped[str] = mapped_column(Text, default="")
    life_target: Mapped[Decimal | None]
    # What the values are broken down by (indicators.disaggregation.Dimension), or None.
    disaggregation: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(default=1)

    outcome: Mapped[Outcome | None] = relationship(back_populates="indicators")
    output: Mapped[Output | None] = relationship(back_populates="indicators")
    targets: Mapped[list[IndicatorTarget]] = relationship(
        cascade="all, delete-orphan", order_by="IndicatorTarget.period_key"
    )

    __mapper_args__ = {"version_id_col": version}

    def target_for(self, period_key: str) -> Decimal | None:
        """Return the target set for one period, if any."""
        return next((t.target for t in self.targets if t.period_key == period_key), None)

    @property
    def measure_definition(self) -> str:
        """Say what the measure means (a share, a ratio, a number, a text), translated."""
        return gettext(MEASURE_DEFINITIONS[Measure(self.measure)])


class IndicatorTarget(Base):
    """An indicator's target for one reporting period."""

    __tablename__ = "indicator_targets"

    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True
    )
    period_key: Mapped[str] = mapped_column(String(6), primary_key=True)
    target: Mapped[Decimal]
