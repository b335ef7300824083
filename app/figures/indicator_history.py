"""The roll-ups' targets to date and actuals as of several quarters, in one aggregate pass.

The same rules as `indicator_sql` and `indicator_rollup`, with every figure computed once per
quarter by conditional aggregation, so that the tracking table of four quarters scans the values
once instead of four times. Each row is tagged for "the latest figure" only in the quarter whose
slice it falls in (after the previous quarter's end, up to its own), and each quarter's latest
figure is the latest of the slices up to it: one tag per row instead of one per quarter. Tests
check each quarter's figures against `output_groups` run for that quarter alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Subquery, and_, case, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from app.figures.indicator_rollup import COUNTED, SUMMED, Group, merge
from app.figures.indicator_sql import NON_CUMULATIVE, latest_tag, untag, value_rows
from app.models.logframe import Indicator, IndicatorTarget, Outcome, Output
from app.models.portfolio import Project
from indicators.periods import PeriodKey
from indicators.types import PARTS_MEASURES, Measure, ReportStatus

PER_QUARTER = ("usable", "value", "num", "den", *COUNTED[:5], "n_counted")


def _fixed(bound: str) -> Any:
    """Write a quarter's bound (an ISO date or a period key) into the SQL text itself.

    Bound parameters would make each CASE a different expression; with the same text, SQLite
    and PostgreSQL compute an aggregate that `_so_far` names several times only once.
    """
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}-[0-9]{2}|Q[1-4])", bound):
        raise ValueError(f"not a date or a period key: {bound!r}")
    return literal_column(f"'{bound}'")


def _within(key: Any, bounds: Sequence[Any], n: int) -> Any:
    """Whether a row belongs to quarter n's own slice: after quarter n-1's bound, up to n's."""
    upto = key <= bounds[n]
    return upto if n == 0 else and_(key > bounds[n - 1], upto)


def _later(a: Any, b: Any) -> Any:
    """Return the greater of two "key|figure" tags, either of which may be NULL."""
    return case((b > a, b), else_=func.coalesce(a, b))


def _so_far(tags: Sequence[Any], width: int) -> list[Any]:
    """Return, for each quarter n, the figure of the latest tag among quarters 0 to n.

    Computed over the aggregates of the same GROUP BY, once per indicator; the outer query
    then reads plain columns.
    """
    found, latest = [], tags[0]
    for n, tag in enumerate(tags):
        latest = tag if n == 0 else _later(latest, tag)
        found.append(untag(latest, width))
    return found


def _value_sums(quarters: Sequence[PeriodKey]) -> Subquery:
    """Per indicator and quarter: the sums so far, and the latest tag of the quarter's slice.

    Each value row is tagged ("ends_on|figure") only in the one slice it falls in, not once
    per quarter; `_so_far` then takes the latest of the slices up to each quarter.
    """
    r = value_rows(max(quarters), ReportStatus.APPROVED, False).subquery()
    pair = and_(r.c.numerator.is_not(None), r.c.denominator.is_not(None))
    bounds = [_fixed(q.end().isoformat()) for q in quarters]
    figures = {"value": (r.c.value, r.c.value.is_not(None)), "num": (r.c.numerator, pair)}
    figures["den"] = (r.c.denominator, pair)
    columns: list[Any] = [r.c.indicator_id]
    for name, (figure, known) in figures.items():
        own = [and_(_within(r.c.ends_on, bounds, n), known) for n in range(len(bounds))]
        tags = [latest_tag(r.c.ends_on, figure, when) for when in own]
        columns += [
            func.sum(case((and_(r.c.ends_on <= bound, known), figure))).label(f"sum_{name}_{n}")
            for n, bound in enumerate(bounds)
        ]
        columns += [last.label(f"last_{name}_{n}") for n, last in enumerate(_so_far(tags, 10))]
    return select(*columns).group_by(r.c.indicator_id).subquery()


def _target_sums(quarters: Sequence[PeriodKey]) -> Subquery:
    """Per indicator and quarter: the targets' sum so far and the latest tag of each slice."""
    t = IndicatorTarget
    bounds = [_fixed(str(q)) for q in quarters]
    known = t.target.is_not(None)
    own = [and_(_within(t.period_key, bounds, n), known) for n in range(len(bounds))]
    tags = [latest_tag(t.period_key, t.target, when) for when in own]
    columns: list[Any] = [t.indicator_id]
    columns += [
        func.sum(case((t.period_key <= bound, t.target))).label(f"sum_target_{n}")
        for n, bound in enumerate(bounds)
    ]
    columns += [last.label(f"last_target_{n}") for n, last in enumerate(_so_far(tags, 6))]
    stmt = select(*columns).where(t.period_key <= str(max(quarters)))
    return stmt.group_by(t.indicator_id).subquery()


def _indicators(quarters: Sequence[PeriodKey]) -> Subquery:
    """Select every output indicator with its keys and, per quarter, its figures and target."""
    i, of_output = Indicator, aliased(Outcome)
    sums, targets = _value_sums(quarters), _target_sums(quarters)
    cumulative = i.cumulation != NON_CUMULATIVE
    summed = and_(i.cumulation == NON_CUMULATIVE, i.measure == Measure.NUMBER.value)
    columns: list[Any] = [
        func.coalesce(of_output.pillar_code, Project.pillar_code).label("pillar"),
        Output.outcome_id.label("parent_outcome"),
        i.unit, i.measure, i.baseline_value.label("baseline"), i.life_target,
    ]  # fmt: skip
    c, t = sums.c, targets.c
    for n in range(len(quarters)):
        columns += [
            case((cumulative, c[f"last_value_{n}"]), else_=c[f"sum_value_{n}"]).label(f"v_{n}"),
            case((cumulative, c[f"last_num_{n}"]), else_=c[f"sum_num_{n}"]).label(f"n_{n}"),
            case((cumulative, c[f"last_den_{n}"]), else_=c[f"sum_den_{n}"]).label(f"d_{n}"),
            case((summed, t[f"sum_target_{n}"]), else_=t[f"last_target_{n}"]).label(f"t_{n}"),
        ]
    return (
        select(*columns)
        .join(Output, Output.id == i.output_id)
        .outerjoin(of_output, of_output.id == Output.outcome_id)
        .join(Project, Project.id == Output.project_id)
        .outerjoin(sums, sums.c.indicator_id == i.id)
        .outerjoin(targets, targets.c.indicator_id == i.id)
        .where(i.outcome_id.is_(None))
        .subquery()
    )


def _quarter_columns(ind: Subquery, n: int) -> list[Any]:
    """The roll-up sums of one quarter, named as `indicator_rollup` names them, suffixed."""
    value, num, den, to_date = ind.c[f"v_{n}"], ind.c[f"n_{n}"], ind.c[f"d_{n}"], ind.c[f"t_{n}"]
    yard = case((or_(to_date.is_(None), to_date == 0), ind.c.life_target), else_=to_date)
    number = ind.c.measure == Measure.NUMBER.value
    pct = ind.c.measure.in_([m.value for m in PARTS_MEASURES])
    known = and_(ind.c.baseline.is_not(None), yard.is_not(None))
    pair = and_(num.is_not(None), den.is_not(None))
    counted = and_(known, or_(and_(number, value.is_not(None)), and_(pct, pair)))
    weight = case((pct, den), else_=1)
    return [
        func.count(case((number, value), else_=num)).label(f"usable_{n}"),
        func.sum(case((number, value))).label(f"value_{n}"),
        func.sum(num).label(f"num_{n}"),
        func.sum(den).label(f"den_{n}"),
        func.sum(case((and_(counted, number), value))).label(f"c_value_{n}"),
        func.sum(case((and_(counted, pct), num))).label(f"c_num_{n}"),
        func.sum(case((and_(counted, pct), den))).label(f"c_den_{n}"),
        func.sum(case((counted, ind.c.baseline * weight))).label(f"c_baseline_{n}"),
        func.sum(case((counted, yard * weight))).label(f"c_yardstick_{n}"),
        func.sum(case((counted, 1), else_=0)).label(f"n_counted_{n}"),
    ]


def group_history(session: Session, quarters: Sequence[PeriodKey]) -> list[dict[Any, Group]]:
    """Return, for each quarter in order, the roll-ups by (pillar, outcome, unit key, measure).

    Each Group carries what `Rolled` reads (counts, sums, counted sums); names, texts and life
    targets are left out: the tracking table shows targets to date and actuals only.
    """
    ind = _indicators(quarters)
    keys = (ind.c.pillar, ind.c.parent_outcome, ind.c.unit, ind.c.measure)
    columns = [col for n in range(len(quarters)) for col in _quarter_columns(ind, n)]
    stmt = select(*keys, func.count().label("count"), *columns).group_by(*keys)
    found: list[dict[Any, Group]] = [{} for _ in quarters]
    for row in session.execute(stmt):
        for n, groups in enumerate(found):
            merge(groups, _row_of(row, n))
    return found


def _row_of(row: Any, n: int) -> SimpleNamespace:
    """Read one quarter's columns of a history row as a row of `output_groups`."""
    fields: dict[str, Any] = {name: None for name in (*SUMMED, *COUNTED)}
    fields |= {name: getattr(row, f"{name}_{n}") for name in PER_QUARTER}
    fields |= {"c_life_n": 0, "projects": 0, "first_name": "", "last_name": "", "name_count": 0}
    fields |= {"latest_text": None, "texts": 0}
    return SimpleNamespace(
        pillar=row.pillar, parent_outcome=row.parent_outcome, unit=row.unit,
        measure=row.measure, count=row.count, **fields,
    )  # fmt: skip
