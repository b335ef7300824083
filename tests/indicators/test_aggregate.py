from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.aggregate import Fraction, RollUpItem, combine_percentages, latest, roll_up
from indicators.cumulation import PeriodValue
from indicators.periods import parse
from indicators.types import Measure

D = Decimal


def test_combine_percentages_weights_by_denominator() -> None:
    # 10 of 20 women trained (50 %) and 90 of 100 (90 %): 100 of 120 = 83.33 %, not 70 %.
    combined = combine_percentages([Fraction(D(10), D(20)), Fraction(D(90), D(100))])
    assert combined is not None
    assert combined.quantize(D("0.01")) == D("83.33")


def test_combine_nothing_or_zero_denominators() -> None:
    assert combine_percentages([]) is None
    assert combine_percentages([Fraction(D(0), D(0))]) is None


def test_negative_parts_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot be negative"):
        Fraction(D(-1), D(4))


def test_latest_skips_empty_periods() -> None:
    values = [
        PeriodValue(parse("2019Q2"), D(40)),
        PeriodValue(parse("2019Q3"), None),
        PeriodValue(parse("2019Q1"), D(60)),
    ]
    assert latest(values) == D(40)
    assert latest([]) is None


def _item(code: str, unit: str, measure: Measure, value: int | None, *nd: int) -> RollUpItem:
    num, den = (D(nd[0]), D(nd[1])) if nd else (None, None)
    return RollUpItem(code, unit, measure, None if value is None else D(value), num, den)


def test_roll_up_only_within_unit_and_measure() -> None:
    items = [
        _item("a", "people trained", Measure.NUMBER, 120),
        _item("b", "People  trained", Measure.NUMBER, 80),
        _item("c", "workshops", Measure.NUMBER, 7),
        _item("d", "people trained", Measure.PERCENTAGE, 50, 1, 2),
        _item("e", "people trained", Measure.PERCENTAGE, 25, 1, 4),
        _item("f", "people trained", Measure.NUMBER, None),
        _item("g", "legal framework", Measure.QUALITATIVE, 3),
        _item("h", "legal framework", Measure.QUALITATIVE, 2),
    ]
    groups = {(g.unit, g.measure): g for g in roll_up(items)}
    assert len(groups) == 4
    trained = groups[("people trained", Measure.NUMBER)]
    assert (trained.value, trained.codes, trained.missing) == (D(200), ("a", "b", "f"), ("f",))
    assert groups[("workshops", Measure.NUMBER)].value == D(7)
    rate = groups[("people trained", Measure.PERCENTAGE)].value
    assert rate is not None and rate.quantize(D("0.01")) == D("33.33")  # 2 of 6
    qualitative = groups[("legal framework", Measure.QUALITATIVE)]
    assert qualitative.value is None and qualitative.missing == ()


def test_roll_up_of_only_missing_numbers_is_none() -> None:
    (group,) = roll_up([_item("x", "events", Measure.NUMBER, None)])
    assert group.value is None and group.missing == ("x",)


fractions = st.builds(
    Fraction,
    st.integers(0, 10_000).map(D),
    st.integers(1, 10_000).map(D),
)


@given(st.lists(fractions, min_size=1, max_size=10))
def test_combined_percentage_lies_between_the_parts(parts: list[Fraction]) -> None:
    combined = combine_percentages(parts)
    rates = [p.percent() for p in parts]
    assert combined is not None and all(r is not None for r in rates)
    tolerance = D("1e-20")
    assert min(r for r in rates if r is not None) - tolerance <= combined
    assert combined <= max(r for r in rates if r is not None) + tolerance


@given(st.lists(st.tuples(st.sampled_from(["km", "people", "events"]), st.integers(0, 999))))
def test_roll_up_totals_equal_the_sum_of_parts(rows: list[tuple[str, int]]) -> None:
    items = [_item(f"i{n}", unit, Measure.NUMBER, v) for n, (unit, v) in enumerate(rows)]
    totals = {g.unit: g.value for g in roll_up(items)}
    for unit in {u for u, _ in rows}:
        assert totals[unit] == sum(D(v) for u, v in rows if u == unit)
