"""The pure ratio rule: a ratio takes any numerator (never the share's "part of the whole"
refusal), is numerator / denominator to two decimals, combines by summing its parts, and never
shares a roll-up group with a share."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.aggregate import RollUpItem, roll_up
from indicators.cumulation import PeriodValue, life_actual
from indicators.periods import PeriodKey
from indicators.shares import PART_ABOVE_WHOLE, parts_problem, parts_value
from indicators.types import Cumulation, Measure

counts = st.decimals(min_value=Decimal(0), max_value=Decimal(10**9), places=2)
wholes = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**9), places=2)


def test_4900_of_49_is_a_ratio_of_100_and_no_share() -> None:
    assert parts_value(True, Decimal(4900), Decimal(49)) == Decimal("100.00")
    assert parts_problem(True, Decimal(4900), Decimal(49)) is None
    assert parts_problem(False, Decimal(4900), Decimal(49)) == PART_ABOVE_WHOLE


@given(counts, wholes)
def test_a_ratio_is_never_refused_and_a_share_only_above_its_whole(
    part: Decimal, whole: Decimal
) -> None:
    assert parts_problem(True, part, whole) is None
    assert (parts_problem(False, part, whole) is None) == (part <= whole)


@given(counts, wholes)
def test_a_ratio_is_its_parts_divided_to_two_decimals(part: Decimal, whole: Decimal) -> None:
    ratio = parts_value(True, part, whole)
    share = parts_value(False, part, whole)
    assert ratio == (part / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert share is not None and ratio is not None
    assert abs(share - ratio * 100) <= Decimal("0.5")
    assert parts_value(True, part, Decimal(0)) is None and parts_value(True, None, whole) is None


@given(st.lists(st.tuples(counts, wholes), min_size=1, max_size=8))
def test_a_ratio_combines_its_periods_by_summing_parts(
    pairs: list[tuple[Decimal, Decimal]],
) -> None:
    values = [
        PeriodValue(PeriodKey(2019 + i // 4, i % 4 + 1), None, n, d)
        for i, (n, d) in enumerate(pairs)
    ]
    total_n = sum((n for n, _ in pairs), Decimal(0))
    total_d = sum((d for _, d in pairs), Decimal(0))
    ratio = life_actual(values, Cumulation.NON_CUMULATIVE, Measure.RATIO)
    share = life_actual(values, Cumulation.NON_CUMULATIVE, Measure.PERCENTAGE)
    assert ratio == total_n / total_d
    assert share == total_n / total_d * 100


@given(st.lists(st.tuples(st.sampled_from([Measure.RATIO, Measure.PERCENTAGE]), counts, wholes),
                min_size=1, max_size=10))  # fmt: skip
def test_roll_ups_never_combine_a_ratio_with_a_share(
    items: list[tuple[Measure, Decimal, Decimal]],
) -> None:
    offered = [
        RollUpItem(f"I-{i}", "per 100 officials", m, None, n, d)
        for i, (m, n, d) in enumerate(items)
    ]
    for group in roll_up(offered):
        members = [(m, n, d) for m, n, d in items if m is group.measure]
        assert len(group.codes) == len(members)
        total_n = sum((n for _, n, _ in members), Decimal(0))
        total_d = sum((d for _, _, d in members), Decimal(0))
        scale = 1 if group.measure is Measure.RATIO else 100
        assert group.value == total_n / total_d * scale
    assert {g.measure for g in roll_up(offered)} == {m for m, _, _ in items}
