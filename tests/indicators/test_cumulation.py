from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.cumulation import (
    PeriodValue,
    actual_of_ordered,
    combined_percentage,
    latest_value,
    life_actual,
    life_target,
    ordered,
    period_series,
)
from indicators.periods import PeriodKey, parse
from indicators.types import Cumulation, Measure
from tests.indicators.strategies import amounts

D = Decimal


def pv(key: str, value: int | None, num: int | None = None, den: int | None = None) -> PeriodValue:
    return PeriodValue(
        parse(key),
        None if value is None else D(value),
        None if num is None else D(num),
        None if den is None else D(den),
    )


TRAINED = [pv("2019Q3", 40), pv("2019Q1", 10), pv("2019Q2", None), pv("2019Q4", 25)]


def test_non_cumulative_sums_periods() -> None:
    assert life_actual(TRAINED, Cumulation.NON_CUMULATIVE, Measure.NUMBER) == D(75)


def test_cumulative_sum_takes_the_running_total_entered_last() -> None:
    running = [pv("2019Q1", 10), pv("2019Q2", 30), pv("2019Q3", 45)]
    assert life_actual(running, Cumulation.CUMULATIVE_SUM) == D(45)


def test_cumulative_latest_takes_the_latest_known_value() -> None:
    levels = [pv("2019Q1", 4), pv("2019Q3", 3), pv("2019Q4", None), pv("2019Q2", 6)]
    assert life_actual(levels, Cumulation.CUMULATIVE_LATEST) == D(3)


def test_percentages_combine_numerators_and_denominators() -> None:
    # 1/4 = 25 % and 30/40 = 75 %
    rates = [pv("2019Q1", 25, 1, 4), pv("2019Q2", 75, 30, 40)]
    # (1 + 30) / (4 + 40) * 100 = 70.4545..., not 100 (added) nor 50 (averaged)
    result = life_actual(rates, Cumulation.NON_CUMULATIVE, Measure.PERCENTAGE)
    assert result is not None
    assert result.quantize(D("0.01")) == D("70.45")


def test_percentage_without_parts_is_not_assessed() -> None:
    rates = [pv("2019Q1", 25), pv("2019Q2", 75, 3, 0)]
    assert life_actual(rates, Cumulation.NON_CUMULATIVE, Measure.PERCENTAGE) is None


def test_qualitative_is_never_summed() -> None:
    scores = [pv("2019Q1", 2), pv("2019Q2", 3)]
    assert life_actual(scores, Cumulation.NON_CUMULATIVE, Measure.QUALITATIVE) == D(3)


def test_no_data_gives_none() -> None:
    for rule in Cumulation:
        assert life_actual([], rule) is None
        assert life_actual([pv("2019Q1", None)], rule) is None


def test_two_values_for_one_period_are_refused() -> None:
    with pytest.raises(ValueError, match="two values for period 2019Q1"):
        life_actual([pv("2019Q1", 1), pv("2019Q1", 2)], Cumulation.NON_CUMULATIVE)


def test_series_non_cumulative_is_running_sum() -> None:
    series = period_series(TRAINED, Cumulation.NON_CUMULATIVE)
    assert [(str(k), v) for k, v in series] == [
        ("2019Q1", D(10)),
        ("2019Q2", D(10)),
        ("2019Q3", D(50)),
        ("2019Q4", D(75)),
    ]


def test_series_cumulative_sum_is_the_figures_entered() -> None:
    running = [pv("2019Q1", 10), pv("2019Q2", 30), pv("2019Q3", None)]
    assert [v for _, v in period_series(running, Cumulation.CUMULATIVE_SUM)] == [
        D(10),
        D(30),
        D(30),
    ]


def test_life_target_is_the_overall_target() -> None:
    assert life_target(D(100), [D(30), D(30), D(30), D(30)]) == D(100)
    assert life_target(None, [D(5)]) is None


values_lists = st.lists(st.one_of(st.none(), amounts), min_size=1, max_size=12)


def _series_of(values: list[D | None]) -> list[PeriodValue]:
    keys = PeriodKey.range(PeriodKey(2018, 1), PeriodKey(2030, 4))
    return [PeriodValue(keys[i], v) for i, v in enumerate(values)]


@given(values_lists, st.sampled_from(list(Cumulation)))
def test_series_ends_at_the_life_actual(values: list[D | None], rule: Cumulation) -> None:
    items = _series_of(values)
    series = period_series(list(reversed(items)), rule)
    assert [k for k, _ in series] == [i.period for i in items]
    assert series[-1][1] == life_actual(items, rule)


@given(values_lists)
def test_non_cumulative_total_equals_sum_of_parts(values: list[D | None]) -> None:
    known = [v for v in values if v is not None]
    expected = sum(known, D(0)) if known else None
    assert life_actual(_series_of(values), Cumulation.NON_CUMULATIVE) == expected


pairs = st.lists(
    st.tuples(
        st.none() | amounts,
        st.none() | st.integers(0, 500).map(D),
        st.none() | st.integers(0, 500).map(D),
    ),
    max_size=8,
)


@given(pairs, st.sampled_from(list(Cumulation)), st.sampled_from(list(Measure)), st.randoms())
def test_the_actual_of_ordered_values_follows_the_rule_without_sorting_again(
    found: list[tuple[D | None, D | None, D | None]], rule: Cumulation, measure: Measure, rnd
) -> None:
    keys = PeriodKey.range(PeriodKey(2017, 1), PeriodKey(2018, 4))
    values = [PeriodValue(k, v, n, d) for k, (v, n, d) in zip(keys, found, strict=False)]
    shuffled = rnd.sample(values, len(values))
    result = actual_of_ordered(ordered(shuffled), rule, measure)
    if measure is Measure.QUALITATIVE or rule is not Cumulation.NON_CUMULATIVE:
        assert result == latest_value(shuffled)
    elif measure in (Measure.PERCENTAGE, Measure.RATIO):
        scale = D(100) if measure is Measure.PERCENTAGE else D(1)
        assert result == combined_percentage(shuffled, scale)
    else:
        known = [v.value for v in values if v.value is not None]
        assert result == (sum(known, D(0)) if known else None)
    assert result == life_actual(shuffled, rule, measure)
