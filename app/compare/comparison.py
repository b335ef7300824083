"""What the comparison view shows: two sources' figures, their deltas and what changed.

The page, its charts, its CSV and XLSX all read one ``Screen``, so they never disagree. Every
part comes from a fixed number of aggregate queries whatever the size of the portfolio.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from app.baselines.services import intact_baseline
from app.compare import side_cache
from app.compare.indicator_performance import IndicatorPage, performance_page
from app.figures.baseline_report import Figures
from app.figures.data_source import Filters, Source
from app.figures.queries import money_by_entity, need_groups, project_statuses, tally
from app.marks import N_
from indicators import compare, coverage, portfolio
from indicators.coverage import NeedGroup
from indicators.deltas import Delta, delta

T = TypeVar("T")
LIVE_NAME = N_("Live portfolio")  # a page translates it; the downloads keep it English


@dataclass(frozen=True)
class Side:
    """One side of the comparison: the live portfolio (key "") or a baseline (its label)."""

    key: str
    name: str
    as_of: dt.date | None
    source: Source
    figures: Figures
    money: dict[str, tuple[Decimal, Decimal]]
    version: tuple[Any, ...] | None = None  # what identifies a frozen side; None when live

    @property
    def live(self) -> bool:
        """Tell whether this side is the live portfolio."""
        return self.source.live

    @property
    def identity(self) -> Hashable:
        """Return what tells this side's figures apart from any other's (the cache's key)."""
        return self.version or self.source


@dataclass(frozen=True)
class Headline:
    """One headline figure on both sides; kind is "count", "money" or "pct"."""

    key: str
    label: str
    kind: str
    a: Decimal | int
    b: Decimal | int
    change: Delta
    status: str | None = None  # drill-down status filter, None when there is no project list


@dataclass(frozen=True)
class Screen:
    """Everything the comparison view shows, for one pair of sources and one set of filters."""

    a: Side
    b: Side
    filters: Filters
    reveal_confidential: bool
    headlines: list[Headline]
    comparison: compare.Changes
    a_is_old: bool
    indicators: IndicatorPage | None  # None for charts and downloads, which read their own

    @property
    def old(self) -> Side:
        """Return the older side (the starting point of added, removed, status changes)."""
        return self.a if self.a_is_old else self.b

    @property
    def new(self) -> Side:
        """Return the newer side."""
        return self.b if self.a_is_old else self.a


def build_screen(
    session: Session,
    a_key: str,
    b_key: str,
    filters: Filters,
    reveal_confidential: bool,
    indicator_page: int | None = 1,
) -> Screen:
    """Load both sides and compute what the view shows (raises NotFound for a bad label)."""
    a = load_side(session, a_key, filters, reveal_confidential)
    b = load_side(session, b_key, filters, reveal_confidential)
    a_is_old = is_older(a, b)
    old, new = (a, b) if a_is_old else (b, a)
    result = _cached(
        session,
        ("changes", old.identity, new.identity),
        old.version is not None and new.version is not None,
        lambda: compare.changes(statuses(session, old), statuses(session, new)),
    )
    rows = None
    if indicator_page is not None:
        rows = _cached(
            session,
            ("indicators", a.identity, b.identity, filters.pillar, indicator_page),
            a.version is not None and b.version is not None,
            lambda: performance_page(session, a.source, b.source, filters.pillar, indicator_page),
        )
    return Screen(a, b, filters, reveal_confidential, headlines(a, b), result, a_is_old, rows)


def _cached(session: Session, key: tuple[Any, ...], frozen: bool, compute: Callable[[], T]) -> T:
    """Compute once per key: by content when it is of frozen baselines only, else per data
    version."""
    if frozen:
        return side_cache.frozen(key, compute)
    return side_cache.live(session, key, compute)


def statuses(session: Session, side: Side) -> dict[str, str]:
    """Return every project code of the side with its status, read once per version."""
    key, frozen = ("statuses", side.identity), side.version is not None
    return _cached(session, key, frozen, lambda: project_statuses(session, side.source))


def load_side(session: Session, key: str, filters: Filters, reveal: bool) -> Side:
    """Load one side's figures (tally, needs, money by entity), computed once per version."""
    if not key:
        version = ("live", filters, reveal)
        return side_cache.live(
            session,
            version,
            lambda: _side(session, "", LIVE_NAME, None, Source(None, filters), reveal),
        )
    baseline = intact_baseline(session, key)
    frozen = (baseline.id, baseline.content_hash, baseline.label, baseline.as_of, filters, reveal)
    source = Source(baseline.id, filters)
    return side_cache.frozen(
        ("side", *frozen),
        lambda: _side(session, key, baseline.label, baseline.as_of, source, reveal, frozen),
    )


def _side(
    session: Session,
    key: str,
    name: str,
    as_of: dt.date | None,
    source: Source,
    reveal: bool,
    version: tuple[Any, ...] | None = None,
) -> Side:
    """Compute one side's figures."""
    kept = visible_needs(need_groups(session, source), source.filters, reveal)
    figures = Figures(
        portfolio.figures(tally(session, source)),
        coverage.coverage_of_groups(kept, reveal),
    )
    money = money_by_entity(session, source)
    return Side(key, name, as_of, source, figures, money, version)


def visible_needs(needs: list[NeedGroup], filters: Filters, reveal: bool) -> list[NeedGroup]:
    """Keep the needs of the pillar and member state filtered on.

    Without clearance a member-state filter leaves confidential needs out altogether: counting
    them would tell which State has confidential needs.
    """
    kept = [n for n in needs if not filters.pillar or n.pillar == filters.pillar]
    if filters.member_state:
        kept = [
            n
            for n in kept
            if n.member_state == filters.member_state and (reveal or not n.confidential)
        ]
    return kept


def is_older(a: Side, b: Side) -> bool:
    """Tell whether side A is the starting point: live is always newest, then by as-of date."""
    if a.as_of is None or b.as_of is None:
        return b.as_of is None
    return a.as_of <= b.as_of


HEADLINES = (
    ("projects", N_("Projects"), "count", ""),
    ("implementing_entities", N_("Implementing entities"), "count", None),
    ("budget_total", N_("Budget, total (US$)"), "money", ""),
    ("budget_active", N_("Budget, active projects (US$)"), "money", "active"),
    ("budget_completed", N_("Budget, completed projects (US$)"), "money", "completed"),
    ("funded", N_("Funded, active projects (US$)"), "money", "active"),
    ("shortfall", N_("Shortfall, active projects (US$)"), "money", "active"),
    ("shortfall_pct_of_active", N_("Shortfall, share of active budget (%)"), "pct", None),
    ("in_multi_year_appeal", N_("In the multi-year appeal"), "count", None),
    ("needs_total", N_("CTED needs"), "count", None),
    ("needs_addressed", N_("CTED needs addressed"), "count", None),
    ("needs_coverage_pct", N_("CTED need coverage, %"), "pct", None),
)


def figure(figures: Figures, key: str) -> Decimal | int:
    """Return one headline figure by its key."""
    if key.startswith("needs_"):
        value: Decimal | int = getattr(figures.needs, key.removeprefix("needs_"))
        return value
    value = getattr(figures.portfolio, key)
    return value


def headlines(a: Side, b: Side) -> list[Headline]:
    """Return the headline figures of both sides with the change from A to B."""
    rows = []
    for key, label, kind, status in HEADLINES:
        old, new = figure(a.figures, key), figure(b.figures, key)
        rows.append(Headline(key, label, kind, old, new, delta(old, new), status))
    return rows
