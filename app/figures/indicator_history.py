"""The roll-ups' targets to date and actuals as of several quarters, in one aggregate pass.

The same rules as `indicator_sql` and `indicator_rollup`, with every figure computed once per
quarter by conditional aggregation (`CASE WHEN ends_on <= quarter end`), so that the tracking
table of four quarters scans the values once instead of four times. Tests check each quarter's
figures against `output_groups` run for that quarter alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Subquery, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.figures.indicator_rollup import COUNTED, SUMMED, Group, merge
from app.figures.indicator_sql import NON_CUMULATIVE, latest_of, value_rows
from app.models.logframe import Indicator, IndicatorTarget, Outcome, Output
from app.models.portfolio import Project
from indicators.periods import PeriodKey
from indicators.types import Measure, ReportStatus

PER_QUARTER = ("usable", "value", "num", "den", *COUNTED[:5], "n_counted")


def _value_sums(quarters: Sequence[PeriodKey]) -> Subquery:
    r = value_rows(max(quarters), ReportStatus.APPROVED, False).subquery()
    pair = and_(r.c.numerator.is_not(None), r.c.denominator.is_not(None))
    columns: list[Any] = [r.c.indicator_id]
    for n, q in enumerate(quarters):
        upto = r.c.ends_on <= q.end()
        columns += [
            func.sum(case((upto, r.c.value))).label(f"sum_value_{n}"),
            func.sum(case((and_(upto, pair), r.c.numerator))).label(f"sum_num_{n}"),
            func.sum(case((and_(upto, pair), r.c.denominator))).label(f"sum_den_{n}"),
            latest_of(r.c.ends_on, 10, r.c.value, and_(upto, r.c.value.is_not(None))).label(
                f"last_value_{n}"
            ),
            latest_of(r.c.ends_on, 10, r.c.numerator, and_(upto, pair)).label(f"last_num_{n}"),
            latest_of(r.c.ends_on, 10, r.c.denominator, and_(upto, pair)).label(f"last_den_{n}"),
        ]
    return select(*columns).group_by(r.c.indicator_id).subquery()


def _target_sums(quarters: Sequence[PeriodKey]) -> Subquery:
    t = IndicatorTarget
    columns: list[Any] = [t.indicator_id]
    for n, q in enumerate(quarters):
        upto = t.period_key <= str(q)
        columns += [
            func.sum(case((upto, t.target))).label(f"sum_target_{n}"),
            latest_of(t.period_key, 6, t.target, and_(upto, t.target.is_not(None))).label(
                f"last_target_{n}"
            ),
        ]
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
    for n in range(len(quarters)):
        c = sums.c
        columns += [
            case((cumulative, c[f"last_value_{n}"]), else_=c[f"sum_value_{n}"]).label(f"v_{n}"),
            case((cumulative, c[f"last_num_{n}"]), else_=c[f"sum_num_{n}"]).label(f"n_{n}"),
            case((cumulative, c[f"last_den_{n}"]), else_=c[f"sum_den_{n}"]).label(f"d_{n}"),
            case((summed, targets.c[f"sum_target_{n}"]), else_=targets.c[f"last_target_{n}"]).label(
                f"t_{n}"
            ),
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
    pct = ind.c.measure == Measure.PERCENTAGE.value
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
