"""Reversing a comparison reverses it: added and removed swap, transitions run backwards, and
every headline delta changes sign (the baseline report's "this minus the comparison" rule)."""

from __future__ import annotations

from hypothesis import given

from indicators.compare import changes
from indicators.portfolio import ProjectFacts, portfolio_figures
from reports.baseline_content import FigureDelta
from tests.indicators.strategies import portfolios


def statuses(projects: list[ProjectFacts]) -> dict[str, str]:
    return {p.code: p.status for p in projects}


@given(portfolios(), portfolios())
def test_reversing_swaps_added_and_removed(this: list[ProjectFacts], other: list[ProjectFacts]):
    forward = changes(statuses(other), statuses(this))
    reverse = changes(statuses(this), statuses(other))
    assert forward.added == reverse.removed and forward.removed == reverse.added
    assert forward.carried_over == reverse.carried_over
    assert reverse.status_changes == {
        "->".join(key.split("->")[::-1]): n for key, n in forward.status_changes.items()
    }
    mine, theirs = portfolio_figures(this), portfolio_figures(other)
    assert len(forward.added) - len(forward.removed) == mine.projects - theirs.projects


@given(portfolios(), portfolios())
def test_every_delta_changes_sign(this: list[ProjectFacts], other: list[ProjectFacts]):
    a, b = portfolio_figures(this), portfolio_figures(other)
    for name in ("projects", "budget_total", "funded", "shortfall", "shortfall_pct_of_active"):
        forward = FigureDelta(name, name, getattr(a, name), getattr(b, name))
        reverse = FigureDelta(name, name, getattr(b, name), getattr(a, name))
        assert forward.change == -reverse.change
