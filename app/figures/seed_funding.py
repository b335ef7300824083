"""Seed funding from the Trust Fund per year: count and total in SQL, the projects listed.

A year holds a handful of projects (seven to nine in the Secretary-General's report), so each
section lists them all; the figures never depend on the size of the portfolio.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import ColumnElement, func, select, true
from sqlalchemy.orm import Session

from app.models.reference import Entity, SeedFundingProject
from reports.content import SeedFundingLine, SeedFundingSection

ZERO = Decimal(0)
Years = ColumnElement[bool]


def seed_funding_summary(session: Session, year: int) -> SeedFundingSection:
    """Return one year's seed funding (an empty section when nothing is recorded for it)."""
    found = _sections(session, SeedFundingProject.year == year)
    return found[0] if found else SeedFundingSection(year, 0, ZERO, ())


def seed_funding_summaries(
    session: Session, through_year: int | None = None
) -> tuple[SeedFundingSection, ...]:
    """Return every year's seed funding up to through_year (all years when None), oldest first."""
    if through_year is None:
        return _sections(session, true())
    return _sections(session, SeedFundingProject.year <= through_year)


def seed_funding_years(session: Session) -> list[int]:
    """Return the years that have seed funding recorded, oldest first."""
    stmt = select(SeedFundingProject.year).distinct().order_by(SeedFundingProject.year)
    return list(session.scalars(stmt))


def _sections(session: Session, years: Years) -> tuple[SeedFundingSection, ...]:
    totals = session.execute(
        select(SeedFundingProject.year, func.count(), func.sum(SeedFundingProject.cost_usd))
        .where(years)
        .group_by(SeedFundingProject.year)
        .order_by(SeedFundingProject.year)
    )
    lines = _lines(session, years)
    return tuple(
        SeedFundingSection(year, count, Decimal(total or ZERO), lines.get(year, ()))
        for year, count, total in totals
    )


def _lines(session: Session, years: Years) -> dict[int, Sequence[SeedFundingLine]]:
    stmt = (
        select(
            SeedFundingProject.year,
            SeedFundingProject.title,
            SeedFundingProject.cost_usd,
            Entity.acronym,
        )
        .outerjoin(Entity, Entity.id == SeedFundingProject.entity_id)
        .where(years)
    )
    by_year: dict[int, list[SeedFundingLine]] = {}
    for year, title, cost, entity in session.execute(stmt):
        by_year.setdefault(year, []).append(SeedFundingLine(title, Decimal(cost), entity))
    return {year: tuple(sorted(found, key=_order)) for year, found in by_year.items()}


def _order(line: SeedFundingLine) -> tuple[Decimal, str, str]:
    # Largest cost first, then by title whatever the database's collation.
    return (-line.cost, line.title.casefold(), line.title)
