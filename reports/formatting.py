"""Text formatting of figures shared by the PDF, chart and table renderers.

Every figure is written for the reader's locale (`reports.localized`: Babel's separators, percent
patterns, list patterns and month names); English keeps the house style below byte for byte.
Data exports call these inside `locale_free()`, so they never change with the language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from indicators.types import AchievementStatus
from reports import localized
from reports.localized import gettext, is_english, locale_free, ngettext

__all__ = ["locale_free"]

DASH = "\u2013"
NBSP = "\u00a0"


def status_word(status: AchievementStatus) -> str:
    """Return the word that names an achievement status, in the reader's language."""
    words = {
        AchievementStatus.ON_TRACK: gettext("On track"),
        AchievementStatus.AT_RISK: gettext("At risk"),
        AchievementStatus.OFF_TRACK: gettext("Off track"),
        AchievementStatus.NOT_ASSESSED: gettext("Not assessed"),
    }
    return words[status]


def _rounded(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def fmt_number(value: Decimal | int | None, places: int = 0) -> str:
    """Format a number with thousands separators, or a dash when missing."""
    if value is None:
        return DASH
    if isinstance(value, int):
        return localized.decimal(Decimal(value), 0)
    if not value.is_finite():
        return DASH
    return localized.decimal(_rounded(value, places), places)


def fmt_value(value: Decimal | int | None) -> str:
    """Format a value with the decimals it has, at most two: 684.2, 46.5, 1,040."""
    if isinstance(value, Decimal) and value.is_finite() and value != value.to_integral_value():
        exponent = value.normalize().as_tuple().exponent
        return fmt_number(value, min(-exponent if isinstance(exponent, int) else 2, 2))
    return fmt_number(value)


def fmt_money(value: Decimal | None) -> str:
    """Format a US dollar amount in whole dollars, e.g. "1,234,567"."""
    return fmt_number(value)


def fmt_millions(value: Decimal) -> str:
    """Format a US dollar amount in millions with one decimal, e.g. "US$ 12.3 million" (in
    Chinese, in myriads: "1230万美元")."""
    if (counted := localized.myriads(value)) is not None:
        return gettext("$%(amount)s", amount=counted)
    return gettext("US$ %(amount)s million", amount=fmt_number(value / Decimal(1_000_000), 1))


def fmt_pct(value: Decimal | None, places: int = 0) -> str:
    """Format a percentage such as "85 %", or a dash when not assessed."""
    if value is None:
        return DASH
    if not is_english() and value.is_finite():
        return localized.percent(_rounded(value, places), places)
    return f"{fmt_number(value, places)} %"


def fmt_any(value: str | Decimal | int | None) -> str:
    """Format a preformatted string, a Decimal or an int for display."""
    if isinstance(value, str):
        return value
    return fmt_value(value)


# House style of running text (United Nations Editorial Manual): "33 per cent",
# "$522.3 million", "31 August 2019", numbers under 10 in words. Tables keep the forms above.

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MILLION = Decimal(1_000_000)
THOUSAND = Decimal(1_000)


def fmt_long_date(day: dt.date) -> str:
    """Write a date the United Nations way, e.g. "31 August 2019" ("31 août 2019" in French)."""
    if not is_english():
        return localized.long_date(day)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fmt_month_year(day: dt.date) -> str:
    """Write the month and year of a date, e.g. "August 2019" ("août 2019")."""
    if not is_english():
        return localized.month_year(day)
    return f"{MONTHS[day.month - 1]} {day.year}"


def fmt_medium_date(day: dt.date) -> str:
    """Write a date for a page in the locale's medium format: "30 Jun 2019", "30 juin 2019"."""
    return localized.medium_date(day)


def fmt_usd(value: Decimal) -> str:
    """Write a US dollar amount in running text: "$949,111", "$522.3 million", "$1.2 billion".

    Amounts under a million are whole dollars; from a million on, millions with one decimal;
    from a thousand million on, billions with one decimal (each rounded half-up, and the unit
    chosen after rounding, so 999,999.6 reads "$1.0 million", never "$1,000,000").
    """
    sign = "-" if value < 0 else ""
    dollars = abs(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if dollars < MILLION:
        return sign + gettext("$%(amount)s", amount=fmt_number(dollars))
    if (counted := localized.myriads(dollars)) is not None:
        return sign + gettext("$%(amount)s", amount=counted)
    millions = (abs(value) / MILLION).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if millions < THOUSAND:
        amount = fmt_number(millions, 1)
        return sign + ngettext(
            "$%(amount)s million", "$%(amount)s million", int(millions), amount=amount
        )
    billions = (abs(value) / MILLION / THOUSAND).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    amount = fmt_number(billions, 1)
    return sign + ngettext(
        "$%(amount)s billion", "$%(amount)s billion", int(billions), amount=amount
    )


def fmt_per_cent(value: Decimal | int, places: int = 0) -> str:
    """Write a percentage in running text, always in figures: "33 per cent", "50.9 per cent".

    Other languages write their own percent pattern ("33 %" in French, "33%" in Chinese)."""
    if not is_english():
        return localized.percent(_rounded(Decimal(value), places), places)
    return f"{fmt_number(Decimal(value), places)} per cent"


def fmt_cardinal(count: int, words: bool = True) -> str:
    """Write a whole number: in words under 10 when `words` is set ("nine"), else "1,234".

    Words are the English Editorial Manual's rule; other languages write figures ("1 234"),
    since a number word there agrees with its noun, which only the sentence knows."""
    if words and 0 <= count < len(NUMBER_WORDS) and is_english():
        return NUMBER_WORDS[count]
    return fmt_number(count)


def fmt_count(count: int, singular: str, plural: str | None = None, words: bool = True) -> str:
    """Write a count with its noun: "one project", "nine projects", "10 projects", "1 project".

    Numbers under 10 are words when `words` is set (the Editorial Manual's rule); pass False
    where the count stands in a series with numbers of 10 or more of the same kind.
    """
    noun = singular if count == 1 else (plural or f"{singular}s")
    if words and count == 0:
        return gettext("no %(things)s", things=noun)
    return f"{fmt_cardinal(count, words)} {noun}"


def fmt_share(part: Decimal | int, whole: Decimal | int) -> str:
    """Write part / whole as a whole per cent, rounded half-up once ("33 per cent").

    A share that is neither nothing nor everything never reads "0 per cent" or "100 per cent",
    but "less than 1 per cent" or "more than 99 per cent".
    """
    if not whole:
        raise ValueError("a share of nothing has no per cent")
    exact = Decimal(part) / Decimal(whole) * 100
    rounded = exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if rounded == 0 and part:
        return gettext("less than %(share)s", share=fmt_per_cent(1))
    if rounded == 100 and part != whole:
        return gettext("more than %(share)s", share=fmt_per_cent(99))
    return fmt_per_cent(rounded)


def fmt_series(items: Sequence[str]) -> str:
    """Join items the house way: "a", "a and b", "a, b and c" ("a, b et c" in French)."""
    if not is_english():
        return localized.series(list(items))
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """Count a noun: "1 project", "2 projects", "1,204 projects" (or the plural given)."""
    word = noun if count == 1 else (plural_noun or f"{noun}s")
    return f"{fmt_number(count)} {word}"


def fmt_measured(value: Decimal | int | None, measure: str) -> str:
    """Format an indicator figure by its measure: percentages "60.9 %" (one decimal, the sign
    kept with the number), ratios with two decimals ("100.00"), numbers with the decimals they
    have, a dash when missing."""
    if measure == "percentage" and value is not None:
        if not is_english() and Decimal(value).is_finite():
            return localized.percent(_rounded(Decimal(value), 1), 1)
        return f"{fmt_number(value, 1)}{NBSP}%"
    if measure == "ratio" and value is not None:
        return fmt_number(value, 2)
    return fmt_value(value)


def indicator_status_word(status: AchievementStatus, measure: str) -> str:
    """Name a row's status; a qualitative indicator is reported as text, never scored."""
    return gettext("Not scored (text)") if measure == "qualitative" else status_word(status)
