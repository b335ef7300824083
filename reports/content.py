"""Plain, frozen report dataclasses that the app fills and the renderers read.

Every figure arrives already computed by `indicators` (approved values only); the renderers only
format. Money is `Decimal`. Free text (titles, narratives) is untrusted and escaped on output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from indicators.shares import share_or_none
from indicators.types import (
    AchievementStatus,
    Pillar,
    ProjectStatus,
    Scope,
)
from reports.content_sections import (
    AnnexProject as AnnexProject,
)
from reports.content_sections import (
    EntityFunding as EntityFunding,
)
from reports.content_sections import (
    EntityReportStatus as EntityReportStatus,
)
from reports.content_sections import (
    FundingSection as FundingSection,
)
from reports.content_sections import (
    GenderSection as GenderSection,
)
from reports.content_sections import (
    GenderShare as GenderShare,
)
from reports.content_sections import (
    MultiYearAppeal as MultiYearAppeal,
)
from reports.content_sections import (
    ProjectRef as ProjectRef,
)
from reports.content_sections import (
    SeedFundingLine as SeedFundingLine,
)
from reports.content_sections import (
    SeedFundingSection as SeedFundingSection,
)
from reports.content_sections import (
    StatusChange as StatusChange,
)
from reports.evidence_content import EvidenceLine
from reports.formatting import fmt_long_date
from reports.localized import gettext
from reports.logframe import OutcomeLine

ZERO = Decimal(0)
HUNDRED = Decimal(100)
HIGHLIGHTS_PER_PILLAR = 5  # a quarterly report shows at most this many marked highlights a pillar
IPTT_QUARTERS = 4  # the quarters of the indicator tracking table: the report's and three before


@dataclass(frozen=True)
class PortfolioState:
    """Which state of the portfolio a report's figures show: a frozen baseline or the live one."""

    baseline: str | None  # the baseline's label; None for the live portfolio
    as_of: date  # the baseline's as-of date, or the day the live figures were read

    def describe(self) -> str:
        """Say which state this is, e.g. "portfolio from baseline '2018 mapping', as of ..."."""
        day = fmt_long_date(self.as_of)
        if self.baseline is None:
            return gettext("live portfolio, today (%(date)s)", date=day)
        return gettext(
            "portfolio from baseline '%(label)s', as of %(date)s", label=self.baseline, date=day
        )

    def name(self) -> str:
        """Name it briefly, for a column header: "'2018 mapping' (31 August 2018)"."""
        day = fmt_long_date(self.as_of)
        if self.baseline is None:
            return gettext("the live portfolio (%(date)s)", date=day)
        return gettext("'%(label)s' (%(date)s)", label=self.baseline, date=day)


@dataclass(frozen=True)
class SummaryFigure:
    """One headline figure with its changes, e.g. "Projects mapped: 412 (+12)"."""

    label: str
    value: str | Decimal | int
    change_since_previous: str | None = None
    change_since_baseline: str | None = None


@dataclass(frozen=True)
class IpttCell:
    """An indicator's target to date and approved actual to date as of one quarter."""

    period_key: str
    target: Decimal | None
    actual: Decimal | None


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator's approved figures for the period.

    `target_to_date` is the target `achievement_pct` is computed against; `target_basis` says
    which it is ("to date": the period targets so far; "life": the life target, when no period
    target is set yet). `period_target` is this quarter's own target, kept for other readers.
    """

    code: str
    name: str
    unit: str
    baseline: Decimal | None
    life_target: Decimal | None
    period_target: Decimal | None
    actual: Decimal | None
    achievement_pct: Decimal | None
    status: AchievementStatus
    pending: str | None = None  # "submitted, not yet approved", shown apart from the actual
    members: str | None = None  # a roll-up's "12 output indicators, summed"
    measure: str = "number"  # an indicators.types.Measure value: how figures are formatted
    target_to_date: Decimal | None = None
    target_basis: str | None = None  # "to date" or "life"
    latest_text: str | None = None  # qualitative: the latest approved text
    text_source: str | None = None  # what that text is: "reported for 2019Q3 (IND-1)"
    reason: str | None = None  # why the row is not assessed
    projects: int | None = None  # a roll-up's contributing projects
    iptt: Sequence[IpttCell] = ()  # the last quarters, oldest first


@dataclass(frozen=True)
class Highlight:
    """A project's narrative highlight under a pillar."""

    project_code: str
    title: str
    text: str


@dataclass(frozen=True)
class PillarSection:
    """One pillar's portfolio, indicators, highlights and chart data."""

    pillar: Pillar
    title_en: str
    title_zh: str
    project_count: int
    budget: Decimal
    funded: Decimal
    rows: Sequence[IndicatorLine] = ()
    highlights: Sequence[Highlight] = ()
    by_scope: Mapping[Scope, int] = field(default_factory=dict)
    by_status: Mapping[ProjectStatus, int] = field(default_factory=dict)
    outcomes: Sequence[OutcomeLine] = ()  # the pillar's outcomes (an entity's: those it serves)


@dataclass(frozen=True)
class CoverageRow:
    """Needs identified by CTED and how many of them some project answers."""

    label: str
    needs: int
    covered: int

    @property
    def coverage_pct(self) -> Decimal | None:
        """Return the share of needs covered, in per cent."""
        return share_or_none(self.covered, self.needs)


@dataclass(frozen=True)
class NeedCoverageSection:
    """CTED need coverage; confidential needs arrive only as counts, never named."""

    total: CoverageRow
    by_pillar: Sequence[CoverageRow] = ()
    by_member_state: Sequence[CoverageRow] = ()
    by_thematic_area: Sequence[CoverageRow] = ()
    confidential_needs: int = 0
    confidential_covered: int = 0
    entity: str | None = None  # a per-entity report: covered means by this entity's projects

    @property
    def confidential_row(self) -> CoverageRow | None:
        """Return the "Confidential (n)" row, or None when there are no confidential needs."""
        if not self.confidential_needs:
            return None
        label = gettext("Confidential (%(count)s)", count=self.confidential_needs)
        return CoverageRow(label, self.confidential_needs, self.confidential_covered)


@dataclass(frozen=True)
class QuarterlyReport:
    """The quarterly report to Member States, Compact-wide or for one entity."""

    title: str
    period_key: str
    as_of: date
    issue_date: date
    scope_label: str  # "Compact-wide" or "UNOCT - United Nations Office of Counter-Terrorism"
    draft: bool
    headlines: Sequence[SummaryFigure]
    pillars: Sequence[PillarSection]
    funding: FundingSection
    baseline_label: str | None = None  # the label of the baseline the changes compare with
    coverage: NeedCoverageSection | None = None
    gender: GenderSection | None = None
    annex: Sequence[AnnexProject] = ()
    entity_status: Sequence[EntityReportStatus] | None = None
    no_progress_note: str | None = None  # set when the quarter has no reporting period
    # The state every portfolio figure shows (as_of is its date), and the baseline the change
    # column compares with (None: no comparison). Optional so older callers still build.
    state: PortfolioState | None = None
    compared_with: PortfolioState | None = None
    key_messages: Sequence[str] = ()  # reports.messages.key_messages, for the report's date
    evidence: Sequence[EvidenceLine] = ()  # the documents behind the approved figures

    @property
    def change_header(self) -> str | None:
        """Name the change column after the baseline it compares with, or None without one."""
        other = self.compared_with
        if other is None:
            return None
        if other.as_of <= self.as_of:
            return gettext("Change since %(name)s", name=other.name())
        return gettext("Difference from %(name)s", name=other.name())
