"""Coverage of the CTED-identified needs by the portfolio, with confidential needs protected.

A need is addressed when at least one portfolio (non-cancelled) project links to it. Confidential
needs always count in the totals and by pillar. Unless ``reveal_confidential`` is set (CTED
users), they never appear by member state or thematic area: they are counted under the single
bucket ``CONFIDENTIAL`` instead, and no code, member state or thematic area of theirs reaches the
result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators.portfolio import PILLAR_KEYS, Json, ProjectFacts
from indicators.shares import share_pct

CONFIDENTIAL = "confidential"


@dataclass(frozen=True)
class NeedFacts:
    """What coverage needs to know about one CTED-identified need."""

    code: str
    member_state: str
    pillar: str
    thematic_area: str
    confidential: bool = False

    def __post_init__(self) -> None:
        if self.pillar not in PILLAR_KEYS:
            raise ValueError(f"need {self.code}: pillar {self.pillar!r} is not one of I-IV")
        for label in (self.member_state, self.thematic_area):
            if label.strip().casefold() == CONFIDENTIAL:
                raise ValueError(f"need {self.code}: {label!r} is reserved for the hidden bucket")


@dataclass(frozen=True)
class Coverage:
    """How many needs there are, how many are addressed, and the share addressed (half-up)."""

    total: int
    addressed: int
    coverage_pct: Decimal


@dataclass(frozen=True)
class NeedCoverage:
    """Coverage overall and by pillar (all four present), member state and thematic area."""

    total: int
    addressed: int
    coverage_pct: Decimal
    by_pillar: dict[str, Coverage]
    by_member_state: dict[str, Coverage]
    by_thematic_area: dict[str, Coverage]


def addressed_codes(projects: Iterable[ProjectFacts]) -> frozenset[str]:
    """Return the need codes linked by at least one non-cancelled project."""
    return frozenset(code for p in projects if p.in_portfolio for code in p.need_codes)


@dataclass(frozen=True)
class NeedGroup:
    """Needs that share a pillar, member state, thematic area and confidentiality, counted.

    The database can count needs this way in one GROUP BY, so coverage never needs every row.
    """

    pillar: str
    member_state: str
    thematic_area: str
    confidential: bool
    total: int
    addressed: int

    def __post_init__(self) -> None:
        if self.pillar not in PILLAR_KEYS:
            raise ValueError(f"need group: pillar {self.pillar!r} is not one of I-IV")
        if not 0 <= self.addressed <= self.total:
            raise ValueError(f"need group: {self.addressed} addressed of {self.total} needs")
        for label in (self.member_state, self.thematic_area):
            if label.strip().casefold() == CONFIDENTIAL:
                raise ValueError(f"need group: {label!r} is reserved for the hidden bucket")


def group_needs(needs: Iterable[NeedFacts], addressed: Iterable[str]) -> list[NeedGroup]:
    """Count needs into groups, as the database's GROUP BY does."""
    linked = frozenset(addressed)
    counts: dict[tuple[str, str, str, bool], list[int]] = {}
    for n in needs:
        tally = counts.setdefault(
            (n.pillar, n.member_state, n.thematic_area, n.confidential), [0, 0]
        )
        tally[0] += 1
        tally[1] += n.code in linked
    return [NeedGroup(*key, total, hit) for key, (total, hit) in counts.items()]


def _sum_by(
    groups: list[NeedGroup], label: Callable[[NeedGroup], str], reveal: bool
) -> dict[str, Coverage]:
    sums: dict[str, list[int]] = {}
    for g in groups:
        key = label(g) if reveal or not g.confidential else CONFIDENTIAL
        tally = sums.setdefault(key, [0, 0])
        tally[0] += g.total
        tally[1] += g.addressed
    return {key: Coverage(t, a, share_pct(a, t)) for key, (t, a) in sorted(sums.items())}


def coverage_of_groups(
    groups: Iterable[NeedGroup], reveal_confidential: bool = False
) -> NeedCoverage:
    """Compute need coverage from counted groups, hiding confidential needs' states and areas."""
    items = list(groups)
    total = sum(g.total for g in items)
    hit = sum(g.addressed for g in items)
    by_pillar = _sum_by(items, lambda g: g.pillar, reveal=True)
    return NeedCoverage(
        total=total,
        addressed=hit,
        coverage_pct=share_pct(hit, total),
        by_pillar={key: by_pillar.get(key, Coverage(0, 0, share_pct(0, 0))) for key in PILLAR_KEYS},
        by_member_state=_sum_by(items, lambda g: g.member_state, reveal_confidential),
        by_thematic_area=_sum_by(items, lambda g: g.thematic_area, reveal_confidential),
    )


def need_coverage(
    needs: Iterable[NeedFacts], addressed: Iterable[str], reveal_confidential: bool = False
) -> NeedCoverage:
    """Compute need coverage, hiding confidential needs' states and areas unless revealed."""
    return coverage_of_groups(group_needs(needs, addressed), reveal_confidential)


def to_contract_dict(result: NeedCoverage) -> dict[str, Json]:
    """Return the CONTRACT section 4 "cted_needs" object (coverage_pct stays Decimal)."""
    return {
        "total": result.total,
        "addressed": result.addressed,
        "coverage_pct": result.coverage_pct,
    }
