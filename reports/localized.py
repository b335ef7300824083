"""Numbers and dates in the reader's locale (Babel's locale data), and the locale-free switch.

`reports.formatting` writes every figure people read through here. The locale is the one
`indicators.i18n.locale()` names (the request's, or English in the pure packages' tests), unless a
`locale_free()` block is active: data exports (CSV, JSON, the API) run inside one, so that they
never change with the reader's language, and `gettext` there returns the English message.
Digits are always Latin ("latn"), as in the Organization's documents in all six languages.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import NumberPattern, format_compact_decimal

import indicators.i18n

ENGLISH = "en"
_FORCED: ContextVar[str | None] = ContextVar("reports_forced_locale", default=None)


@contextmanager
def locale_free() -> Iterator[None]:
    """Format in English and leave messages untranslated inside the block (data exports)."""
    token = _FORCED.set(ENGLISH)
    try:
        yield
    finally:
        _FORCED.reset(token)


def current() -> str:
    """Return the locale figures are written for: the forced one, else the reader's."""
    return _FORCED.get() or indicators.i18n.locale() or ENGLISH


def is_english() -> bool:
    """Tell whether figures are written the English (house style) way."""
    return language(current()) == ENGLISH


def language(code: str) -> str:
    """Return the language part of a locale code ("fr" of "fr_CA"), English when unknown."""
    return _locale(code).language


def locale_of(code: str) -> Locale:
    """Return Babel's data of a locale code, English when the code is unknown."""
    return _locale(code)


@cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(ENGLISH)


# Languages that count large amounts in ten thousands (万) and hundred millions (亿) rather
# than in millions: "5.22亿美元" for $522.3 million, never "522.3百万美元".
MYRIAD_LANGUAGES = frozenset({"zh"})


def myriads(value: Decimal, code: str | None = None) -> str | None:
    """Write a large amount in the language's own myriad units, CLDR's short compact pattern
    through Babel ("5.22亿", "1230万"); None where the language counts in millions."""
    locale = _locale(code or current())
    if locale.language not in MYRIAD_LANGUAGES:
        return None
    return format_compact_decimal(value, format_type="short", locale=locale, fraction_digits=2)


def gettext(message: str, **variables: object) -> str:
    """Translate a message into the reader's language; English in a `locale_free()` block."""
    if _FORCED.get() is not None:
        return message % variables if variables else message
    return indicators.i18n.gettext(message, **variables)


def ngettext(singular: str, plural: str, n: int, **variables: object) -> str:
    """Choose and translate the form for n; English in a `locale_free()` block."""
    if _FORCED.get() is not None:
        return (singular if n == 1 else plural) % {"num": n, **variables}
    return indicators.i18n.ngettext(singular, plural, n, **variables)


@cache
def _pattern(code: str, kind: str, places: int) -> NumberPattern:
    """The locale's decimal (or percent) pattern with exactly `places` decimals."""
    locale = _locale(code)
    formats = locale.percent_formats if kind == "percent" else locale.decimal_formats
    pattern: NumberPattern = copy.copy(formats[None])
    pattern.frac_prec = (places, places)
    return pattern


def decimal(value: Decimal, places: int, code: str | None = None) -> str:
    """Write a number already rounded to `places` decimals with the locale's separators.

    Babel's pattern is the rule; where the locale's pattern is the plain "#,##0.###" (each of
    the six languages), Python's own "," format with the locale's symbols writes the same text
    ten times faster (a comparison page writes hundreds of figures; a property test holds the
    two equal)."""
    locale = code or current()
    symbols = _plain_symbols(locale)
    if symbols is None:
        return str(_pattern(locale, "decimal", places).apply(value, _locale(locale)))
    minus, group, point = symbols
    text = f"{abs(value):,.{places}f}".replace(",", "\0").replace(".", point)
    return (minus if value.is_signed() else "") + text.replace("\0", group)  # "-0" too


PROBE = Decimal("-1234567.25")


@cache
def _plain_symbols(code: str) -> tuple[str, str, str] | None:
    """Return the locale's minus sign, group and decimal symbols when it writes numbers in the
    plain grouped pattern (as Babel writes PROBE), else None."""
    pattern = _locale(code).decimal_formats[None]
    if pattern.grouping != (3, 3) or pattern.prefix != ("", "-") or pattern.suffix != ("", ""):
        return None
    written = str(_pattern(code, "decimal", 2).apply(PROBE, _locale(code)))
    found = re.fullmatch(r"(?P<minus>\D*)1(?P<group>\D+)234(?P=group)567(?P<point>\D+)25", written)
    if found is None:
        return None
    return found["minus"], found["group"], found["point"]


def percent(value: Decimal, places: int, code: str | None = None) -> str:
    """Write a percentage (85 for 85 %) already rounded, in the locale's percent pattern."""
    locale = code or current()
    return str(_pattern(locale, "percent", places).apply(value / 100, _locale(locale)))


def series(items: list[str], code: str | None = None) -> str:
    """Join items with the locale's list pattern ("a, b et c", "a、b和c")."""
    return format_list(items, style="standard", locale=_locale(code or current()))


def long_date(day: dt.date, code: str | None = None) -> str:
    """Write a date in the locale's long format ("31 août 2019", "2019年8月31日")."""
    return format_date(day, "long", locale=_locale(code or current()))


def medium_date(day: dt.date, code: str | None = None) -> str:
    """Write a date in the locale's medium format; English day first ("31 Aug 2019")."""
    locale = code or current()
    if language(locale) == ENGLISH:
        locale = "en_GB"  # the Organization writes day, month, year
    return format_date(day, "medium", locale=_locale(locale))


def month_year(day: dt.date, code: str | None = None) -> str:
    """Write a month and year in the locale's own way ("août 2019", "2019年8月")."""
    return format_skeleton("yMMMM", day, locale=_locale(code or current()))


def symbols(code: str | None = None) -> tuple[str, str]:
    """Return the locale's decimal and grouping separators (Latin digits)."""
    locale = _locale(code or current())
    latn = locale.number_symbols["latn"]
    return str(latn["decimal"]), str(latn["group"])
