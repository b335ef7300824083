"""Headline figures of the Compact portfolio (cancelled projects leave the portfolio).

Two steps, so the app can do the counting in SQL: ``tally`` counts and sums project facts into a
``PortfolioTally``; ``figures`` turns any tally (from ``tally`` or from GROUP BY queries) into
shares and money figures. ``portfolio_figures`` chains the two.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from indicators.shares import share_pct
from indicators.types import ACTIVE_STATUSES, Pillar, ProjectStatus, Scope

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
PILLAR_KEYS = tuple(p.value for p in Pillar)
SCOPE_KEYS = tuple(s.value for s in Scope)
STATUS_KEYS = tuple(s.value for s in ProjectStatus if s is not ProjectStatus.CANCELLED)
UNKNOWN = "unknown"
GENDER_KEYS = ("0", "1", "2", "3", UNKNOWN)
_ACTIVE = frozenset(s.value for s in ACTIVE_STATUSES)

Json = int | Decimal | str | bool | None | dict[str, "Json"] | list["Json"]


ALL_STATUS_KEYS = tuple(s.value for s in ProjectStatus)


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{name} {value!r} is not one of {', '.join(allowed)}")


@dataclass(frozen=True)
class ProjectFacts:
    """What the figures need to know about one project; money in US dollars."""

    code: str
    entity: str
    pillar: str
    scope: str
    status: str
    budget: Decimal
    funded: Decimal
    in_multi_year_appeal: bool = False
    gender_marker: int | None = None
    countries: tuple[str, ...] = ()
    need_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_choice("pillar", self.pillar, PILLAR_KEYS)
        _check_choice("scope", self.scope, SCOPE_KEYS)
        _check_choice("status", self.status, ALL_STATUS_KEYS)
        if self.budget < 0 or self.funded < 0:
            raise ValueError(f"project {self.code}: budget and funded cannot be negative")
        if self.gender_marker is not None and self.gender_marker not in (0, 1, 2, 3):
            raise ValueError(f"project {self.code}: gender marker must be 0, 1, 2 or 3")

    @property
    def in_portfolio(self) -> bool:
        """Tell whether the project counts in the portfolio (it is not cancelled)."""
        return self.status != ProjectStatus.CANCELLED

    @property
    def active(self) -> bool:
        """Tell whether the project is pipeline, ongoing or suspended."""
        return self.status in _ACTIVE


@dataclass(frozen=True)
class Count:
    """A count and its share of the portfolio in percent, rounded half-up to one decimal."""

    count: int
    share_pct: Decimal


@dataclass(frozen=True)
class PortfolioTally:
    """Counts and sums over the portfolio (non-cancelled projects); money in US dollars.

    Keys absent from a mapping count as zero. ``by_gender_marker`` keys are "0".."3" and
    "unknown". ``budget_active`` and ``funded_active`` sum over pipeline, ongoing and suspended
    projects; ``budget_completed`` over completed ones. An empty ``by_gender_marker`` means
    markers were not counted, and every project then shows as "unknown".
    """

    projects: int
    by_pillar: Mapping[str, int]
    by_scope: Mapping[str, int]
    by_status: Mapping[str, int]
    by_entity: Mapping[str, int]
    budget_active: Decimal
    budget_completed: Decimal
    funded_active: Decimal
    in_multi_year_appeal: int
    by_gender_marker: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class PortfolioFigures:
    """Headline figures; every enum key is present in the ``by_*`` mappings, zeros included.

    ``shortfall`` is budget minus funded over active projects; ``shortfall_pct_of_active`` is
    that shortfall as a percentage of the active budget, half-up to one decimal.
    """

    projects: int
    implementing_entities: int
    by_pillar: dict[str, Count]
    by_scope: dict[str, Count]
    by_status: dict[str, Count]
    by_entity: dict[str, Count]
    by_gender_marker: dict[str, Count]
    budget_total: Decimal
    budget_active: Decimal
    budget_completed: Decimal
    funded: Decimal
    shortfall: Decimal
    shortfall_pct_of_active: Decimal
    in_multi_year_appeal: int



def _gender_key(marker: int | None) -> str:
    return UNKNOWN if marker is None else str(marker)


def _total(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, Decimal(0))


def tally(projects: Iterable[ProjectFacts]) -> PortfolioTally:
    """Count and sum the non-cancelled projects."""
    kept = [p for p in projects if p.in_portfolio]
    active = [p for p in kept if p.active]
    completed = [p for p in kept if p.status == ProjectStatus.COMPLETED]
    return PortfolioTally(
        projects=len(kept),
        by_pillar=Counter(p.pillar for p in kept),
        by_scope=Counter(p.scope for p in kept),
        by_status=Counter(p.status for p in kept),
        by_entity=Counter(p.entity for p in kept),
        budget_active=_total(p.budget for p in active),
        budget_completed=_total(p.budget for p in completed),
        funded_active=_total(p.funded for p in active),
        in_multi_year_appeal=sum(1 for p in kept if p.in_multi_year_appeal),
        by_gender_marker=Counter(_gender_key(p.gender_marker) for p in kept),
    )


def _counts(
    name: str, counts: Mapping[str, int], keys: tuple[str, ...] | None, whole: int
) -> dict[str, Count]:
    """Turn counts into Count entries with shares; every key of ``keys`` appears."""
    if keys is not None:
        for key in counts:
            _check_choice(name, key, keys)
    if sum(counts.values()) != whole:
        raise ValueError(f"{name} counts add up to {sum(counts.values())}, not {whole} projects")
    ordered = keys if keys is not None else sorted(counts, key=lambda k: (-counts[k], k))
    return {key: Count(counts.get(key, 0), share_pct(counts.get(key, 0), whole)) for key in ordered}


def figures(counted: PortfolioTally) -> PortfolioFigures:
    """Compute shares and money figures from a tally; refuse a tally whose parts disagree."""
    whole = counted.projects
    shortfall = counted.budget_active - counted.funded_active
    gender = counted.by_gender_marker or {UNKNOWN: whole}
    return PortfolioFigures(
        projects=whole,
        implementing_entities=sum(1 for n in counted.by_entity.values() if n > 0),
        by_pillar=_counts("pillar", counted.by_pillar, PILLAR_KEYS, whole),
        by_scope=_counts("scope", counted.by_scope, SCOPE_KEYS, whole),
        by_status=_counts("status", counted.by_status, STATUS_KEYS, whole),
        by_entity=_counts("entity", counted.by_entity, None, whole),
        by_gender_marker=_counts("gender marker", gender, GENDER_KEYS, whole),
        budget_total=counted.budget_active + counted.budget_completed,
        budget_active=counted.budget_active,
        budget_completed=counted.budget_completed,
        funded=counted.funded_active,
        shortfall=shortfall,
        shortfall_pct_of_active=share_pct(shortfall, counted.budget_active),
        in_multi_year_appeal=counted.in_multi_year_appeal,
    )


def figures_from_counts(counted: PortfolioTally) -> PortfolioFigures:
    """Compute the figures from a tally built from SQL aggregates (same as ``figures``)."""
    return figures(counted)


def portfolio_figures(projects: Iterable[ProjectFacts]) -> PortfolioFigures:
    """Compute the headline figures of the non-cancelled projects."""
    return figures(tally(projects))


def money(amount: Decimal) -> int | Decimal:
    """Return a whole amount as int, any other as the Decimal itself (never a float)."""
    return int(amount) if amount == amount.to_integral_value() else amount


def _count_dict(counts: Mapping[str, Count]) -> dict[str, Json]:
    return {key: {"count": c.count, "share_pct": c.share_pct} for key, c in counts.items()}


def to_contract_dict(result: PortfolioFigures) -> dict[str, Json]:
    """Return the CONTRACT section 4 keys; shares and odd cents stay Decimal for the encoder."""
    return {
        "projects": result.projects,
        "implementing_entities": result.implementing_entities,
        "by_pillar": _count_dict(result.by_pillar),
        "by_scope": _count_dict(result.by_scope),
        "by_status": _count_dict(result.by_status),
        "budget_usd": {
            "total": money(result.budget_total),
            "active": money(result.budget_active),
            "completed": money(result.budget_completed),
        },
        "funded_usd": money(result.funded),
        "shortfall_usd": money(result.shortfall),
        "shortfall_pct_of_active": result.shortfall_pct_of_active,
        "in_multi_year_appeal": result.in_multi_year_appeal,
    }
