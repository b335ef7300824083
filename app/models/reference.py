"""Reference data: the Strategy's pillars, the Compact entities, the PVE priority areas."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base
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
