"""Key messages: the short narrative that opens a report, written from its figures.

The sentences read the way paragraphs 56 to 63 and 66 of Annex II of the Secretary-General's
report do ("By August 2019, Counter-Terrorism Compact entities were implementing 314 projects
compared to 317 projects in 2018. Out of the 314 projects, 33 per cent fall under Pillar I ..."),
in the United Nations' house style (`reports.formatting`). Each sentence is a template over the
figures of `KeyFacts`, never free text; a sentence whose figures are missing (no comparison, no
needs, no projects, no active budget) is left out, never printed with blanks.

Shares are whole per cents, as the Secretary-General's report prints them, computed from the
counts and amounts themselves (`fmt_share`: rounded once, never from a share already rounded).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from indicators.types import Scope
from reports.content import SeedFundingSection
from reports.sentences import ACTIVE, PILLARS, SCOPES, STATUSES, WRITERS

__all__ = ["PILLARS", "SCOPES", "STATUSES", "Comparison", "KeyFacts", "Needs", "key_messages"]


@dataclass(frozen=True)
class Comparison:
    """The portfolio the figures are compared with: a baseline's label, date and projects."""

    label: str
    as_of: date
    projects: int


@dataclass(frozen=True)
class Needs:
    """CTED-identified needs and those addressed by at least one project of the portfolio."""

    total: int
    addressed: int

    def __post_init__(self) -> None:
        if not 0 <= self.addressed <= self.total:
            raise ValueError("needs addressed must be between 0 and the needs identified")


@dataclass(frozen=True)
class KeyFacts:
    """The figures the key messages are written from; money in US dollars.

    `by_pillar`, `by_scope` and `by_status` count the portfolio's projects (cancelled ones are
    not in it) by pillar code, scope and status; each adds up to `projects`. The shares are
    computed from these counts (`fmt_share`). `entity` names the entity of a per-entity report
    (None: Compact-wide).
    """

    as_of: date
    projects: int
    implementing_entities: int
    by_pillar: Mapping[str, int]
    by_scope: Mapping[str, int]
    by_status: Mapping[str, int]
    budget_total: Decimal
    budget_active: Decimal
    budget_completed: Decimal
    funded: Decimal
    shortfall: Decimal
    in_multi_year_appeal: int
    needs: Needs | None = None
    comparison: Comparison | None = None
    entity: str | None = None
    seed_funding: Sequence[SeedFundingSection] = ()

    def __post_init__(self) -> None:
        for name, counts, keys in (
            ("pillar", self.by_pillar, PILLARS),
            ("scope", self.by_scope, tuple(s.value for s in Scope)),
            ("status", self.by_status, STATUSES),
        ):
            if set(counts) - set(keys) or any(n < 0 for n in counts.values()):
                raise ValueError(f"{name} counts must be non-negative counts of {keys}")
            if sum(counts.values()) != self.projects:
                raise ValueError(f"{name} counts add up to {sum(counts.values())}, not projects")
        if not 0 <= self.in_multi_year_appeal <= self.projects:
            raise ValueError("Multi-Year Appeal projects must be between 0 and the projects")

    @property
    def active_projects(self) -> int:
        """Pipeline, ongoing and suspended projects."""
        return sum(self.by_status.get(s, 0) for s in ACTIVE)


def key_messages(facts: KeyFacts) -> list[str]:
    """Write the key messages of the figures, in reading order; empty figures write none."""
    sentences = (writer(facts) for writer in WRITERS)
    return [s for s in sentences if s is not None]
