"""Assemble the quarterly report dataclass from the database (approved figures only).

Which indicators a pillar section shows (a product decision, so that a Compact-wide report of
20,000 projects stays readable and fast):

- Compact-wide: every OUTCOME indicator on its own row; OUTPUT indicators are ROLLED UP to their
  outcome where unit and measure agree (`indicators.aggregate` rules), one row per (outcome,
  unit, measure) saying how many output indicators it combines ("12 output indicators, summed").
  Numbers sum baseline, targets and actual; percentages combine numerators and denominators,
  never add percentages; qualitative indicators are counted, never summed. Output indicators not
  linked to an outcome are rolled up per pillar the same way.
- Per entity (`--entity`): that entity's output indicators, one by one.

Indicator figures come from aggregate SQL (`indicator_sql`), not from every value row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.baselines.services import ensure_intact
from app.errors import NotFound, ValidationFailed
from app.figures import sections
from app.figures.baseline_report import Figures, source_figures
from app.figures.data_source import Filters, Source
from app.figures.key_facts import quarter_messages
from app.marks import N_
from app.models.baselines import Baseline
from app.models.progress import ReportingPeriod
from app.models.reference import Entity
from app.portfolio.breakdown import compact_women_share
from app.quarterly import queries as q
from app.quarterly.evidence import evidence_lines
from app.quarterly.indicators import pillar_indicator_rows
from app.quarterly.state import compared_baseline, state_baseline, state_of
from indicators.periods import PeriodKey
from reports import content as m
from reports import localized


@dataclass(frozen=True)
class Headlines:
    """A quarter's headline figures: the state they show, the comparison, the rows."""

    state: m.PortfolioState
    compared_with: m.PortfolioState | None
    rows: list[m.SummaryFigure]
    source: Source
    current: Figures
    compared: Figures | None = None  # the figures of `compared_with`, for the key messages


def quarterly_headlines(
    session: Session,
    period: PeriodKey,
    entity: str | None,
    today: dt.date,
    compare: str | None = None,
) -> Headlines:
    """Compute a quarter's headline figures from its state, against the chosen baseline."""
    frozen = state_baseline(session, period, today)
    other = compared_baseline(session, period, compare)
    if frozen is not None:
        ensure_intact(session, frozen)
    source = Source(frozen.id if frozen else None, Filters(entity=entity or ""))
    current = source_figures(session, source, reveal_confidential=False)
    theirs = _figures_of(session, other, entity)
    rows = _headlines(current, theirs, entity)
    compared = state_of(other, today) if other else None
    return Headlines(state_of(frozen, today), compared, rows, source, current, theirs)


def build_quarterly(
    session: Session,
    period_key: str,
    entity: str | None = None,
    draft: bool = True,
    today: dt.date | None = None,
    compare: str | None = None,
) -> m.QuarterlyReport:
    """Gather the figures of a quarter, Compact-wide or for one entity, into a report.

    `today` is the report's date (overdue reports are judged against it); `compare` names the
    baseline the change column compares with (default: the previous quarter's close baseline).
    """
    period = _parse(period_key)
    today = today or dt.date.today()
    entity_row = _entity(session, entity) if entity else None
    top = quarterly_headlines(session, period, entity, today, compare)
    source = top.source
    reporting = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == str(period)))
    return m.QuarterlyReport(
        title=_("Quarterly report %(period)s", period=str(period)),
        period_key=str(period),
        as_of=top.state.as_of,
        issue_date=today,
        scope_label=(
            f"{entity_row.acronym} - {entity_row.name}" if entity_row else _("Compact-wide")
        ),
        draft=draft,
        baseline_label=top.compared_with.baseline if top.compared_with else None,
        headlines=top.rows,
        pillars=_pillars(session, source, period, entity),
        funding=sections.funding(session, source),
        coverage=_scoped_coverage(sections.coverage(top.current.needs), entity),
        gender=_gender(session, source, str(period), entity),
        annex=sections.annex(session, source),
        entity_status=_entity_status(session, reporting, entity, today, source.baseline_id)
        if entity
        else None,
        no_progress_note=None
        if reporting
        else f"No reporting period was opened for {period}: no progress was reported for it.",
        state=top.state,
        compared_with=top.compared_with,
        key_messages=quarter_messages(session, top, entity),
        evidence=evidence_lines(session, reporting, entity),
    )


def _parse(period_key: str) -> PeriodKey:
    try:
        return PeriodKey.parse(period_key)
    except ValueError as error:
        raise ValidationFailed([f"--period: {error}"]) from error


def _entity(session: Session, acronym: str) -> Entity:
    found = session.scalar(select(Entity).where(Entity.acronym == acronym))
    if found is None:
        raise NotFound(f"--entity: no Compact entity {acronym!r}")
    return found


def _figures_of(session: Session, baseline: Baseline | None, entity: str | None) -> Figures | None:
    if baseline is None:
        return None
    ensure_intact(session, baseline)
    return source_figures(session, Source(baseline.id, Filters(entity=entity or "")), False)


# A headline figure read from a source's figures.
Getter = Callable[[Figures], Decimal | int]
# Labels marked in English, translated into the report's language when it is built (the API
# builds its JSON in English: app.report_language.for_data).
HEADLINES: tuple[tuple[str, Getter, str], ...] = (
    (N_("Projects in the portfolio"), lambda f: f.portfolio.projects, "count"),
    (N_("Implementing entities"), lambda f: f.portfolio.implementing_entities, "count"),
    (N_("Budget, US$ million"), lambda f: f.portfolio.budget_total, "money"),
    (N_("Funded (active projects), US$ million"), lambda f: f.portfolio.funded, "money"),
    (N_("Funding shortfall, US$ million"), lambda f: f.portfolio.shortfall, "money"),
    (
        N_("Shortfall, share of active budget (%)"),
        lambda f: f.portfolio.shortfall_pct_of_active,
        "pct",
    ),
    (N_("CTED needs addressed"), lambda f: f.needs.addressed, "count"),
    (N_("Need coverage, %"), lambda f: f.needs.coverage_pct, "pct"),
)
# In a per-entity report the needs are those its projects address; the total they are a share
# of is every CTED need, a Compact-wide figure, and the label says so.
ENTITY_LABELS = {
    "CTED needs addressed": N_("CTED needs addressed by %(entity)s's projects"),
    "Need coverage, %": N_("Share of all CTED needs (Compact-wide) addressed by %(entity)s, %%"),
}


def _headlines(
    current: Figures, other: Figures | None, entity: str | None
) -> list[m.SummaryFigure]:
    return [
        m.SummaryFigure(
            _(ENTITY_LABELS[label], entity=entity)
            if entity and label in ENTITY_LABELS
            else _(label),
            _fmt(get(current), kind),
            _change(get, current, other, kind),
        )
        for label, get, kind in HEADLINES
    ]


def _scoped_coverage(section: m.NeedCoverageSection, entity: str | None) -> m.NeedCoverageSection:
    """Name the coverage of a per-entity report: every need, those the entity's projects cover."""
    if entity is None:
        return section
    total = section.total
    label = _("All CTED needs (Compact-wide); covered: by %(entity)s's projects", entity=entity)
    row = m.CoverageRow(label, total.needs, total.covered)
    return replace(section, total=row, entity=entity)


def _fmt(value: Decimal | int, kind: str) -> str:
    """Write a headline figure with the report's separators ("104.4", "104,4"; English in the
    API's JSON): millions of dollars and percentages with one decimal, counts whole."""
    if kind == "money":
        return localized.decimal(Decimal(value) / Decimal(1_000_000), 1)
    if kind == "pct":
        return localized.decimal(Decimal(value), 1)
    return localized.decimal(Decimal(value), 0)


def _change(get: Getter, current: Figures, other: Figures | None, kind: str) -> str | None:
    if other is None:
        return None
    diff = Decimal(get(current)) - Decimal(get(other))
    text = _fmt(diff if kind != "count" else int(diff), kind)
    if not text.strip("-0.,"):  # rounds to nothing: no sign, never "-0.0"
        return text.lstrip("-")
    return text if diff < 0 else f"+{text}"


def _pillars(
    session: Session, source: Source, period: PeriodKey, entity: str | None
) -> list[m.PillarSection]:
    highlights: dict[str, list[m.Highlight]] = defaultdict(list)
    for pillar, code, title, narrative in q.highlight_rows(session, str(period), entity):
        highlights[pillar].append(m.Highlight(code, title, narrative))
    indicators = pillar_indicator_rows(session, period, entity)
    outcomes = q.outcome_lines(session, entity)
    return [
        replace(p, outcomes=outcomes.get(p.pillar.value, ()))
        for p in sections.pillars(session, source, indicators, highlights)
    ]


def _gender(
    session: Session, source: Source, period_key: str, entity: str | None
) -> m.GenderSection:
    """The gender section, with the women's share of the quarter in a Compact-wide report."""
    section = sections.gender(session, source)
    if entity:
        return section
    return replace(section, women=compact_women_share(session, period_key))


def _entity_status(
    session: Session,
    period: ReportingPeriod | None,
    entity: str | None,
    report_date: dt.date,
    baseline_id: int | None = None,
) -> list[m.EntityReportStatus]:
    # Overdue against the period's due date and the report's date, not the day it is read.
    overdue = period is not None and period.due_on < report_date
    out = []
    for code, title, status in q.report_status_rows(session, period, entity or "", baseline_id):
        label = status or "not started"
        if overdue and label in ("not started", "draft", "returned"):
            label = f"{label}, overdue"
        out.append(m.EntityReportStatus(code, title, label))
    return out
