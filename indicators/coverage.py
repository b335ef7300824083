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

from indicators.portfolio import PILLAR_KEYS, Json, ProjectFacts, share_pct

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


def coverage_of(needs: list[NeedFacts], addressed: frozenset[str]) -> Coverage:
    """Return the coverage of a group of needs."""
    hit = sum(1 for n in needs if n.code in addressed)
    return Coverage(len(needs), hit, share_pct(hit, len(needs)))


def _group(
    needs: list[NeedFacts], label: Callable[[NeedFacts], str], reveal: bool
) -> dict[str, list[NeedFacts]]:
    groups: dict[str, list[NeedFacts]] = {}
    for need in needs:
        key = label(need) if reveal or not need.confidential else CONFIDENTIAL
        groups.setdefault(key, []).append(need)
    return dict(sorted(groups.items()))


def _covered_groups(
    groups: dict[str, list[NeedFacts]], addressed: frozenset[str]
) -> dict[str, Coverage]:
    return {key: coverage_of(members, addressed) for key, members in groups.items()}


def need_coverage(
    needs: Iterable[NeedFacts], addressed: Iterable[str], reveal_confidential: bool = False
) -> NeedCoverage:
    """Compute need coverage, hiding confidential needs' states and areas unless revealed."""
    items = list(needs)
    linked = frozenset(addressed)
    overall = coverage_of(items, linked)
    by_pillar = {key: [n for n in items if n.pillar == key] for key in PILLAR_KEYS}
    return NeedCoverage(
        total=overall.total,
        addressed=overall.addressed,
        coverage_pct=overall.coverage_pct,
        by_pillar=_covered_groups(by_pillar, linked),
        by_member_state=_covered_groups(
            _group(items, lambda n: n.member_state, reveal_confidential), linked
        ),
        by_thematic_area=_covered_groups(
            _group(items, lambda n: n.thematic_area, reveal_confidential), linked
        ),
    )


def to_contract_dict(result: NeedCoverage) -> dict[str, Json]:
    """Return the CONTRACT section 4 "cted_needs" object (coverage_pct stays Decimal)."""
    return {
        "total": result.total,
        "addressed": result.addressed,
        "coverage_pct": result.coverage_pct,
    }
