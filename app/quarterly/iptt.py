"""The indicator tracking table: each row's target to date and actual as of the last quarters.

One aggregate query per quarter for the indicators shown one by one (outcome indicators, or one
entity's), and one for the roll-ups of all the quarters together (`indicator_history`): never a
query per row, whatever the size of the portfolio.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.figures.indicator_history import group_history
from app.figures.indicator_queries import indicator_figures
from app.figures.indicator_rollup import Group, Rolled
from indicators.aggregate import unit_key
from indicators.periods import PeriodKey
from reports.content import IPTT_QUARTERS, IpttCell

GroupKey = tuple[Any, ...]


@dataclass
class History:
    """The cells of the last quarters, oldest first, by indicator id and by roll-up key."""

    by_indicator: dict[int, tuple[IpttCell, ...]] = field(default_factory=dict)
    by_group: dict[GroupKey, tuple[IpttCell, ...]] = field(default_factory=dict)


def last_quarters(period: PeriodKey, count: int = IPTT_QUARTERS) -> list[PeriodKey]:
    """Return the `count` quarters ending with `period`, oldest first."""
    found = [period]
    while len(found) < count:
        found.append(found[-1].previous())
    return found[::-1]


def group_key(group: Group) -> GroupKey:
    """Return what identifies a roll-up from one quarter to the next."""
    return (group.pillar, group.outcome_id, unit_key(group.unit), group.measure)


def history(session: Session, period: PeriodKey, entity: str | None) -> History:
    """Return every row's target to date and approved actual to date for the last quarters."""
    singles: dict[int, list[IpttCell]] = defaultdict(list)
    groups: dict[GroupKey, list[IpttCell]] = defaultdict(list)
    quarters = last_quarters(period)
    for quarter in quarters:
        for f in indicator_figures(session, quarter, entity, outcomes_only=not entity):
            singles[f.id].append(IpttCell(str(quarter), f.target_to_date, f.actual))
    if not entity:
        for quarter, found in zip(quarters, group_history(session, quarters), strict=True):
            for g in found.values():
                rolled = Rolled(g)
                groups[group_key(g)].append(IpttCell(str(quarter), rolled.to_date, rolled.actual))
    return History(
        {k: _filled(v, period) for k, v in singles.items()},
        {k: _filled(v, period) for k, v in groups.items()},
    )


def _filled(cells: list[IpttCell], period: PeriodKey) -> tuple[IpttCell, ...]:
    """Give every quarter a cell, empty where the row had none (a roll-up that did not exist)."""
    have = {c.period_key: c for c in cells}
    return tuple(have.get(str(q), IpttCell(str(q), None, None)) for q in last_quarters(period))
