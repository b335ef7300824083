"""The Compact at a glance, for the readers' home page: headline figures, how the Compact's
results stand, the latest issued quarterly report and what changed since the last baseline.

Everything comes from the functions the reports and the comparison already use (no figure is
computed twice), in a fixed number of aggregate queries whatever the size of the portfolio.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

import indicators.i18n
from app import data_version
from app.compare.comparison import Headline, Side, headlines, load_side
from app.errors import DomainError
from app.figures.data_source import Filters, Source
from app.figures.indicator_queries import indicator_figures
from app.figures.indicator_rollup import output_groups
from app.figures.queries import need_groups, portfolio_moves
from app.models.baselines import Baseline
from app.models.outcome_values import OutcomeReport
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.quarterly import IssuedReport
from app.quarterly.indicators import group_row
from indicators.periods import PeriodKey
from indicators.types import AchievementStatus, ReportStatus

CHANGES_SHOWN = ("projects", "budget_total", "funded", "shortfall", "needs_addressed")


@dataclass(frozen=True)
class ResultStanding:
    """How the Compact's results stand as of a period: rows by achievement status."""

    period_key: str
    by_status: dict[AchievementStatus, int]

    @property
    def total(self) -> int:
        """Return how many results were read (outcome indicators and output roll-ups)."""
        return sum(self.by_status.values())


@dataclass(frozen=True)
class SinceBaseline:
    """What changed from the latest baseline to the live portfolio."""

    label: str
    as_of: dt.date
    added: int
    removed: int
    status_changes: int
    figures: list[Headline]


@dataclass(frozen=True)
class OpenNeeds:
    """CTED needs no project answers yet, confidential ones included (CTED readers only)."""

    total: int
    confidential: int


@dataclass(frozen=True)
class Glance:
    """Everything the readers' home page shows."""

    live: Side
    standing: ResultStanding | None
    issued: IssuedReport | None
    since: SinceBaseline | None
    since_error: str | None
    open_needs: OpenNeeds | None


def glance(session: Session, reveal_confidential: bool) -> Glance:
    """Return the Compact at a glance; CTED readers (reveal) also get the open needs.

    The figures are the same for every reader of a kind and language until something is
    written: they are computed once per data version (`app.data_version.kept`), since reading
    every output indicator's values as of a quarter grows with the portfolio."""
    key = ("glance", reveal_confidential, indicators.i18n.locale())
    found = data_version.kept(session, key, lambda: _figures(session, reveal_confidential))
    return replace(found, issued=latest_issued(session))  # an ORM row: read in this session


def _figures(session: Session, reveal_confidential: bool) -> Glance:
    live = load_side(session, "", Filters(), reveal_confidential)
    since, error = since_baseline(session, live, reveal_confidential)
    return Glance(
        live=live,
        standing=result_standing(session),
        issued=None,
        since=since,
        since_error=error,
        open_needs=open_needs(session) if reveal_confidential else None,
    )


def latest_issued(session: Session) -> IssuedReport | None:
    """Return the Compact-wide report of the latest issued quarter (else an entity's)."""
    stmt = select(IssuedReport).order_by(
        IssuedReport.period_key.desc(), IssuedReport.entity_id.is_not(None), IssuedReport.id
    )
    return session.scalars(stmt.limit(1)).first()


def result_standing(session: Session) -> ResultStanding | None:
    """Count the quarterly report's result rows by status, as of the latest approved quarter."""
    approved = union_all(
        *(
            select(report.period_id).where(report.status == ReportStatus.APPROVED.value)
            for report in (ProgressReport, OutcomeReport)
        )
    ).subquery()
    key = session.scalar(
        select(func.max(ReportingPeriod.key)).where(ReportingPeriod.id.in_(select(approved)))
    )
    if key is None:
        return None
    period = PeriodKey.parse(key)
    statuses = [f.status for f in indicator_figures(session, period, outcomes_only=True)]
    statuses += [group_row(g, None).status for g in output_groups(session, period)]
    counted = Counter(statuses)
    return ResultStanding(key, {s: counted.get(s, 0) for s in AchievementStatus})


def since_baseline(
    session: Session, live: Side, reveal: bool
) -> tuple[SinceBaseline | None, str | None]:
    """Compare the latest baseline with the live portfolio, or say why it cannot be read."""
    latest = session.scalars(
        select(Baseline).order_by(Baseline.as_of.desc(), Baseline.id.desc()).limit(1)
    ).first()
    if latest is None:
        return None, None
    try:
        old = load_side(session, latest.label, Filters(), reveal)
    except DomainError as error:
        return None, f"The baseline {latest.label} cannot be compared: {error}"
    added, removed, status_changes = portfolio_moves(session, old.source, live.source)
    shown = [h for h in headlines(old, live) if h.key in CHANGES_SHOWN]
    return SinceBaseline(
        latest.label,
        latest.as_of,
        added,
        removed,
        status_changes,
        shown,
    ), None


def open_needs(session: Session) -> OpenNeeds:
    """Count the needs no portfolio project answers, confidential ones apart (one query)."""
    groups = need_groups(session, Source())
    return OpenNeeds(
        total=sum(g.total - g.addressed for g in groups),
        confidential=sum(g.total - g.addressed for g in groups if g.confidential),
    )
