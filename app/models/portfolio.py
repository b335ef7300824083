"""CTED needs and projects, with their countries, need links and PVE areas."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import MONEY, Base, utcnow
from app.models.columns import one_of
from app.models.enums import Origin
from app.models.reference import Entity, Pillar, PveArea
from indicators.types import ProjectStatus, Scope

project_needs = Table(
    "project_needs",
    Base.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "need_id", ForeignKey("cted_needs.id", ondelete="RESTRICT"), primary_key=True, index=True
    ),
)

project_pve_areas = Table(
    "project_pve_areas",
    Base.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("area_number", ForeignKey("pve_areas.number"), primary_key=True),
)


class CtedNeed(Base):
    """A technical assistance need identified by a CTED country assessment."""

    __tablename__ = "cted_needs"
    __table_args__ = (CheckConstraint("length(member_state) = 3", name="member_state_iso3"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    member_state: Mapped[str] = mapped_column(String(3), index=True)
    assessment_date: Mapped[dt.date]
    pillar_code: Mapped[str] = mapped_column(ForeignKey("pillars.code"))
    thematic_area: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(default=False, index=True)


class ProjectCountry(Base):
    """A beneficiary country of a project (ISO 3166-1 alpha-3)."""

    __tablename__ = "project_countries"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)


class Project(Base):
    """A programme or project of a Compact entity."""

    __tablename__ = "projects"
    __table_args__ = (
        one_of("scope", Scope),
        one_of("status", ProjectStatus),
        one_of("origin", Origin),
        CheckConstraint("budget_usd >= 0", name="budget_non_negative"),
        CheckConstraint("funded_usd >= 0", name="funded_non_negative"),
        CheckConstraint("funded_usd <= budget_usd", name="funded_within_budget"),
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"
        ),
        CheckConstraint("gender_marker BETWEEN 0 AND 3", name="gender_marker_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id"), index=True)
    pillar_code: Mapped[str] = mapped_column(ForeignKey("pillars.code"), index=True)
    scope: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), index=True)
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    budget_usd: Mapped[Decimal] = mapped_column(MONEY)
    funded_usd: Mapped[Decimal] = mapped_column(MONEY)
    in_multi_year_appeal: Mapped[bool | None]
    gender_marker: Mapped[int | None]
    origin: Mapped[str | None] = mapped_column(String(30))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    entity: Mapped[Entity] = relationship()
    pillar: Mapped[Pillar] = relationship()
    countries: Mapped[list[ProjectCountry]] = relationship(
        cascade="all, delete-orphan", order_by=ProjectCountry.iso3
    )
    needs: Mapped[list[CtedNeed]] = relationship(secondary=project_needs, order_by=CtedNeed.code)
    pve_areas: Mapped[list[PveArea]] = relationship(
        secondary=project_pve_areas, order_by=PveArea.number
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def shortfall_usd(self) -> Decimal:
        """Return the part of the budget not yet funded."""
        return self.budget_usd - self.funded_usd


# The project columns that imports and baselines copy as they are (entity, pillar and the
# countries, needs and PVE links are handled apart).
PROJECT_SCALARS = (
    "code",
    "title",
    "scope",
    "status",
    "start_date",
    "end_date",
    "budget_usd",
    "funded_usd",
    "in_multi_year_appeal",
    "gender_marker",
    "origin",
)
