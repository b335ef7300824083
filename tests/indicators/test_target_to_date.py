"""The yardstick of "on track so far" for each cumulation rule."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.cumulation import target_to_date
from indicators.periods import PeriodKey
from indicators.types import Cumulation, Measure

Q1, Q2, Q3 = PeriodKey(2019, 1), PeriodKey(2019, 2), PeriodKey(2019, 3)
TARGETS = [(Q1, Decimal(10)), (Q2, Decimal(30)), (Q3, Decimal(50))]


def test_counts_add_up_period_targets_so_far() -> None:
    assert target_to_date(TARGETS, Q2, Cumulation.NON_CUMULATIVE) == Decimal(40)


def test_running_totals_and_levels_take_the_latest_target_so_far() -> None:
    assert target_to_date(TARGETS, Q2, Cumulation.CUMULATIVE_SUM) == Decimal(30)
    assert target_to_date(TARGETS, Q3, Cumulation.CUMULATIVE_LATEST) == Decimal(50)


def test_percentages_are_never_added() -> None:
    assert target_to_date(TARGETS, Q3, Cumulation.NON_CUMULATIVE, Measure.PERCENTAGE) == 50


def test_no_target_yet() -> None:
    assert target_to_date(TARGETS, PeriodKey(2018, 4), Cumulation.NON_CUMULATIVE) is None


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=8))
def test_sum_rule_grows_with_time(targets: list[int]) -> None:
    keyed = _keyed(targets)
    totals = [target_to_date(keyed, p, Cumulation.NON_CUMULATIVE) for p, _ in keyed]
    assert totals == sorted(totals)
    assert totals[-1] == sum(Decimal(t) for t in targets)


def _keyed(targets: list[int]) -> list[tuple[PeriodKey, Decimal]]:
    period, out = PeriodKey(2019, 1), []
    for t in targets:
        out.append((period, Decimal(t)))
        period = period.next()
    return out
