"""Reference data: the Strategy's pillars, the Compact entities, the PVE priority areas and the
projects the Trust Fund seed-funded each year."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import MONEY, Base
from app.models.columns import one_of


class Pillar(Base):
    """A pillar of the Strategy (I-IV), fixed reference data."""

    __tablename__ = "pillars"
    __table_args__ = (one_of("code", ("I", "II", "III", "IV")),)

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    position: Mapped[int] = mapped_column(unique=True)
    title_en: Mapped[str] = mapped_column(Text)
    title_zh: Mapped[str] = mapped_column(Text)


class Entity(Base):
    """A Compact entity (UNOCT, UNODC, ...)."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    acronym: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(Text)


class PveArea(Base):
    """A priority area (1-7) of the Plan of Action to Prevent Violent Extremism."""

    __tablename__ = "pve_areas"
    __table_args__ = (CheckConstraint("number BETWEEN 1 AND 7", name="number_range"),)

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(Text)


SEED_FUNDING_FIRST_YEAR = FIRST_YEAR = 2000
SEED_FUNDING_LAST_YEAR = LAST_YEAR = 2099


class SeedFundingProject(Base):
    """A project the Trust Fund seed-funded in a year, with its cost (one row a year and title).

    The years 2018 and 2019 come from the Secretary-General's report (`seed-reference`); later
    years arrive with `import-seed-funding`.
    """

    __tablename__ = "seed_funding_projects"
    __table_args__ = (
        UniqueConstraint("year", "title"),
        CheckConstraint(f"year BETWEEN {FIRST_YEAR} AND {LAST_YEAR}", name="year_range"),
        CheckConstraint("cost_usd > 0", name="cost_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    cost_usd: Mapped[Decimal] = mapped_column(MONEY)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"), index=True)

    entity: Mapped[Entity | None] = relationship()
