"""Compare two portfolios: an older baseline against a newer baseline or the live portfolio.

Projects are matched by code. The portfolio of each side excludes cancelled projects, so:
``added`` are in the new portfolio but not the old one (absent or cancelled there); ``removed``
are in the old portfolio but not the new one (absent, or cancelled since); ``carried_over`` are
in both. Hence added - removed = new projects - old projects, and carried_over + removed = old
projects. ``status_changes`` counts "old->new" for every project present in both lists whose
status changed, cancellations included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from indicators.coverage import addressed_codes
from indicators.deltas import Delta, delta
from indicators.portfolio import Json, PortfolioFigures, ProjectFacts, money, portfolio_figures
from indicators.types import ProjectStatus

HEADLINES = (
    "projects",
    "budget_usd",
    "funded_usd",
    "shortfall_usd",
    "in_multi_year_appeal",
    "cted_needs_addressed",
)


@dataclass(frozen=True)
class Comparison:
    """What changed between two portfolios; codes are sorted, deltas keyed by ``HEADLINES``."""

    old: PortfolioFigures
    new: PortfolioFigures
    added: tuple[str, ...]
    removed: tuple[str, ...]
    carried_over: tuple[str, ...]
    status_changes: dict[str, int]
    delta: dict[str, Delta]


@dataclass(frozen=True)
class Changes:
    """Which projects were added, removed and carried over, and how statuses moved."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    carried_over: tuple[str, ...]
    status_changes: dict[str, int]


def changes(old: Mapping[str, str], new: Mapping[str, str]) -> Changes:
    """Compare two portfolios given as project code -> status (cancelled projects included)."""
    cancelled = ProjectStatus.CANCELLED.value
    old_codes = {code for code, status in old.items() if status != cancelled}
    new_codes = {code for code, status in new.items() if status != cancelled}
    moved = Counter(
        f"{old[code]}->{new[code]}" for code in old.keys() & new.keys() if old[code] != new[code]
    )
    return Changes(
        added=tuple(sorted(new_codes - old_codes)),
        removed=tuple(sorted(old_codes - new_codes)),
        carried_over=tuple(sorted(old_codes & new_codes)),
        status_changes=dict(sorted(moved.items())),
    )


def by_code(projects: Iterable[ProjectFacts]) -> dict[str, ProjectFacts]:
    """Index projects by code, refusing a code that appears twice."""
    index: dict[str, ProjectFacts] = {}
    for project in projects:
        if project.code in index:
            raise ValueError(f"project code {project.code} appears twice")
        index[project.code] = project
    return index


def headline_deltas(
    old: PortfolioFigures, new: PortfolioFigures, old_needs: int, new_needs: int
) -> dict[str, Delta]:
    """Return the delta of every headline figure, keyed by ``HEADLINES``."""
    return {
        "projects": delta(old.projects, new.projects),
        "budget_usd": delta(old.budget_total, new.budget_total),
        "funded_usd": delta(old.funded, new.funded),
        "shortfall_usd": delta(old.shortfall, new.shortfall),
        "in_multi_year_appeal": delta(old.in_multi_year_appeal, new.in_multi_year_appeal),
        "cted_needs_addressed": delta(old_needs, new_needs),
    }


def compare(old: Iterable[ProjectFacts], new: Iterable[ProjectFacts]) -> Comparison:
    """Compare an older portfolio with a newer one, project by project and figure by figure."""
    old_index, new_index = by_code(old), by_code(new)
    moved = changes(
        {code: p.status for code, p in old_index.items()},
        {code: p.status for code, p in new_index.items()},
    )
    old_figures = portfolio_figures(old_index.values())
    new_figures = portfolio_figures(new_index.values())
    old_needs = len(addressed_codes(old_index.values()))
    new_needs = len(addressed_codes(new_index.values()))
    return Comparison(
        old=old_figures,
        new=new_figures,
        added=moved.added,
        removed=moved.removed,
        carried_over=moved.carried_over,
        status_changes=moved.status_changes,
        delta=headline_deltas(old_figures, new_figures, old_needs, new_needs),
    )


def to_contract_dict(result: Comparison, label: str) -> dict[str, Json]:
    """Return the CONTRACT section 4 "compare" object; money deltas as int when whole."""
    deltas: dict[str, Json] = {}
    for name, change in result.delta.items():
        deltas[name] = None if change.absolute is None else money(change.absolute)
    return {
        "label": label,
        "projects": result.old.projects,
        "added": len(result.added),
        "removed": len(result.removed),
        "carried_over": len(result.carried_over),
        "status_changes": dict(result.status_changes),
        "delta": deltas,
    }
