"""Output indicators rolled up per (pillar, outcome, unit, measure) by GROUP BY, then by unit key.

The rules are those of `indicators.aggregate.roll_up`: numbers add up, percentages combine
numerators and denominators (never percentages), qualitative indicators are counted, never
summed. SQL groups on the stored unit; Python then merges units that differ only in case or
spacing (`unit_key`), so its work is proportional to the number of groups.

A row shows and assesses the members it counts: those with an approved value, a baseline and
a target (to date, else the life target). Percentages weight each counted member's baseline and
targets by its own denominator, so the combined target is a combined numerator over the same
denominator as the combined actual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.figures.indicator_queries import parts_figure
from app.figures.indicator_sql import STATEMENTS_KEPT, indicator_select
from app.models.logframe import Indicator
from indicators.aggregate import unit_key
from indicators.periods import PeriodKey
from indicators.types import PARTS_MEASURES, Measure

SUMMED = ("value", "num", "den", "baseline", "life_target", "period_target", "yardstick")
# Over the counted members only (an approved value, a baseline and a target): the figures the
# row shows and assesses. Percentages weight each member's baseline and targets by its own
# denominator ("w_"), so that the combined target is a combined numerator over a denominator.
COUNTED = ("c_value", "c_num", "c_den", "c_baseline", "c_yardstick", "c_life", "c_life_n")


@dataclass
class Group:
    """The output indicators of one pillar and outcome (or none) sharing a unit and a measure."""

    pillar: str
    outcome_id: int | None
    unit: str
    measure: Measure
    count: int
    usable: int
    complete: int
    sums: dict[str, Decimal | None]
    counted: dict[str, Decimal | None] = field(default_factory=dict)
    projects: int = 0  # distinct projects among the counted members (qualitative: with a text)
    names: tuple[str, str, int] = ("", "", 0)  # first and last name, how many distinct
    latest_text: str | None = None  # "YYYY-MM-DD|CODE|text" of the newest approved text
    texts: int = 0  # qualitative members with an approved text

    @property
    def actual(self) -> Decimal | None:
        """Return the sum for numbers, the combined percentage for percentages, else None."""
        if self.measure in PARTS_MEASURES:
            return self.parts(self.sums["num"], self.sums["den"]) if self.usable else None
        return self.sums["value"] if self.measure is Measure.NUMBER and self.usable else None

    @property
    def missing(self) -> int:
        """Return how many numbers or percentages had no usable figure."""
        return 0 if self.measure is Measure.QUALITATIVE else self.count - self.usable

    def parts(self, num: Decimal | None, den: Decimal | None) -> Decimal | None:
        """Return combined parts as this group's figure: a share in percent, or a ratio."""
        return parts_figure(self.measure.value, num, den)

    def shown(self, name: str) -> Decimal | None:
        """Return a counted figure as the row shows it: percentages divided back by weight."""
        value = self.counted.get(name)
        if self.measure not in PARTS_MEASURES or value is None:
            return value
        den = self.counted.get("c_den")
        return None if not den else value / den


class Rolled:
    """A roll-up's figures over its counted members (all None when none is counted)."""

    def __init__(self, group: Group) -> None:
        """Read the counted sums of a group."""
        counted = group.complete > 0 and group.measure is not Measure.QUALITATIVE
        pct = group.measure in PARTS_MEASURES
        life_all = counted and group.counted.get("c_life_n") == group.complete
        self.baseline = group.shown("c_baseline") if counted else None
        self.to_date = group.shown("c_yardstick") if counted else None
        self.life = group.shown("c_life") if life_all else None
        if not counted:
            self.actual: Decimal | None = group.actual
        elif pct:
            self.actual = group.parts(group.counted["c_num"], group.counted["c_den"])
        else:
            self.actual = group.counted["c_value"]


@lru_cache(maxsize=STATEMENTS_KEPT)
def _group_select(period: PeriodKey) -> Any:
    """Select the output indicators rolled up per pillar, outcome, unit and measure (built
    once per period and kept, as `indicator_select` is)."""
    ind = indicator_select(period).where(Indicator.outcome_id.is_(None)).subquery()
    to_date = ind.c.to_date
    yard = case((or_(to_date.is_(None), to_date == 0), ind.c.life_target), else_=to_date)
    keys = (ind.c.pillar, ind.c.parent_outcome, ind.c.unit, ind.c.measure)
    return select(
        *keys, *_total_columns(ind, yard), *_counted_columns(ind, yard), *_label_columns(ind)
    ).group_by(*keys)


def _total_columns(ind: Any, yard: Any) -> list[Any]:
    """Sums over every member: what `roll_up` computes (tests check them against each other)."""
    number = ind.c.measure == Measure.NUMBER.value
    usable = case((number, ind.c.value), else_=ind.c.num)
    return [
        func.count().label("count"),
        func.count(usable).label("usable"),
        func.sum(case((number, ind.c.value))).label("value"),
        func.sum(ind.c.num).label("num"),
        func.sum(ind.c.den).label("den"),
        func.sum(ind.c.baseline).label("baseline"),
        func.sum(ind.c.life_target).label("life_target"),
        func.sum(ind.c.period_target).label("period_target"),
        func.sum(yard).label("yardstick"),
    ]


def _counted_columns(ind: Any, yard: Any) -> list[Any]:
    """Sums over the counted members (an approved value, a baseline and a target to judge by)."""
    number = ind.c.measure == Measure.NUMBER.value
    pct = ind.c.measure.in_([m.value for m in PARTS_MEASURES])
    known = and_(ind.c.baseline.is_not(None), yard.is_not(None))
    pair = and_(ind.c.num.is_not(None), ind.c.den.is_not(None))
    counted = and_(known, or_(and_(number, ind.c.value.is_not(None)), and_(pct, pair)))
    weight = case((pct, ind.c.den), else_=1)
    life_known = and_(counted, ind.c.life_target.is_not(None))
    has_text = and_(ind.c.measure == Measure.QUALITATIVE.value, ind.c.last_text.is_not(None))
    contributing = case((or_(counted, has_text), ind.c.project_id))
    return [
        func.sum(case((and_(counted, number), ind.c.value))).label("c_value"),
        func.sum(case((and_(counted, pct), ind.c.num))).label("c_num"),
        func.sum(case((and_(counted, pct), ind.c.den))).label("c_den"),
        func.sum(case((counted, ind.c.baseline * weight))).label("c_baseline"),
        func.sum(case((counted, yard * weight))).label("c_yardstick"),
        func.sum(case((counted, ind.c.life_target * weight))).label("c_life"),
        func.sum(case((life_known, 1), else_=0)).label("c_life_n"),
        func.sum(case((counted, 1), else_=0)).label("n_counted"),
        func.count(func.distinct(contributing)).label("projects"),
        func.count(case((has_text, 1))).label("texts"),
    ]


def _label_columns(ind: Any) -> list[Any]:
    """What names the row: the indicators' names and the newest approved text with its code."""
    text = ind.c.last_text
    tag = func.substr(text, 1, 10) + "|" + ind.c.code + "|" + func.substr(text, 12)
    qualitative = and_(ind.c.measure == Measure.QUALITATIVE.value, text.is_not(None))
    return [
        func.min(ind.c.name).label("first_name"),
        func.max(ind.c.name).label("last_name"),
        func.count(func.distinct(ind.c.name)).label("name_count"),
        func.max(case((qualitative, tag))).label("latest_text"),
    ]


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return b if a is None else a if b is None else a + b


def merge(found: dict[tuple[Any, ...], Group], row: Any) -> None:
    """Add a row of roll-up sums to its group, keyed by pillar, outcome, unit key, measure."""
    key = (row.pillar, row.parent_outcome, unit_key(row.unit), row.measure)
    sums = {name: getattr(row, name) for name in SUMMED}
    counted = {name: _decimal(getattr(row, name)) for name in COUNTED}
    names = (row.first_name, row.last_name, int(row.name_count))
    group = found.get(key)
    if group is None:
        found[key] = Group(
            row.pillar, row.parent_outcome, row.unit.strip(), Measure(row.measure),
            int(row.count), int(row.usable), int(row.n_counted), sums, counted,
            int(row.projects), names, row.latest_text, int(row.texts),
        )  # fmt: skip
        return
    # Units that differ only in case or spacing: projects may then be counted once per spelling.
    group.count += int(row.count)
    group.usable += int(row.usable)
    group.complete += int(row.n_counted)
    group.sums = {name: _add(group.sums[name], sums[name]) for name in SUMMED}
    group.counted = {name: _add(group.counted[name], counted[name]) for name in COUNTED}
    group.projects += int(row.projects)
    group.names = _names(group.names, names)
    group.latest_text = max(filter(None, (group.latest_text, row.latest_text)), default=None)
    group.texts += int(row.texts)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _names(a: tuple[str, str, int], b: tuple[str, str, int]) -> tuple[str, str, int]:
    first, last = min(a[0], b[0]), max(a[1], b[1])
    return first, last, 1 if first == last else max(a[2] + b[2], 2)


def output_groups(session: Session, period: PeriodKey) -> list[Group]:
    """Return the rolled-up output indicators, ordered by pillar, outcome, unit and measure."""
    found: dict[tuple[Any, ...], Group] = {}
    stmt = _group_select(period).order_by("pillar", "parent_outcome", "unit", "measure")
    for row in session.execute(stmt):
        merge(found, row)
    return list(found.values())
