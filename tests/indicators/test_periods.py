from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import PeriodKey, from_date, parse, period_range, year_of
from tests.indicators.strategies import periods


def test_parse_and_str_round_trip() -> None:
    key = parse("2019Q3")
    assert (key.year, key.quarter) == (2019, 3)
    assert str(key) == "2019Q3"


def test_parse_accepts_spaces_and_lower_case() -> None:
    assert PeriodKey.parse(" 2020q1 ") == PeriodKey(2020, 1)


@pytest.mark.parametrize("text", ["2019Q5", "2019Q0", "2019-Q3", "19Q3", "Q3 2019", "", "2019"])
def test_parse_rejects_bad_input_with_a_clear_message(text: str) -> None:
    with pytest.raises(ValueError, match="expected YEAR then Q1-Q4"):
        parse(text)


def test_constructor_rejects_bad_quarter() -> None:
    with pytest.raises(ValueError, match="quarter 5"):
        PeriodKey(2019, 5)


def test_start_and_end_dates() -> None:
    assert PeriodKey(2019, 1).start() == date(2019, 1, 1)
    assert PeriodKey(2019, 1).end() == date(2019, 3, 31)
    assert PeriodKey(2019, 2).end() == date(2019, 6, 30)
    assert PeriodKey(2019, 3).start() == date(2019, 7, 1)
    assert PeriodKey(2019, 3).end() == date(2019, 9, 30)
    assert PeriodKey(2019, 4).end() == date(2019, 12, 31)


def test_previous_and_next_cross_year() -> None:
    assert PeriodKey(2019, 1).previous() == PeriodKey(2018, 4)
    assert PeriodKey(2019, 4).next() == PeriodKey(2020, 1)
    assert PeriodKey(2019, 2).next() == PeriodKey(2019, 3)


def test_ordering_is_chronological() -> None:
    keys = [parse(t) for t in ["2020Q1", "2019Q4", "2019Q1", "2019Q3"]]
    assert [str(k) for k in sorted(keys)] == ["2019Q1", "2019Q3", "2019Q4", "2020Q1"]
    assert PeriodKey(2019, 4) < PeriodKey(2020, 1)


def test_range_is_inclusive() -> None:
    keys = period_range(parse("2018Q3"), parse("2019Q2"))
    assert [str(k) for k in keys] == ["2018Q3", "2018Q4", "2019Q1", "2019Q2"]
    assert PeriodKey.range(parse("2019Q2"), parse("2019Q2")) == [PeriodKey(2019, 2)]
    assert period_range(parse("2019Q2"), parse("2019Q1")) == []


def test_from_date_and_year_of() -> None:
    assert from_date(date(2019, 8, 31)) == PeriodKey(2019, 3)
    assert from_date(date(2019, 12, 31)) == PeriodKey(2019, 4)
    assert from_date(date(2019, 4, 1)) == PeriodKey(2019, 2)
    assert year_of("2019Q3") == 2019
    assert year_of(PeriodKey(2021, 1)) == 2021


@given(periods)
def test_next_undoes_previous(key: PeriodKey) -> None:
    assert key.previous().next() == key
    assert key.next().previous() == key
    assert key.previous() < key < key.next()


@given(periods)
def test_quarter_dates_tile_the_calendar(key: PeriodKey) -> None:
    assert key.end() + timedelta(days=1) == key.next().start()
    assert from_date(key.start()) == key
    assert from_date(key.end()) == key
    assert parse(str(key)) == key


@given(periods, st.integers(0, 40))
def test_range_length_counts_quarters(first: PeriodKey, steps: int) -> None:
    last = first
    for _ in range(steps):
        last = last.next()
    keys = period_range(first, last)
    assert len(keys) == steps + 1
    assert keys[0] == first and keys[-1] == last
    assert keys == sorted(set(keys))
