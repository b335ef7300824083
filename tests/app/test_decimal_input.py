"""Numbers typed the reader's way: what the app writes reads back, and what reads two ways is
refused with a message that says what to type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from gettext import NullTranslations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import indicators.i18n
from app.ui.date_input import read_date
from app.ui.decimal_input import plain, read_decimal
from reports import localized
from reports.formatting import fmt_long_date

LOCALES = ("en", "fr", "es", "ru", "zh", "ar")
numbers = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4)


@pytest.mark.parametrize("code", LOCALES)
@given(value=numbers, places=st.integers(min_value=0, max_value=4))
def test_a_figure_written_for_a_locale_reads_back_in_it(
    code: str, value: Decimal, places: int
) -> None:
    rounded = value.quantize(Decimal(1).scaleb(-places))
    assert read_decimal(localized.decimal(rounded, places, code), code).value == rounded


@pytest.mark.parametrize("code", LOCALES)
@given(value=numbers)
def test_an_input_shows_a_number_that_reads_back_without_trailing_zeros(
    code: str, value: Decimal
) -> None:
    text = plain(value, code)
    assert read_decimal(text, code).value == value
    point = localized.symbols(code)[0]
    assert not (point in text and text.endswith("0"))


@pytest.mark.parametrize(
    ("code", "typed", "value", "noted"),
    [
        ("en", "1,250", "1250", True),
        ("en", "1.250", "1.25", False),
        ("en", "1,250.5", "1250.5", True),
        ("en", "30", "30", False),
        ("fr", "1250,5", "1250.5", True),
        ("fr", "1 250,5", "1250.5", True),
        ("fr", "1\u202f250,5", "1250.5", True),
        ("fr", "1.5", "1.5", False),
        ("es", "1.250", "1250", True),
        ("ru", "1\u00a0250,5", "1250.5", True),
        ("zh", "1,250.5", "1250.5", True),
        ("ar", "\u200e-1,250.5", "-1250.5", True),
    ],
)
def test_the_locales_own_separators_are_read(code, typed, value, noted) -> None:
    reading = read_decimal(typed, code)
    assert reading.value == Decimal(value) and reading.reinterpreted == noted


@pytest.mark.parametrize(
    ("code", "typed", "says"),
    [
        ("en", "1,25", "type 1.25 for a decimal number or 125 for a whole number"),
        ("fr", "1.250", "type 1,250 for a decimal number or 1\u202f250 for a whole number"),
        ("es", "1.5", "type 1,5 for a decimal number or 15 for a whole number"),
        ("en", "1.250,5", "Enter a plain number such as 12.5 or 1,250"),
        ("en", "NaN", "plain number"),
        ("en", "1e5", "plain number"),
        ("en", "1,,250", "plain number"),
    ],
)
def test_what_reads_two_ways_or_no_way_is_refused_saying_what_to_type(code, typed, says) -> None:
    with pytest.raises(ValueError, match=says):
        read_decimal(typed, code)


@pytest.mark.parametrize(
    ("code", "typed"),
    [
        ("en", "2019-06-30"),
        ("en", "30 June 2019"),
        ("fr", "30 juin 2019"),
        ("es", "30 de junio de 2019"),
        ("ru", "30 июня 2019 г."),
        ("zh", "2019年6月30日"),
        ("ar", "30 يونيو 2019"),
    ],
)
def test_a_date_is_read_in_iso_or_as_the_example_is_written(code: str, typed: str) -> None:
    assert read_date(typed, code) == dt.date(2019, 6, 30)


@pytest.mark.parametrize("typed", ["31/12/2019", "2019-02-30", "30 Juno 2019", "tomorrow"])
def test_a_date_that_is_not_one_asks_for_a_date_with_an_example(typed: str) -> None:
    with pytest.raises(ValueError, match="Choose a date, e.g. 30 June 2019."):
        read_date(typed, "en")


@pytest.mark.parametrize("code", LOCALES)
@given(day=st.dates(min_value=dt.date(1000, 1, 1)))
def test_the_examples_form_reads_back_in_every_locale(code: str, day: dt.date) -> None:
    english = NullTranslations()
    indicators.i18n.install(lambda: english, lambda: code)
    try:
        example = fmt_long_date(day)
    finally:
        indicators.i18n.install(lambda: english, lambda: "en")
    assert read_date(example, code) == day
    assert read_date(localized.long_date(day, code), code) == day
    assert read_date(day.isoformat(), code) == day
