"""The baseline report as one computed, frozen object: every format renders this (Annex II).

The app fills it once from aggregate queries (`app.figures.baseline_model`); the page, the PDF,
the CSV, the XLSX, the JSON and the API only format it, so they cannot disagree. Changes against
a comparison are always "this report minus the comparison": reversing the comparison reverses
every sign, and added and removed trade places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from indicators.types import ProjectStatus
from reports.content import (
    FundingSection,
    GenderSection,
    NeedCoverageSection,
    PillarSection,
    ProjectRef,
    SeedFundingSection,
    StatusChange,
)
from reports.formatting import fmt_long_date
from reports.localized import gettext

Number = Decimal | int

# How each kind of figure is written: a count, US dollars, or a share in per cent.
COUNT, MONEY, PCT = "count", "money", "pct"


@dataclass(frozen=True)
class Figure:
    """One headline figure; `key` names it in the comparison's `delta` (docs/interfaces.md)."""

    key: str
    label: str
    value: Number
    kind: str = COUNT


@dataclass(frozen=True)
class ShareRow:
    """A count of projects and its share of the portfolio, in per cent (half-up, one decimal)."""

    key: str
    label: str
    count: int
    share_pct: Decimal


@dataclass(frozen=True)
class EntityPillarRow:
    """One implementing entity's projects under each pillar (paragraph 58's table)."""

    entity: str
    counts: tuple[int, int, int, int]  # pillars I, II, III, IV

    @property
    def total(self) -> int:
        """Return the entity's projects over the four pillars."""
        return sum(self.counts)


@dataclass(frozen=True)
class PveRow:
    """Projects linked to one priority area of the Plan of Action to Prevent Violent Extremism.

    A project may serve several areas, so the shares (of the portfolio) need not add up to 100.
    """

    number: int
    title: str
    projects: int
    share_pct: Decimal


@dataclass(frozen=True)
class Finance:
    """The portfolio's money: budget total, active and completed; funded; shortfall."""

    budget_total: Decimal
    budget_active: Decimal
    budget_completed: Decimal
    funded: Decimal
    shortfall: Decimal
    shortfall_pct_of_active: Decimal


@dataclass(frozen=True)
class FigureDelta:
    """A headline figure on both sides of a comparison; `change` is this minus the other."""

    key: str
    label: str
    this: Number
    other: Number
    kind: str = COUNT

    @property
    def change(self) -> Number:
        """Return this report's value minus the comparison's."""
        return self.this - self.other


@dataclass(frozen=True)
class StatusTransition:
    """How many projects moved from one status (in the comparison) to another (here)."""

    before: ProjectStatus
    after: ProjectStatus
    count: int


@dataclass(frozen=True)
class RemovedProject:
    """A project of the comparison's portfolio that is not in this one, and why."""

    ref: ProjectRef
    reason: str  # "cancelled" or "not reported"


@dataclass(frozen=True)
class BaselineChanges:
    """This report compared with another baseline; every change is this minus that.

    Each project is listed once: under added, under removed (with why, cancellations
    included), or, carried over with a new status, under status changes. Lists are by code.
    """

    label: str
    as_of: date
    projects: int  # the comparison's portfolio
    added: Sequence[ProjectRef]
    removed: Sequence[RemovedProject]
    carried_over: int
    transitions: Sequence[StatusTransition]  # every status move, cancellations included
    status_changes: Sequence[StatusChange]  # carried-over projects whose status moved
    deltas: Sequence[FigureDelta]

    @property
    def name(self) -> str:
        """Return how the change columns name the comparison: label and as-of date."""
        return gettext(
            "%(label)s (as of %(date)s)", label=self.label, date=fmt_long_date(self.as_of)
        )


@dataclass(frozen=True)
class BaselineModel:
    """A frozen baseline's report: the tables of Annex II, with an optional comparison."""

    title: str
    label: str
    as_of: date
    frozen_on: date
    sha256: str
    issue_date: date
    headlines: Sequence[Figure]
    by_pillar: Sequence[ShareRow] = ()
    pillars: Sequence[PillarSection] = ()
    entity_pillar: Sequence[EntityPillarRow] = ()
    by_scope: Sequence[ShareRow] = ()
    by_status: Sequence[ShareRow] = ()
    finance: Finance | None = None
    funding: FundingSection | None = None
    coverage: NeedCoverageSection | None = None
    gender: GenderSection | None = None
    pve: Sequence[PveRow] = ()
    # Seed funding from the Trust Fund, one section per year up to the as-of year.
    seed_funding: Sequence[SeedFundingSection] = ()
    comparison: BaselineChanges | None = None
    draft: bool = False
    # reports.messages.key_messages of these figures (and of the comparison, when there is one)
    key_messages: Sequence[str] = ()

    def headline(self, key: str) -> Figure:
        """Return the headline figure of a key."""
        for figure in self.headlines:
            if figure.key == key:
                return figure
        raise KeyError(key)
