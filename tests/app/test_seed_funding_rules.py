"""The seed funding file's cell rules, as properties: what is accepted, and what is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.portfolio.imports.fields import CellProblem
from app.portfolio.imports.seed_funding import cost, title, year
from app.reference.seed_funding import same_title


@given(st.integers(2000, 2099))
def test_every_four_digit_year_in_range_is_read_back(value: int) -> None:
    assert year(str(value)) == value


@given(st.one_of(st.integers(-(10**6), 1999), st.integers(2100, 10**6)))
def test_years_out_of_range_are_refused(value: int) -> None:
    with pytest.raises(CellProblem, match="is not a year"):
        year(str(value))


@given(st.text(max_size=8).filter(lambda v: not (v.isascii() and v.isdigit() and len(v) == 4)))
def test_anything_but_four_ascii_digits_is_refused(value: str) -> None:
    with pytest.raises(CellProblem):
        year(value)


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**15), places=2))
def test_positive_costs_are_read_back_exactly(value: Decimal) -> None:
    assert cost(str(value)) == value


@given(st.decimals(max_value=Decimal(0), places=2, allow_nan=False, allow_infinity=False))
def test_zero_and_negative_costs_are_refused(value: Decimal) -> None:
    with pytest.raises(CellProblem):
        cost(f"{value:f}")


@given(
    st.lists(st.text(alphabet="abc ", min_size=1), min_size=1, max_size=5),
    st.sampled_from([" ", "  ", "\t", " \n "]),
)
def test_titles_differing_only_in_spaces_are_one_title(words: list[str], gap: str) -> None:
    words = [w for w in (" ".join(x.split()) for x in words) if w] or ["x"]
    assert title(gap.join(words)) == title(" ".join(words)) == same_title(" ".join(words))
