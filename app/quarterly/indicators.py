"""The indicator rows of the quarterly report's pillar sections.

Compact-wide: each outcome indicator on its own row, then the output indicators rolled up to
their outcome (or, when not linked to one, to their pillar) by unit and measure. For one
entity: that entity's output indicators one by one.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.figures.indicator_queries import IndicatorFigures, indicator_figures
from app.figures.indicator_rollup import Group, output_groups
from app.models.logframe import Outcome
from indicators.achievement import assess
from indicators.periods import PeriodKey
from indicators.types import AchievementStatus, Measure
from reports import content as m

HOW = {
    Measure.NUMBER: "summed",
    Measure.PERCENTAGE: "combined as total numerator over total denominator",
    Measure.QUALITATIVE: "listed, not summed",
}


def pillar_indicator_rows(
    session: Session, period: PeriodKey, entity: str | None
) -> dict[str, list[m.IndicatorLine]]:
    """Return the indicator rows of each pillar, by pillar code."""
    found: dict[str, list[m.IndicatorLine]] = defaultdict(list)
    for f in indicator_figures(session, period, entity, outcomes_only=not entity):
        found[f.pillar].append(indicator_row(f))
    if entity:
        return found
    codes: dict[int, str] = {i: c for i, c in session.execute(select(Outcome.id, Outcome.code))}
    groups = output_groups(session, period)
    groups.sort(key=lambda g: (g.outcome_id is None, codes.get(g.outcome_id or -1, ""), g.unit))
    for group in groups:
        found[group.pillar].append(group_row(group, codes.get(group.outcome_id or -1)))
    return found


def indicator_row(f: IndicatorFigures) -> m.IndicatorLine:
    """Show one indicator's figures."""
    # The renderer labels it "Submitted, not yet approved"; it never counts as an actual.
    pending = None if f.pending is None else format(f.pending.normalize(), "f")
    return m.IndicatorLine(
        code=f.code,
        name=f.name,
        unit=f.unit,
        baseline=f.baseline,
        life_target=f.life_target,
        period_target=f.period_target,
        actual=f.actual,
        achievement_pct=None if f.achievement is None else f.achievement * 100,
        status=f.status,
        pending=pending,
    )


def group_row(group: Group, outcome_code: str | None) -> m.IndicatorLine:
    """Show a roll-up: targets and baselines summed for numbers only, how many it combines."""
    number = group.measure is Measure.NUMBER
    ratio, status = None, AchievementStatus.NOT_ASSESSED
    if number and group.complete == group.count:
        ratio, status = assess(group.actual, group.sums["baseline"], group.sums["yardstick"])
    return m.IndicatorLine(
        code=outcome_code or f"Pillar {group.pillar}",
        name="Output indicators of this outcome"
        if outcome_code
        else "Output indicators not linked to an outcome",
        unit=group.unit,
        baseline=group.sums["baseline"] if number else None,
        life_target=group.sums["life_target"] if number else None,
        period_target=group.sums["period_target"] if number else None,
        actual=group.actual,
        achievement_pct=None if ratio is None else ratio * 100,
        status=status,
        members=_members(group),
    )


def _members(group: Group) -> str:
    noun = "output indicator" if group.count == 1 else "output indicators"
    text = f"{group.count:,} {noun}, {HOW[group.measure]}"
    if group.missing:
        text += f"; {group.missing:,} without an approved value"
    return text
