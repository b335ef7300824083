"""The figures the key messages are written from (`reports.messages.KeyFacts`), from the app's.

One mapping for every report: a baseline's (with an optional comparison baseline) and a
quarter's take the same `Figures` their tables show, so a sentence can never say other than
the tables beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.figures.baseline_report import Figures, source_figures
from app.figures.data_source import Source
from app.figures.seed_funding import seed_funding_summaries
from app.models.baselines import Baseline
from indicators.portfolio import Count
from reports.content import SeedFundingSection
from reports.messages import Comparison, KeyFacts, Needs, key_messages


def key_facts(
    figures: Figures,
    as_of: dt.date,
    comparison: Comparison | None = None,
    entity: str | None = None,
    with_needs: bool = True,
    seed_funding: Sequence[SeedFundingSection] = (),
) -> KeyFacts:
    """Map computed figures to the key messages' input; `with_needs` False leaves needs out."""
    p = figures.portfolio
    return KeyFacts(
        as_of=as_of,
        projects=p.projects,
        implementing_entities=p.implementing_entities,
        by_pillar=_counts(p.by_pillar),
        by_scope=_counts(p.by_scope),
        by_status=_counts(p.by_status),
        budget_total=p.budget_total,
        budget_active=p.budget_active,
        budget_completed=p.budget_completed,
        funded=p.funded,
        shortfall=p.shortfall,
        in_multi_year_appeal=p.in_multi_year_appeal,
        needs=Needs(figures.needs.total, figures.needs.addressed) if with_needs else None,
        comparison=comparison,
        entity=entity,
        seed_funding=seed_funding,
    )


def _counts(counts: dict[str, Count]) -> dict[str, int]:
    return {key: c.count for key, c in counts.items()}


def comparison_of(baseline: Baseline, figures: Figures) -> Comparison:
    """Name a baseline as the comparison of the key messages, with its projects."""
    return Comparison(baseline.label, baseline.as_of, figures.portfolio.projects)


def baseline_messages(
    session: Session, baseline: Baseline, other: Baseline | None = None
) -> list[str]:
    """Write a baseline's key messages, compared with another baseline when one is given, with
    the seed funding of the years up to the baseline's.

    Confidential needs count in the totals (coverage never names them), so every reader gets
    the same sentences.
    """
    figures = source_figures(session, Source(baseline.id), reveal_confidential=False)
    compared = None
    if other is not None:
        theirs = source_figures(session, Source(other.id), reveal_confidential=False)
        compared = comparison_of(other, theirs)
    seed = seed_funding_summaries(session, baseline.as_of.year)
    return key_messages(key_facts(figures, baseline.as_of, compared, seed_funding=seed))


def quarter_messages(
    session: Session,
    figures: Figures,
    as_of: dt.date,
    baseline: Baseline | None,
    baseline_figures: Figures | None,
    entity: str | None,
) -> list[str]:
    """Write a quarter's key messages from the figures its report shows, compared with the
    baseline (and its figures) that the report compares with, when there is one.

    `as_of` is the date of the state the figures are: today for the live portfolio, the
    baseline's date for a frozen one; never a period's end over live figures.

    A per-entity report leaves the needs sentence out until its needs figures are the entity's
    own (the needs query counts every project's links today).
    """
    compared = None
    if baseline is not None and baseline_figures is not None:
        compared = comparison_of(baseline, baseline_figures)
    seed = seed_funding_summaries(session, as_of.year) if entity is None else ()
    facts = key_facts(figures, as_of, compared, entity, entity is None, seed)
    return key_messages(facts)
