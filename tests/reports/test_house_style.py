"""The house style of running text: counts with their nouns, money, per cents and dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reports.formatting import (
    MONTHS,
    NUMBER_WORDS,
    fmt_cardinal,
    fmt_count,
    fmt_long_date,
    fmt_month_year,
    fmt_per_cent,
    fmt_series,
    fmt_share,
    fmt_usd,
)

counts = st.integers(min_value=0, max_value=10_000_000)
amounts = st.decimals(min_value=Decimal(0), max_value=Decimal("5e12"), places=2)
MONEY = re.compile(r"^(-?)\$([\d,]+(?:\.\d)?)(?: (million|billion))?$")
UNITS = {None: Decimal(1), "million": Decimal(10) ** 6, "billion": Decimal(10) ** 9}


def read_count(text: str) -> int:
    """Read back the number of a count written by fmt_cardinal."""
    word = text.split(" ")[0]
    if word == "no":
        return 0
    if word in NUMBER_WORDS:
        return NUMBER_WORDS.index(word)
    return int(word.replace(",", ""))


@given(counts, st.booleans())
def test_a_count_agrees_with_its_noun(count: int, words: bool) -> None:
    text = fmt_count(count, "project", words=words)
    assert read_count(text) == count
    assert text.endswith(" project") == (count == 1)
    assert text.endswith(" projects") == (count != 1)
    assert not re.search(r"\b1 projects\b|\bone projects\b", text)


@given(counts)
def test_numbers_under_ten_are_words_and_the_rest_figures(count: int) -> None:
    text = fmt_cardinal(count)
    assert text.isalpha() == (count < 10)
    assert fmt_cardinal(count, words=False) == f"{count:,}"


def test_the_plural_can_be_given() -> None:
    assert fmt_count(1, "entity", "entities") == "one entity"
    assert fmt_count(2, "entity", "entities") == "two entities"
    assert fmt_count(0, "project") == "no projects"
    assert fmt_count(1, "project", words=False) == "1 project"


@given(amounts)
def test_money_reads_back_to_within_half_its_last_digit(value: Decimal) -> None:
    text = fmt_usd(value)
    match = MONEY.match(text)
    assert match, text
    sign, number, unit = match.groups()
    assert sign == ""
    shown = Decimal(number.replace(",", "")) * UNITS[unit]
    last_digit = UNITS[unit] / (10 if unit else 1)
    assert abs(shown - value) <= last_digit / 2
    # the unit is the largest one under which the rounded amount stays below a thousand of it
    if unit is None:
        assert shown < UNITS["million"]
        assert "." not in number
    else:
        assert Decimal(1) <= Decimal(number.replace(",", "")) < 1000 or unit == "billion"


def test_money_as_the_secretary_generals_report_writes_it() -> None:
    assert fmt_usd(Decimal("522300000")) == "$522.3 million"
    assert fmt_usd(Decimal("949111")) == "$949,111"
    assert fmt_usd(Decimal("999999.6")) == "$1.0 million"
    assert fmt_usd(Decimal("999960000")) == "$1.0 billion"
    assert fmt_usd(Decimal("0")) == "$0"


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_a_share_is_a_whole_per_cent_within_half_a_point(part: int, extra: int) -> None:
    whole = part + extra - 1 if part + extra > 1 else 1
    part = min(part, whole)
    text = fmt_share(part, whole)
    assert "%" not in text and text.endswith(" per cent")
    exact = Decimal(part) / Decimal(whole) * 100
    if text == "less than 1 per cent":
        assert 0 < exact < Decimal("0.5")
    elif text == "more than 99 per cent":
        assert Decimal("99.5") <= exact < 100
    else:
        shown = Decimal(text.removesuffix(" per cent"))
        assert abs(shown - exact) <= Decimal("0.5")
        assert (shown == 0) == (part == 0)
        assert (shown == 100) == (part == whole)


def test_a_share_rounds_half_up_once() -> None:
    assert fmt_share(238_900_000, 469_800_000) == "51 per cent"  # 50.85..., never 50.9 -> 51
    assert fmt_share(1, 8) == "13 per cent"  # 12.5 half-up
    assert fmt_share(649, 2000) == "32 per cent"  # 32.45: once, not 32.5 then 33
    assert fmt_per_cent(Decimal("50.9"), 1) == "50.9 per cent"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_a_long_date_reads_back(day: dt.date) -> None:
    text = fmt_long_date(day)
    number, month, year = text.split(" ")
    assert (int(number), MONTHS.index(month) + 1, int(year)) == (day.day, day.month, day.year)
    assert not number.startswith("0")
    assert fmt_month_year(day) == f"{month} {year}"


@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=3), min_size=1, max_size=6))
def test_a_series_keeps_every_item_in_order_with_one_and(items: list[str]) -> None:
    text = fmt_series(items)
    assert text.count(" and ") == (1 if len(items) > 1 else 0)
    assert re.split(r", | and ", text) == items
