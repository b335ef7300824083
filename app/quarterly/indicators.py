"""The indicator rows of the quarterly report's pillar sections.

Compact-wide: each outcome indicator on its own row, then the output indicators rolled up to
their outcome (or, when not linked to one, to their pillar) by unit and measure, each roll-up
named by what it adds up and how many projects contribute. For one entity: that entity's output
indicators one by one. Every row carries its last quarters (`app.quarterly.iptt`).
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.figures.indicator_queries import IndicatorFigures, indicator_figures
from app.figures.indicator_rollup import Group, Rolled, output_groups
from app.models.logframe import Outcome
from app.quarterly.iptt import group_key, history
from indicators.achievement import assess
from indicators.periods import PeriodKey
from indicators.types import Measure
from reports import content as m
from reports.formatting import fmt_measured

HOW = {
    Measure.NUMBER: "summed",
    Measure.PERCENTAGE: "combined as total numerator over total denominator",
    Measure.QUALITATIVE: "listed with the latest approved text",
    Measure.RATIO: "combined as total numerator over total denominator (a ratio, not a share)",
}
QUALITATIVE = "qualitative: its latest approved text is shown, not scored"
NOTHING_COUNTED = "no output indicator has an approved value, a baseline and a target"


def pillar_indicator_rows(
    session: Session, period: PeriodKey, entity: str | None
) -> dict[str, list[m.IndicatorLine]]:
    """Return the indicator rows of each pillar, by pillar code."""
    found: dict[str, list[m.IndicatorLine]] = defaultdict(list)
    past = history(session, period, entity)
    for f in indicator_figures(session, period, entity, outcomes_only=not entity):
        found[f.pillar].append(indicator_row(f, past.by_indicator.get(f.id, ())))
    if entity:
        return found
    codes: dict[int, str] = {i: c for i, c in session.execute(select(Outcome.id, Outcome.code))}
    groups = output_groups(session, period)
    groups.sort(key=lambda g: (g.outcome_id is None, codes.get(g.outcome_id or -1, ""), g.unit))
    for group in groups:
        cells = past.by_group.get(group_key(group), ())
        found[group.pillar].append(group_row(group, codes.get(group.outcome_id or -1), cells))
    return found


def indicator_row(f: IndicatorFigures, iptt: tuple[m.IpttCell, ...] = ()) -> m.IndicatorLine:
    """Show one indicator's figures."""
    # The renderer labels it "Submitted, not yet approved"; it never counts as an actual.
    pending = None if f.pending is None else fmt_measured(f.pending, f.measure)
    source = f"approved for the quarter ending {f.text_as_of}" if f.text_as_of else None
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
        measure=f.measure,
        target_to_date=f.target_to_date,
        target_basis=f.target_basis,
        latest_text=f.latest_text,
        text_source=source,
        reason=f.reason,
        iptt=iptt,
    )


def group_row(
    group: Group, outcome_code: str | None, iptt: tuple[m.IpttCell, ...] = ()
) -> m.IndicatorLine:
    """Show a roll-up over its counted members: the figures shown are the ones assessed."""
    figures = Rolled(group)
    ratio, status = assess(figures.actual, figures.baseline, figures.to_date)
    text, source = _latest_text(group)
    return m.IndicatorLine(
        code=outcome_code or f"Pillar {group.pillar}",
        name=rollup_name(group),
        unit=group.unit,
        baseline=figures.baseline,
        life_target=figures.life,
        period_target=None,
        actual=figures.actual,
        achievement_pct=None if ratio is None else ratio * 100,
        status=status,
        members=_members(group, outcome_code),
        measure=group.measure.value,
        target_to_date=figures.to_date,
        target_basis="to date" if figures.to_date is not None else None,
        latest_text=text,
        text_source=source,
        reason=_reason(group, figures) if ratio is None else None,
        projects=group.projects,
        iptt=iptt,
    )


def rollup_name(group: Group) -> str:
    """Name a roll-up by what it adds up: "Officials trained (persons), 12 projects"."""
    first, _, distinct = group.names
    what = (
        first
        if distinct <= 1
        else f"{first} and {distinct - 1} other " + _noun(distinct - 1, "indicator")
    )
    if not group.projects:
        return f"{what} ({group.unit}), no project counted yet"
    return f"{what} ({group.unit}), {group.projects:,} {_noun(group.projects, 'project')}"


def _noun(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


def _members(group: Group, outcome_code: str | None) -> str:
    under = f"outcome {outcome_code}" if outcome_code else f"pillar {group.pillar}, no outcome"
    text = f"{group.count:,} output {_noun(group.count, 'indicator')} of {under}, "
    text += HOW[group.measure]
    if group.measure is Measure.QUALITATIVE:
        return text + f"; {group.texts:,} with an approved text"
    left_out = group.count - group.complete
    if left_out:
        text += f"; {left_out:,} not counted (no approved value, baseline or target)"
    return text


def _latest_text(group: Group) -> tuple[str | None, str | None]:
    if group.measure is not Measure.QUALITATIVE or not group.latest_text:
        return None, None
    day, code, text = group.latest_text.split("|", 2)
    return text, f"newest of {group.texts:,}: {code}, approved for the quarter ending {day}"


def _reason(group: Group, figures: Rolled) -> str:
    if group.measure is Measure.QUALITATIVE:
        return QUALITATIVE
    if group.complete == 0:
        return NOTHING_COUNTED
    return "target equals baseline" if figures.to_date == figures.baseline else NOTHING_COUNTED
