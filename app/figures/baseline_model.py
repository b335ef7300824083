"""Build the baseline report's one model (reports.baseline_content) from aggregate queries.

Every format (page, PDF, CSV, XLSX, JSON, API) renders the object this module returns, so a
figure is computed once. A frozen baseline never changes and its hash covers its label, date
and rows, so its model (without comparison and issue date) is kept per process by that hash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.orm import Session

from app import shared_cache
from app.baselines.services import forget_verified, intact_baseline
from app.figures import section_queries, sections
from app.figures.baseline_changes import changes
from app.figures.data_source import Source
from app.figures.headline_figures import Figures, source_figures
from app.figures.key_facts import model_messages
from app.figures.seed_funding import seed_funding_summaries
from app.lru import Kept
from app.marks import N_
from app.models.baselines import Baseline
from indicators.i18n import locale
from indicators.portfolio import Count
from indicators.shares import share_pct
from indicators.types import Pillar, ProjectStatus, Scope
from reports import baseline_content as b

# A headline figure read from a source's figures: key, label, getter, kind.
Getter = Callable[[Figures], b.Number]
HEADLINES: tuple[tuple[str, str, Getter, str], ...] = (
    ("projects", N_("Projects in the portfolio"), lambda f: f.portfolio.projects, b.COUNT),
    ("implementing_entities", N_("Implementing entities"),
     lambda f: f.portfolio.implementing_entities, b.COUNT),
    ("budget_usd", N_("Budget, total (US$)"), lambda f: f.portfolio.budget_total, b.MONEY),
    ("budget_active_usd", N_("Budget of active projects (US$)"),
     lambda f: f.portfolio.budget_active, b.MONEY),
    ("budget_completed_usd", N_("Budget of completed projects (US$)"),
     lambda f: f.portfolio.budget_completed, b.MONEY),
    ("funded_usd", N_("Funded, active projects (US$)"), lambda f: f.portfolio.funded, b.MONEY),
    ("shortfall_usd", N_("Funding shortfall (US$)"), lambda f: f.portfolio.shortfall, b.MONEY),
    ("shortfall_pct_of_active", N_("Shortfall, share of active budget (%)"),
     lambda f: f.portfolio.shortfall_pct_of_active, b.PCT),
    ("in_multi_year_appeal", N_("Projects in the Multi-Year Appeal"),
     lambda f: f.portfolio.in_multi_year_appeal, b.COUNT),
    ("cted_needs", N_("CTED needs identified"), lambda f: f.needs.total, b.COUNT),
    ("cted_needs_addressed", N_("CTED needs addressed"), lambda f: f.needs.addressed, b.COUNT),
    ("cted_needs_coverage_pct", N_("CTED needs addressed, %"),
     lambda f: f.needs.coverage_pct, b.PCT),
)  # fmt: skip
SCOPE_LABELS = {
    Scope.GLOBAL.value: N_("Global"),
    Scope.INTERREGIONAL.value: N_("Interregional"),
    Scope.REGIONAL.value: N_("Regional"),
    Scope.NATIONAL.value: N_("National"),
}
STATUS_LABELS = {
    ProjectStatus.PIPELINE.value: N_("New or under development (pipeline)"),
    ProjectStatus.ONGOING.value: N_("Ongoing"),
    ProjectStatus.SUSPENDED.value: N_("Suspended"),
    ProjectStatus.COMPLETED.value: N_("Completed"),
}

_CACHE = Kept(32)


def baseline_model(
    session: Session,
    label: str,
    compare_label: str | None = None,
    reveal_confidential: bool = False,
    today: dt.date | None = None,
) -> b.BaselineModel:
    """Return a baseline's report, compared with another baseline when a label is given."""
    baseline = intact_baseline(session, label)
    model = frozen_model(session, baseline, reveal_confidential)
    comparison = None
    if compare_label is not None:
        other = intact_baseline(session, compare_label)
        theirs = frozen_model(session, other, reveal_confidential)
        comparison = changes(session, (baseline, model), (other, theirs))
    model = replace(model, issue_date=today or dt.date.today(), comparison=comparison)
    return replace(model, key_messages=model_messages(model))


def frozen_model(session: Session, baseline: Baseline, reveal: bool) -> b.BaselineModel:
    """Return a baseline's model without comparison, computed once per hash."""
    key = (baseline.content_hash, reveal, locale())  # its labels are in the current language
    header = b.BaselineModel(
        title=f"Baseline {baseline.label}",
        label=baseline.label,
        as_of=baseline.as_of,
        frozen_on=baseline.created_at.date(),
        sha256=baseline.content_hash,
        issue_date=dt.date.today(),
        headlines=(),
    )

    def compute() -> b.BaselineModel:  # shared by the processes when set (app/shared_cache.py)
        return shared_cache.get(
            ("baseline_model", key), lambda: _compute(session, Source(baseline.id), header, reveal)
        )

    return _CACHE.get(key, compute)


def clear_cache() -> None:
    """Forget every cached baseline's model and which baselines were verified (benchmarks and
    tests): the next load of a baseline checks its hash again."""
    _CACHE.clear()
    forget_verified()


def live_model(session: Session, reveal: bool, today: dt.date | None = None) -> b.BaselineModel:
    """Return the live portfolio's report: the same tables, as of today, with no hash."""
    day = today or dt.date.today()
    header = b.BaselineModel("Live portfolio", "live portfolio", day, day, "", day, ())
    model = _compute(session, Source(None), header, reveal)
    return replace(model, key_messages=model_messages(model))


def _compute(
    session: Session, source: Source, header: b.BaselineModel, reveal: bool
) -> b.BaselineModel:
    figures = source_figures(session, source, reveal)
    f = figures.portfolio
    return replace(
        header,
        headlines=[b.Figure(k, label, get(figures), kind) for k, label, get, kind in HEADLINES],
        by_pillar=_shares(f.by_pillar, {p.value: f"Pillar {p.value}" for p in Pillar}),
        pillars=sections.pillars(session, source),
        entity_pillar=_entity_pillar(session, source),
        by_scope=_shares(f.by_scope, SCOPE_LABELS),
        by_status=_shares(f.by_status, STATUS_LABELS),
        finance=b.Finance(
            f.budget_total,
            f.budget_active,
            f.budget_completed,
            f.funded,
            f.shortfall,
            f.shortfall_pct_of_active,
        ),  # fmt: skip
        funding=sections.funding(session, source),
        coverage=sections.coverage(figures.needs),
        gender=sections.gender(session, source),
        seed_funding=seed_funding_summaries(session, header.as_of.year),
        pve=[
            b.PveRow(n, name, count, share_pct(count, f.projects))
            for n, name, count in section_queries.pve_rows(session, source)
        ],
    )


def _shares(counts: dict[str, Count], labels: dict[str, str]) -> list[b.ShareRow]:
    return [b.ShareRow(k, labels.get(k, k), c.count, c.share_pct) for k, c in counts.items()]


def _entity_pillar(session: Session, source: Source) -> list[b.EntityPillarRow]:
    order = [p.value for p in Pillar]
    counts: dict[str, list[int]] = {}
    for entity, pillar, n in section_queries.entity_pillar_rows(session, source):
        counts.setdefault(entity, [0, 0, 0, 0])[order.index(pillar)] += n
    rows = [b.EntityPillarRow(e, (c[0], c[1], c[2], c[3])) for e, c in counts.items()]
    return sorted(rows, key=lambda r: (-r.total, r.entity))
