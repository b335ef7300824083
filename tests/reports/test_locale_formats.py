"""Figures in the reader's locale: Babel's separators, percent and list patterns, month names.

English must stay byte for byte what it was (the oracle is the previous module, kept in
tests/reports/english_house_style.py); the other five languages follow Babel's own output, and
what a formatter writes reads back to the number it was given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from gettext import NullTranslations

import pytest
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, parse_decimal
from hypothesis import given
from hypothesis import strategies as st

import indicators.i18n
from reports import formatting as f
from reports import localized
from reports.pdf import render_baseline, render_quarterly
from tests.reports import english_house_style as old
from tests.reports.pdftext import body_text
from tests.reports.sample import sample_baseline, sample_quarterly

LOCALES = ("en", "fr", "es", "ru", "zh", "ar")
OTHERS = LOCALES[1:]
numbers = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=4)
amounts = st.decimals(min_value=Decimal(0), max_value=Decimal("5e12"), places=2)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@contextmanager
def reading_in(code: str) -> Iterator[None]:
    """Format as in a request whose locale is `code` (no catalogue: English messages)."""
    english = NullTranslations()
    indicators.i18n.install(lambda: english, lambda: code)
    try:
        yield
    finally:
        indicators.i18n.install(lambda: english, lambda: "en")


@given(numbers, st.integers(min_value=0, max_value=4))
def test_english_numbers_are_written_as_before(value: Decimal, places: int) -> None:
    assert f.fmt_number(value, places) == old.fmt_number(value, places)
    assert f.fmt_value(value) == old.fmt_value(value)
    assert f.fmt_pct(value, places) == old.fmt_pct(value, places)
    assert f.fmt_measured(value, "percentage") == old.fmt_measured(value, "percentage")
    assert f.fmt_measured(value, "ratio") == old.fmt_measured(value, "ratio")


@given(amounts, st.integers(min_value=-(10**9), max_value=10**9))
def test_english_money_and_counts_are_written_as_before(value: Decimal, count: int) -> None:
    assert f.fmt_usd(value) == old.fmt_usd(value)
    assert f.fmt_usd(-value) == old.fmt_usd(-value)
    assert f.fmt_millions(value) == old.fmt_millions(value)
    assert f.fmt_number(count) == old.fmt_number(count)
    assert f.fmt_cardinal(abs(count)) == old.fmt_cardinal(abs(count))
    assert f.fmt_count(abs(count) % 20, "project") == old.fmt_count(abs(count) % 20, "project")
    assert f.plural(count, "project") == old.plural(count, "project")


@given(days, st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=500))
def test_english_dates_shares_and_series_are_written_as_before(
    day: dt.date, part: int, extra: int
) -> None:
    assert f.fmt_long_date(day) == old.fmt_long_date(day)
    assert f.fmt_month_year(day) == old.fmt_month_year(day)
    assert f.fmt_share(part, part + extra) == old.fmt_share(part, part + extra)
    items = [f"item {n}" for n in range(extra % 5)]
    assert f.fmt_series(items) == old.fmt_series(items)


@pytest.mark.parametrize("code", LOCALES)
@given(value=numbers, places=st.integers(min_value=0, max_value=4))
def test_a_number_reads_back_in_its_locale(code: str, value: Decimal, places: int) -> None:
    with reading_in(code):
        text = f.fmt_number(value, places)
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert parse_decimal(text, locale=code, strict=True) == rounded
    assert get_decimal_symbol(code) in text or places == 0


@pytest.mark.parametrize("code", OTHERS)
@given(day=days)
def test_a_date_names_its_month_in_the_locale(code: str, day: dt.date) -> None:
    with reading_in(code):
        text, month = f.fmt_long_date(day), f.fmt_month_year(day)
    assert str(day.year) in text and str(day.year) in month
    assert text == localized.long_date(day, code)
    assert not any(name in text for name in old.MONTHS)


def test_french_money_and_shares_use_french_separators_and_signs() -> None:
    with reading_in("fr"):
        assert f.fmt_number(Decimal("1250.5"), 1) == format_decimal(
            Decimal("1250.5"), "#,##0.0", locale="fr"
        )
        assert f"522{get_decimal_symbol('fr')}3" in f.fmt_usd(Decimal("522_300_000"))
        assert f.fmt_per_cent(33) == "33\u00a0%"
        assert f.fmt_share(1, 1000) == "less than 1\u00a0%"
        assert f.fmt_series(["a", "b", "c"]) == "a, b et c"
        assert f.fmt_long_date(dt.date(2019, 8, 31)) == "31 août 2019"
        assert f.fmt_month_year(dt.date(2019, 8, 31)) == "août 2019"
        assert f.fmt_cardinal(9) == "9"  # number words are the English manual's rule
        assert f.fmt_value(Decimal("1250.0000")) == f"1{get_group_symbol('fr')}250"


@pytest.mark.parametrize(
    ("code", "series", "date", "percent"),
    [
        ("en", "a, b and c", "31 August 2019", "33 per cent"),
        ("es", "a, b y c", "31 de agosto de 2019", "33\u00a0%"),
        ("ru", "a, b и c", "31 августа 2019\u202fг.", "33\u00a0%"),
        ("zh", "a、b和c", "2019年8月31日", "33%"),
        ("ar", "a وb وc", "31 أغسطس 2019", localized.percent(Decimal(33), 0, "ar")),
    ],
)
def test_each_language_writes_its_own_lists_dates_and_per_cents(
    code: str, series: str, date: str, percent: str
) -> None:
    with reading_in(code):
        assert f.fmt_series(["a", "b", "c"]) == series
        assert f.fmt_long_date(dt.date(2019, 8, 31)) == date
        assert f.fmt_per_cent(33) == percent
        assert f.fmt_number(1250) == format_decimal(1250, "#,##0", locale=code)


def test_a_locale_free_block_writes_english_whatever_the_reader() -> None:
    with reading_in("fr"), f.locale_free():
        assert f.fmt_number(Decimal("1250.5"), 1) == "1,250.5"
        assert f.fmt_long_date(dt.date(2019, 8, 31)) == "31 August 2019"
        assert f.fmt_usd(Decimal("522_300_000")) == "$522.3 million"
    with reading_in("fr"):
        assert f.fmt_number(Decimal("1250.5"), 1) != "1,250.5"


def test_an_unknown_locale_is_written_in_english() -> None:
    with reading_in("xx"):
        assert f.fmt_number(Decimal("1250.5"), 1) == "1,250.5"


@pytest.mark.parametrize("code", OTHERS)
def test_the_pdfs_render_with_the_locales_figures(code: str) -> None:
    with reading_in(code):
        quarterly = body_text(render_quarterly(sample_quarterly(annex_size=3)))
        baseline = render_baseline(sample_baseline())
        date = f.fmt_long_date(sample_quarterly().as_of)
    assert baseline.startswith(b"%PDF")
    assert date.split()[0] in quarterly  # the as-of date written the locale's way


@pytest.mark.parametrize(
    ("value", "counted"),
    [
        (Decimal("522_300_000"), "5.22亿"),
        (Decimal("1_234_567_890"), "12.35亿"),
        (Decimal("12_300_000"), "1230万"),
        (Decimal("1_000_000"), "100万"),
    ],
)
def test_chinese_counts_large_amounts_in_myriads_not_millions(value: Decimal, counted: str) -> None:
    with reading_in("zh"):
        text = f.fmt_usd(value)
        assert f.fmt_usd(-value) == "-" + text
    assert counted in text
    assert "million" not in text and "billion" not in text
    with reading_in("zh_Hant"):
        assert counted.replace("亿", "億").replace("万", "萬") in f.fmt_usd(value)
    with reading_in("fr"):
        assert localized.myriads(value) is None
    with reading_in("zh"):
        assert counted in f.fmt_millions(value)


@pytest.mark.parametrize("code", ["en", "ar", "zh", "fr", "ru", "es", "en_GB", "de_CH", "hi"])
@given(
    value=st.decimals(
        min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, places=6
    )
    | st.sampled_from([Decimal("-0"), Decimal("-0.00"), Decimal("-0.004"), Decimal("0.005")]),
    places=st.integers(min_value=0, max_value=4),
)
def test_a_number_is_written_as_babels_pattern_writes_it(
    code: str, value: Decimal, places: int
) -> None:
    """The fast path of localized.decimal writes what Babel's pattern writes, rounded or not
    (a locale whose pattern is not the plain one, Hindi's 2-digit groups, goes through Babel)."""
    babel = localized._pattern(code, "decimal", places).apply(value, localized.locale_of(code))
    assert localized.decimal(value, places, code) == str(babel)
