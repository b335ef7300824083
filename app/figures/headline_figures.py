"""A source's headline figures: its portfolio tally and its CTED need coverage, in SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.figures.data_source import Source
from app.figures.queries import need_groups, tally
from indicators import coverage, portfolio


@dataclass(frozen=True)
class Figures:
    """Everything one source's headline figures need."""

    portfolio: portfolio.PortfolioFigures
    needs: coverage.NeedCoverage


def source_figures(session: Session, source: Source, reveal_confidential: bool) -> Figures:
    """Compute a source's portfolio figures and need coverage with aggregate queries."""
    return Figures(
        portfolio.figures(tally(session, source)),
        coverage.coverage_of_groups(need_groups(session, source), reveal_confidential),
    )
