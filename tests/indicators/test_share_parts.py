"""A share's part is never above its whole (F15: 4900 of 49 was stored as 10,000 %)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.shares import PART_ABOVE_WHOLE, part_above_whole, share_or_none

AMOUNTS = st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False)


@given(AMOUNTS, AMOUNTS)
def test_a_part_is_refused_exactly_when_it_is_above_its_whole(part, whole) -> None:
    problem = part_above_whole(part, whole)
    assert (problem is not None) == (part > whole)
    if problem is None and whole:
        share = share_or_none(part, whole)
        assert share is not None and Decimal(0) <= share <= Decimal(100)


@given(st.one_of(st.none(), AMOUNTS), st.one_of(st.none(), AMOUNTS))
def test_a_missing_part_or_whole_is_left_to_the_completeness_rule(part, whole) -> None:
    if part is None or whole is None:
        assert part_above_whole(part, whole) is None


def test_the_reported_case() -> None:
    assert part_above_whole(Decimal(4900), Decimal(49)) == PART_ABOVE_WHOLE
    assert part_above_whole(Decimal(49), Decimal(49)) is None
