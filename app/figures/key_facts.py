"""The figures the key messages are written from (`reports.messages.KeyFacts`), from the app's.

A baseline report's sentences are mapped from its one model (`reports.baseline_content`), a
quarter's from the same `Figures` its tables show, so a sentence can never say other than the
tables beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from app.figures.headline_figures import Figures
from app.figures.seed_funding import seed_funding_summaries
from app.models.baselines import Baseline
from indicators.portfolio import Count
from reports.baseline_content import BaselineModel
from reports.content import PortfolioState, SeedFundingSection
from reports.messages import Comparison, KeyFacts, Needs, key_messages


class QuarterFigures(Protocol):
    """What a quarter's headlines hold (app.quarterly.build.Headlines): its state and figures,
    and the baseline it compares with and that baseline's figures."""

    @property
    def state(self) -> PortfolioState: ...
    @property
    def current(self) -> Figures: ...
    @property
    def compared_with(self) -> PortfolioState | None: ...
    @property
    def compared(self) -> Figures | None: ...


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


def model_messages(model: BaselineModel) -> list[str]:
    """Write a baseline report's key messages from its one model: the figures every format of
    it shows (headlines, shares, finance, seed funding, and the comparison when it has one)."""
    return key_messages(model_facts(model))


def model_facts(model: BaselineModel) -> KeyFacts:
    """Map a baseline report's model to the key messages' input (no query: it is all there)."""

    def count(key: str) -> int:
        return int(model.headline(key).value)

    finance = model.finance
    if finance is None:
        raise ValueError(f"baseline {model.label!r}: the report has no finance figures")
    cmp = model.comparison
    return KeyFacts(
        as_of=model.as_of,
        projects=count("projects"),
        implementing_entities=count("implementing_entities"),
        by_pillar={row.key: row.count for row in model.by_pillar},
        by_scope={row.key: row.count for row in model.by_scope},
        by_status={row.key: row.count for row in model.by_status},
        budget_total=finance.budget_total,
        budget_active=finance.budget_active,
        budget_completed=finance.budget_completed,
        funded=finance.funded,
        shortfall=finance.shortfall,
        in_multi_year_appeal=count("in_multi_year_appeal"),
        needs=Needs(count("cted_needs"), count("cted_needs_addressed")),
        comparison=Comparison(cmp.label, cmp.as_of, cmp.projects) if cmp else None,
        seed_funding=model.seed_funding,
    )


def quarter_messages(session: Session, top: QuarterFigures, entity: str | None) -> list[str]:
    """Write a quarter's key messages from the figures its report shows: those of the state the
    report takes (dated by that state: a baseline's as-of date, or today for the live portfolio,
    never a quarter's end over live figures), compared with the baseline its change column names.
    """
    compared = None
    other, theirs = top.compared_with, top.compared
    if other is not None and other.baseline is not None and theirs is not None:
        compared = Comparison(other.baseline, other.as_of, theirs.portfolio.projects)
    as_of = top.state.as_of
    seed = seed_funding_summaries(session, as_of.year) if entity is None else ()
    return key_messages(key_facts(top.current, as_of, compared, entity, seed_funding=seed))
