"""Plain, frozen report dataclasses for the money and people sections: funding by entity, the
Multi-Year Appeal, gender marker shares, the project annex, seed funding and comparison lines.

Part of `reports.content` (which names them all); split off to keep each file short.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from indicators.disaggregation import WomenShare
from indicators.shares import share_or_none
from indicators.types import Pillar, ProjectStatus, Scope

ZERO = Decimal(0)


@dataclass(frozen=True)
class EntityFunding:
    """Budget, funding and Multi-Year Appeal projects of one Compact entity."""

    entity: str
    budget: Decimal
    funded: Decimal
    mya_count: int = 0

    @property
    def shortfall(self) -> Decimal:
        """Return the unfunded part of the budget, never negative."""
        return max(self.budget - self.funded, ZERO)


@dataclass(frozen=True)
class MultiYearAppeal:
    """Totals of the projects in the Multi-Year Appeal."""

    project_count: int
    requirement: Decimal
    funded: Decimal

    @property
    def shortfall(self) -> Decimal:
        """Return the unfunded part of the requirement, never negative."""
        return max(self.requirement - self.funded, ZERO)


@dataclass(frozen=True)
class GenderShare:
    """Projects and budget under one gender marker code."""

    marker: str
    description: str
    project_count: int
    budget: Decimal
    counts_toward_target: bool = False


@dataclass(frozen=True)
class GenderSection:
    """Budget shares by gender marker against the target (15 % by default)."""

    shares: Sequence[GenderShare]
    target_pct: Decimal = Decimal(15)
    # The share of women among people counted by sex in the quarter's approved figures
    # (Compact-wide reports; None when no indicator is disaggregated by sex).
    women: WomenShare | None = None

    @property
    def total_budget(self) -> Decimal:
        """Return the budget over all markers."""
        return sum((s.budget for s in self.shares), ZERO)

    def pct(self, share: GenderShare) -> Decimal | None:
        """Return one marker's share of the total budget, in per cent."""
        return share_or_none(share.budget, self.total_budget)

    def marker_pct(self, marker: str) -> Decimal | None:
        """Return the budget share of one marker code (e.g. "GEN-2"), in per cent."""
        part = sum((s.budget for s in self.shares if s.marker == marker), ZERO)
        return share_or_none(part, self.total_budget)

    @property
    def toward_target_pct(self) -> Decimal | None:
        """Return the budget share of the markers that count toward the target."""
        part = sum((s.budget for s in self.shares if s.counts_toward_target), ZERO)
        return share_or_none(part, self.total_budget)


@dataclass(frozen=True)
class AnnexProject:
    """One project line of the annex."""

    code: str
    title: str
    entity: str
    pillar: Pillar
    scope: Scope
    status: ProjectStatus
    budget: Decimal
    funded: Decimal


@dataclass(frozen=True)
class EntityReportStatus:
    """Where one project's progress report for the period stands (per-entity reports)."""

    project_code: str
    title: str
    status: str  # a ReportStatus value, "not started", or either with ", overdue"


@dataclass(frozen=True)
class FundingSection:
    """Funding and shortfall by entity, with the Multi-Year Appeal."""

    rows: Sequence[EntityFunding]
    appeal: MultiYearAppeal | None = None


@dataclass(frozen=True)
class ProjectRef:
    """A project named in a baseline comparison."""

    code: str
    title: str
    entity: str


@dataclass(frozen=True)
class StatusChange:
    """A project whose status differs between the two sides of a comparison."""

    code: str
    title: str
    before: ProjectStatus
    after: ProjectStatus


@dataclass(frozen=True)
class SeedFundingLine:
    """One project the Trust Fund seed-funded, with its cost."""

    title: str
    cost: Decimal
    entity: str | None = None


@dataclass(frozen=True)
class SeedFundingSection:
    """A year's seed funding from the Trust Fund: how many projects, their total, the projects.

    `projects` comes sorted by cost, largest first, then by title; the count and the total are
    the sums of the same rows, computed in SQL.
    """

    year: int
    project_count: int
    total: Decimal
    projects: Sequence[SeedFundingLine] = ()
