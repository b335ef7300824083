"""Indicator figures as the quarterly tables print them: percentages with "%" and one decimal."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.types import AchievementStatus
from reports.formatting import NBSP, fmt_measured, indicator_status_word

D = Decimal


def test_percentages_carry_the_sign_and_one_decimal() -> None:
    assert fmt_measured(D("60.87"), "percentage") == f"60.9{NBSP}%"
    assert fmt_measured(D("56"), "percentage") == f"56.0{NBSP}%"
    assert fmt_measured(D("60.86956521739130434782608696"), "percentage") == f"60.9{NBSP}%"
    assert fmt_measured(None, "percentage") == "\u2013"
    assert fmt_measured(D("1040"), "number") == "1,040"


@given(st.decimals(min_value=0, max_value=100_000, places=6))
def test_a_percentage_reads_back_as_its_value_rounded_half_up(value: Decimal) -> None:
    text = fmt_measured(value, "percentage")
    number, sign = text.split(NBSP)
    assert sign == "%"
    assert D(number.replace(",", "")) == value.quantize(D("0.1"), rounding=ROUND_HALF_UP)


def test_qualitative_rows_are_never_called_not_assessed() -> None:
    for status in AchievementStatus:
        assert indicator_status_word(status, "qualitative") == "Not scored (text)"
    assert indicator_status_word(AchievementStatus.NOT_ASSESSED, "number") == "Not assessed"
