"""The roll-ups' targets to date and actuals as of several quarters, in one aggregate pass.

The same rules as `indicator_sql` and `indicator_rollup`, with every figure computed once per
quarter by conditional aggregation, so that the tracking table of four quarters scans the values
once instead of four times. The values are aggregated in two steps: per indicator and per
quarter a row first counts in (its bucket), then per indicator over the buckets up to each
quarter, so that each value row is summed and tagged once rather than once per quarter. Tests check each quarter's
figures against `output_groups` run for that quarter alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Subquery, and_, case, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.figures.indicator_rollup import COUNTED, SUMMED, Group, merge
from app.figures.indicator_sql import NON_CUMULATIVE, latest_tag, untag, value_rows
from app.models.logframe import Indicator, IndicatorTarget, Outcome, Output
from app.models.portfolio import Project
from indicators.periods import PeriodKey
from indicators.types import Measure, ReportStatus

PER_QUARTER = ("usable", "value", "num", "den", *COUNTED[:5], "n_counted")


def _bucket(key: Any, bounds: Sequence[Any]) -> Any:
    """Number the oldest quarter a row counts in: 0 when `key <= bounds[0]`, and so on."""
    firsts = [(key <= bound, n) for n, bound in enumerate(bounds[:-1])]
    return case(*firsts, else_=len(bounds) - 1) if firsts else literal(0)


def _value_buckets(quarters: Sequence[PeriodKey]) -> Subquery:
    """Step one: the value rows summed per indicator and per quarter they first count in."""
    rows = value_rows(max(quarters), ReportStatus.APPROVED, False).subquery()
    bounds = [q.end() for q in quarters]
    r = select(rows, _bucket(rows.c.ends_on, bounds).label("bucket")).subquery()
    pair = and_(r.c.numerator.is_not(None), r.c.denominator.is_not(None))
    return (
        select(
            r.c.indicator_id,
            r.c.bucket,
            func.sum(r.c.value).label("value"),
            func.sum(case((pair, r.c.numerator))).label("num"),
            func.sum(case((pair, r.c.denominator))).label("den"),
            latest_tag(r.c.ends_on, r.c.value, r.c.value.is_not(None)).label("last_value"),
            latest_tag(r.c.ends_on, r.c.numerator, pair).label("last_num"),
            latest_tag(r.c.ends_on, r.c.denominator, pair).label("last_den"),
        )
        .group_by(r.c.indicator_id, r.c.bucket)
        .subquery()
    )


def _value_sums(quarters: Sequence[PeriodKey]) -> Subquery:
    """Step two: per indicator and quarter, the sums and latest figures of its buckets so far.

    Each value row is tagged once (step one) instead of once per quarter; a quarter's sum is
    the sum of its buckets, its latest figure the greatest tag among them.
    """
    b = _value_buckets(quarters)
    columns: list[Any] = [b.c.indicator_id]
    for n in range(len(quarters)):
        upto = b.c.bucket <= n
        columns += [
            func.sum(case((upto, b.c.value))).label(f"sum_value_{n}"),
            func.sum(case((upto, b.c.num))).label(f"sum_num_{n}"),
            func.sum(case((upto, b.c.den))).label(f"sum_den_{n}"),
            untag(func.max(case((upto, b.c.last_value))), 10).label(f"last_value_{n}"),
            untag(func.max(case((upto, b.c.last_num))), 10).label(f"last_num_{n}"),
            untag(func.max(case((upto, b.c.last_den))), 10).label(f"last_den_{n}"),
        ]
    return select(*columns).group_by(b.c.indicator_id).subquery()


def _target_buckets(quarters: Sequence[PeriodKey]) -> Subquery:
    """Step one for targets: summed and tagged per indicator and first quarter they count in."""
    t = IndicatorTarget
    bucket = _bucket(t.period_key, [str(q) for q in quarters]).label("bucket")
    rows = select(t.indicator_id, t.period_key, t.target, bucket)
    r = rows.where(t.period_key <= str(max(quarters))).subquery()
    return (
        select(
            r.c.indicator_id,
            r.c.bucket,
            func.sum(r.c.target).label("target"),
            latest_tag(r.c.period_key, r.c.target, r.c.target.is_not(None)).label("last"),
        )
        .group_by(r.c.indicator_id, r.c.bucket)
        .subquery()
    )


def _target_sums(quarters: Sequence[PeriodKey]) -> Subquery:
    b = _target_buckets(quarters)
    columns: list[Any] = [b.c.indicator_id]
    for n in range(len(quarters)):
        upto = b.c.bucket <= n
        columns += [
            func.sum(case((upto, b.c.target))).label(f"sum_target_{n}"),
            untag(func.max(case((upto, b.c.last))), 6).label(f"last_target_{n}"),
        ]
    return select(*columns).group_by(b.c.indicator_id).subquery()


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
