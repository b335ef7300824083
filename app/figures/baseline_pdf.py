"""The baseline report as a PDF: headline figures and, optionally, the comparison in detail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.baselines.services import get_baseline
from app.figures.baseline_report import baseline_report
from app.figures.data_source import Source
from app.figures.key_facts import baseline_messages
from app.figures.queries import project_facts
from app.models.baselines import Baseline, BaselineProject
from indicators import compare
from indicators.portfolio import ProjectFacts
from indicators.types import ProjectStatus
from reports import content as m
from reports.pdf.baseline import render_baseline

FIGURES = (
    ("Projects in the portfolio", ("projects",)),
    ("Implementing entities", ("implementing_entities",)),
    ("Budget, total (US$)", ("budget_usd", "total")),
    ("Budget of active projects (US$)", ("budget_usd", "active")),
    ("Budget of completed projects (US$)", ("budget_usd", "completed")),
    ("Funded, active projects (US$)", ("funded_usd",)),
    ("Funding shortfall (US$)", ("shortfall_usd",)),
    ("Shortfall, % of active budget", ("shortfall_pct_of_active",)),
    ("In the Multi-Year Appeal", ("in_multi_year_appeal",)),
    ("CTED needs", ("cted_needs", "total")),
    ("CTED needs addressed", ("cted_needs", "addressed")),
)


def _get(figures: dict[str, Any], path: tuple[str, ...]) -> str | Decimal | int:
    """Return the figure at a path of the report's nested keys."""
    value: Any = figures
    for key in path:
        value = value[key]
    if not isinstance(value, str | Decimal | int):
        raise TypeError(f"{'.'.join(path)} is not a figure: {value!r}")
    return value


def baseline_pdf(session: Session, label: str, compare_label: str | None) -> bytes:
    """Render a baseline's figures, and its comparison with another baseline, as a PDF."""
    baseline = get_baseline(session, label)
    figures = baseline_report(session, label)
    headlines = [m.SummaryFigure(name, _get(figures, path)) for name, path in FIGURES]
    comparison, other = None, None
    if compare_label is not None:
        other = get_baseline(session, compare_label)
        comparison = _comparison(session, baseline, other, figures)
    return render_baseline(
        m.BaselineReport(
            title=f"Baseline {baseline.label}",
            label=baseline.label,
            as_of=baseline.as_of,
            frozen_on=baseline.created_at.date(),
            sha256=baseline.content_hash,
            issue_date=dt.date.today(),
            headlines=headlines,
            comparison=comparison,
            key_messages=baseline_messages(session, baseline, other),
        )
    )


def _comparison(
    session: Session,
    baseline: Baseline,
    other: Baseline,
    figures: dict[str, Any],
) -> m.BaselineComparison:
    theirs = baseline_report(session, other.label)
    mine_facts = project_facts(session, Source(baseline.id))
    their_facts = project_facts(session, Source(other.id))
    old, new = (
        (their_facts, mine_facts) if other.as_of <= baseline.as_of else (mine_facts, their_facts)
    )
    result = compare.compare(old, new)
    refs = _refs(session, (baseline.id, other.id))
    deltas = [
        m.FigureChange(
            name,
            _get(figures, path),
            _get(theirs, path),
            _signed(Decimal(str(_get(figures, path))) - Decimal(str(_get(theirs, path)))),
        )
        for name, path in FIGURES
    ]
    changes = _status_changes(old, new, refs)
    return m.BaselineComparison(
        against_label=f"baseline {other.label}",
        added=[refs[c] for c in result.added],
        removed=[refs[c] for c in result.removed],
        carried_over=len(result.carried_over),
        status_changes=changes,
        deltas=deltas,
    )


def _signed(value: Decimal) -> str:
    return f"+{value:,}" if value > 0 else f"{value:,}"


def _refs(session: Session, baseline_ids: tuple[int, int]) -> dict[str, m.ProjectRef]:
    stmt = select(BaselineProject.code, BaselineProject.title, BaselineProject.entity).where(
        BaselineProject.baseline_id.in_(baseline_ids)
    )
    return {
        code: m.ProjectRef(code, title, entity) for code, title, entity in session.execute(stmt)
    }


def _status_changes(
    old: Iterable[ProjectFacts], new: Iterable[ProjectFacts], refs: dict[str, m.ProjectRef]
) -> list[m.StatusChange]:
    before = {f.code: f.status for f in old}
    return [
        m.StatusChange(
            f.code, refs[f.code].title, ProjectStatus(before[f.code]), ProjectStatus(f.status)
        )
        for f in new
        if f.code in before and before[f.code] != f.status
    ]
