"""Frozen baselines: stored once, proven by their hash."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import MONEY, Base, utcnow
from app.models.auth import User


class Baseline(Base):
    """A frozen copy of the portfolio, needs and approved values at a date, with its hash."""

    __tablename__ = "baselines"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(120), unique=True)
    as_of: Mapped[dt.date]
    content_hash: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    created_by: Mapped[User | None] = relationship()


class BaselineProject(Base):
    """A project as it stood when the baseline was frozen."""

    __tablename__ = "baseline_projects"
    __table_args__ = (
        UniqueConstraint("baseline_id", "code"),
        Index("ix_baseline_projects_baseline_status", "baseline_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(ForeignKey("baselines.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    entity: Mapped[str] = mapped_column(String(20))
    pillar: Mapped[str] = mapped_column(String(3))
    scope: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    budget_usd: Mapped[Decimal] = mapped_column(MONEY)
    funded_usd: Mapped[Decimal] = mapped_column(MONEY)
    in_multi_year_appeal: Mapped[bool | None]
    gender_marker: Mapped[int | None]
    origin: Mapped[str | None] = mapped_column(String(30))
    countries: Mapped[str] = mapped_column(Text, default="")  # ISO3 codes joined by ';'
    pve_areas: Mapped[str] = mapped_column(Text, default="")  # numbers joined by ';'


class BaselineNeed(Base):
    """A CTED need as it stood when the baseline was frozen."""

    __tablename__ = "baseline_needs"
    __table_args__ = (
        UniqueConstraint("baseline_id", "code"),
        Index("ix_baseline_needs_baseline", "baseline_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(ForeignKey("baselines.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64))
    member_state: Mapped[str] = mapped_column(String(3))
    assessment_date: Mapped[dt.date]
    pillar: Mapped[str] = mapped_column(String(3))
    thematic_area: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    confidential: Mapped[bool]


class BaselineLink(Base):
    """A project-need link as it stood when the baseline was frozen."""

    __tablename__ = "baseline_links"
    # Whether a frozen need is linked: the baseline need coverage EXISTS (0004).
    __table_args__ = (Index("ix_baseline_links_need", "baseline_id", "need_code"),)

    baseline_id: Mapped[int] = mapped_column(
        ForeignKey("baselines.id", ondelete="CASCADE"), primary_key=True
    )
    project_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    need_code: Mapped[str] = mapped_column(String(64), primary_key=True)


# The project code of a frozen outcome value: the Working Group's Compact-level figures belong
# to no project (app.models.outcome_values), and no project code is empty.
COMPACT_LEVEL = ""


class BaselineValue(Base):
    """An approved indicator value as it stood when the baseline was frozen."""

    __tablename__ = "baseline_values"
    # One page of indicators' frozen values: the comparison page (0005).
    __table_args__ = (Index("ix_baseline_values_indicator", "baseline_id", "indicator_code"),)

    baseline_id: Mapped[int] = mapped_column(
        ForeignKey("baselines.id", ondelete="CASCADE"), primary_key=True
    )
    project_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    period_key: Mapped[str] = mapped_column(String(6), primary_key=True)
    value: Mapped[Decimal | None]
    numerator: Mapped[Decimal | None]
    denominator: Mapped[Decimal | None]
    text: Mapped[str] = mapped_column(Text, default="")


class BaselineValuePart(Base):
    """One category's part of a frozen disaggregated value (migration baseline_parts).

    Keyed like its value plus the category; `parts_incomplete` repeats the value's flag on
    each of its parts (a value is marked incomplete only when it has parts)."""

    __tablename__ = "baseline_value_parts"

    baseline_id: Mapped[int] = mapped_column(
        ForeignKey("baselines.id", ondelete="CASCADE"), primary_key=True
    )
    project_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    indicator_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    period_key: Mapped[str] = mapped_column(String(6), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[Decimal]
    parts_incomplete: Mapped[bool]
