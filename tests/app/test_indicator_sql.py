"""The aggregate SQL figures equal the pure rules of `indicators` on a seeded random portfolio."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest

from app.figures.indicator_history import group_history
from app.figures.indicator_queries import indicator_figures
from app.figures.indicator_rollup import Rolled, output_groups
from app.models.logframe import Indicator, IndicatorTarget, Outcome, Output
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.progress import IndicatorValue, ProgressReport
from app.quarterly.iptt import group_key
from indicators.aggregate import RollUpItem, roll_up, unit_key
from indicators.cumulation import PeriodValue, life_actual, life_parts, target_to_date
from indicators.periods import PeriodKey
from indicators.types import Cumulation, Measure
from tests.app import factories

KEYS = ("2018Q4", "2019Q1", "2019Q2", "2019Q3", "2019Q4")
UNITS = ("people", "People ", "  people", "sessions")
AS_OF = PeriodKey.parse("2019Q3")


def _amount(rng: random.Random) -> Decimal | None:
    return rng.choice((None, Decimal(rng.randint(0, 60)), Decimal(rng.randint(0, 9999)) / 100))


def _value(rng: random.Random) -> dict[str, Any]:
    pair = rng.random() < 0.7
    den = Decimal(rng.randint(1, 80)) if pair else rng.choice((None, Decimal(5)))
    num = Decimal(rng.randint(0, int(den))) if pair and den else None
    return {"value": _amount(rng), "numerator": num, "denominator": den}


def _indicators(session: Any, rng: random.Random, count: int) -> list[Indicator]:
    outcome = Outcome(code="OC-RAND", pillar_code="II", statement="An outcome")
    session.add(outcome)
    session.flush()
    found = []
    for n in range(count):
        project = factories.project(session, f"RAND-{n:03}", pillar_code=rng.choice(("I", "II")))
        output = Output(project_id=project.id, code=f"O-{n}", title="Output")
        output.outcome_id = outcome.id if rng.random() < 0.5 else None
        session.add(output)
        session.flush()
        found.append(_indicator(session, rng, n, output.id))
    return found


def _indicator(
    session: Any, rng: random.Random, n: int, output_id: int | None, outcome_id: int | None = None
) -> Indicator:
    measure = rng.choice(list(Measure))
    item = Indicator(
        code=f"IND-R{n:03}", name="Random", output_id=output_id, outcome_id=outcome_id,
        unit=rng.choice(UNITS),
        measure=measure.value, cumulation=rng.choice(list(Cumulation)).value,
        baseline_value=_amount(rng), life_target=_amount(rng),
    )  # fmt: skip
    session.add(item)
    session.flush()
    for key in rng.sample(KEYS, rng.randint(0, 3)):
        target = Decimal(rng.randint(0, 30))
        session.add(IndicatorTarget(indicator_id=item.id, period_key=key, target=target))
    return item


def _reports(session: Any, rng: random.Random, indicators: list[Indicator]) -> dict[int, list]:  # type: ignore[type-arg]
    """Store random reports; return the approved values up to AS_OF per indicator."""
    approved: dict[int, list[PeriodValue]] = defaultdict(list)
    for key in KEYS:
        period = factories.period(session, key)
        for ind in indicators:
            if rng.random() < 0.2:
                continue
            status = rng.choice(("approved", "approved", "submitted", "draft"))
            project_id = session.get(Output, ind.output_id).project_id
            report = ProgressReport(project_id=project_id, period_id=period.id, status=status)
            session.add(report)
            session.flush()
            row = _value(rng)
            session.add(IndicatorValue(report_id=report.id, indicator_id=ind.id, **row))
            if status == "approved" and PeriodKey.parse(key) <= AS_OF:
                approved[ind.id].append(PeriodValue(PeriodKey.parse(key), **row))
    session.flush()
    return approved


@pytest.fixture
def portfolio(db_session):  # type: ignore[no-untyped-def]
    rng = random.Random(20191)
    indicators = _indicators(db_session, rng, 40)
    return db_session, indicators, _reports(db_session, rng, indicators)


def _pure_actual(ind: Indicator, values: list[PeriodValue]) -> Decimal | None:
    measure = Measure(ind.measure)
    if measure is Measure.QUALITATIVE or not values:
        return None
    return life_actual(values, Cumulation(ind.cumulation), measure)


def test_indicator_figures_equal_the_pure_rules(portfolio) -> None:  # type: ignore[no-untyped-def]
    session, indicators, approved = portfolio
    figures = {f.id: f for f in indicator_figures(session, AS_OF)}
    for ind in indicators:
        f = figures[ind.id]
        assert f.actual == _pure_actual(ind, approved[ind.id]), ind.code
        targets = [(PeriodKey.parse(t.period_key), t.target) for t in ind.targets]
        to_date = target_to_date(targets, AS_OF, Cumulation(ind.cumulation), Measure(ind.measure))
        assert f.target_to_date == (to_date or ind.life_target), ind.code


def _item(ind: Indicator, values: list[PeriodValue]) -> RollUpItem:
    parts = life_parts(values, Cumulation(ind.cumulation))
    number = ind.measure == Measure.NUMBER.value
    return RollUpItem(
        ind.code, ind.unit, Measure(ind.measure), _pure_actual(ind, values) if number else None,
        parts[0] if parts else None, parts[1] if parts else None,
    )  # fmt: skip


def test_roll_up_groups_equal_the_pure_roll_up(portfolio) -> None:  # type: ignore[no-untyped-def]
    session, indicators, approved = portfolio
    by_parent: dict[tuple[str, int | None], list[RollUpItem]] = defaultdict(list)
    for ind in indicators:
        output = session.get(Output, ind.output_id)
        pillar = output.project.pillar_code if output.outcome_id is None else "II"
        by_parent[(pillar, output.outcome_id)].append(_item(ind, approved[ind.id]))
    expected = {
        (pillar, outcome, unit_key(r.unit), r.measure): (len(r.codes), len(r.missing), r.value)
        for (pillar, outcome), items in by_parent.items()
        for r in roll_up(items)
    }
    found = {
        (g.pillar, g.outcome_id, unit_key(g.unit), g.measure): (g.count, g.missing, g.actual)
        for g in output_groups(session, AS_OF)
    }
    assert found == expected


def test_one_pass_history_equals_each_quarter_alone(portfolio) -> None:  # type: ignore[no-untyped-def]
    session, _, _ = portfolio
    quarters = [PeriodKey.parse(k) for k in KEYS[:4]]
    for quarter, found in zip(quarters, group_history(session, quarters), strict=True):
        alone = {group_key(g): Rolled(g) for g in output_groups(session, quarter)}
        assert alone, quarter
        together = {k: Rolled(g) for k, g in ((group_key(g), g) for g in found.values())}
        assert set(together) == set(alone), quarter
        for key, rolled in alone.items():
            seen = (together[key].to_date, together[key].actual, together[key].baseline)
            assert seen == (rolled.to_date, rolled.actual, rolled.baseline), (quarter, key)


def _outcome_reports(session: Any, rng: random.Random, count: int) -> tuple[list, dict]:  # type: ignore[type-arg]
    """Store random outcome indicators and one outcome report a period; return the approved
    values up to AS_OF per indicator."""
    outcome = Outcome(code="OC-RAND-W", pillar_code="III", statement="A Compact outcome")
    session.add(outcome)
    session.flush()
    found = []
    for n in range(count):
        found.append(_indicator(session, rng, 500 + n, None, outcome.id))
    session.flush()
    approved: dict[int, list[PeriodValue]] = defaultdict(list)
    # 2019Q3 is a draft and 2019Q4 (approved) lies after AS_OF: neither may count.
    statuses = ("approved", "submitted", "approved", "draft", "approved")
    for key, status in zip(KEYS, statuses, strict=True):
        report = OutcomeReport(period=factories.period(session, key), status=status)
        for ind in found:
            if rng.random() < 0.2:
                continue
            row = _value(rng)
            report.values.append(OutcomeValue(indicator_id=ind.id, **row))
            if status == "approved" and PeriodKey.parse(key) <= AS_OF:
                approved[ind.id].append(PeriodValue(PeriodKey.parse(key), **row))
        session.add(report)
    session.flush()
    return found, approved


def test_outcome_values_equal_the_pure_rules_beside_project_values(db_session) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(20196)
    outputs = _indicators(db_session, rng, 10)
    outcomes, approved = _outcome_reports(db_session, rng, 30)
    from_projects = _reports_in_periods(db_session, rng, outputs)
    figures = {f.id: f for f in indicator_figures(db_session, AS_OF)}
    assert sum(len(v) for v in approved.values()) > 20
    for ind in outcomes:
        assert figures[ind.id].actual == _pure_actual(ind, approved[ind.id]), ind.code
    for ind in outputs:
        assert figures[ind.id].actual == _pure_actual(ind, from_projects[ind.id]), ind.code
    only = {f.id for f in indicator_figures(db_session, AS_OF, outcomes_only=True)}
    assert only == {ind.id for ind in outcomes}


def _reports_in_periods(session: Any, rng: random.Random, indicators: list[Indicator]) -> dict:  # type: ignore[type-arg]
    """Store random project reports in the periods the outcome reports made."""
    from sqlalchemy import select

    from app.models.progress import ReportingPeriod

    approved: dict[int, list[PeriodValue]] = defaultdict(list)
    for period in session.scalars(select(ReportingPeriod)):
        for ind in indicators:
            status = rng.choice(("approved", "submitted"))
            project_id = session.get(Output, ind.output_id).project_id
            report = ProgressReport(project_id=project_id, period_id=period.id, status=status)
            row = _value(rng)
            report.values.append(IndicatorValue(indicator_id=ind.id, **row))
            session.add(report)
            if status == "approved" and PeriodKey.parse(period.key) <= AS_OF:
                approved[ind.id].append(PeriodValue(PeriodKey.parse(period.key), **row))
    session.flush()
    return approved
