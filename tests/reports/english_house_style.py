"""The English formatters before the locale came in: the oracle of test_locale_formats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from indicators.types import AchievementStatus

STATUS_WORDS = {
    AchievementStatus.ON_TRACK: "On track",
    AchievementStatus.AT_RISK: "At risk",
    AchievementStatus.OFF_TRACK: "Off track",
    AchievementStatus.NOT_ASSESSED: "Not assessed",
}
DASH = "\u2013"
NBSP = "\u00a0"


def fmt_number(value: Decimal | int | None, places: int = 0) -> str:
    """Format a number with thousands separators, or a dash when missing."""
    if value is None:
        return DASH
    if isinstance(value, int):
        return f"{value:,}"
    if not value.is_finite():
        return DASH
    quantum = Decimal(1).scaleb(-places)
    return f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,}"


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
    """Format a US dollar amount in millions with one decimal, e.g. "US$ 12.3 million"."""
    return f"US$ {fmt_number(value / Decimal(1_000_000), 1)} million"


def fmt_pct(value: Decimal | None, places: int = 0) -> str:
    """Format a percentage such as "85 %", or a dash when not assessed."""
    if value is None:
        return DASH
    return f"{fmt_number(value, places)} %"


def fmt_any(value: str | Decimal | int | None) -> str:
    """Format a preformatted string, a Decimal or an int for display."""
    if isinstance(value, str):
        return value
    return fmt_value(value)


def status_word(status: AchievementStatus) -> str:
    """Return the word that names an achievement status."""
    return STATUS_WORDS[status]


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
    """Write a date the United Nations way, e.g. "31 August 2019" (no locale involved)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fmt_month_year(day: dt.date) -> str:
    """Write the month and year of a date, e.g. "August 2019"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def fmt_usd(value: Decimal) -> str:
    """Write a US dollar amount in running text: "$949,111", "$522.3 million", "$1.2 billion".

    Amounts under a million are whole dollars; from a million on, millions with one decimal;
    from a thousand million on, billions with one decimal (each rounded half-up, and the unit
    chosen after rounding, so 999,999.6 reads "$1.0 million", never "$1,000,000").
    """
    sign = "-" if value < 0 else ""
    dollars = abs(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if dollars < MILLION:
        return f"{sign}${dollars:,}"
    millions = (abs(value) / MILLION).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if millions < THOUSAND:
        return f"{sign}${millions:,} million"
    billions = (abs(value) / MILLION / THOUSAND).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{sign}${billions:,} billion"


def fmt_per_cent(value: Decimal | int, places: int = 0) -> str:
    """Write a percentage in running text, always in figures: "33 per cent", "50.9 per cent"."""
    return f"{fmt_number(Decimal(value), places)} per cent"


def fmt_cardinal(count: int, words: bool = True) -> str:
    """Write a whole number: in words under 10 when `words` is set ("nine"), else "1,234"."""
    if words and 0 <= count < len(NUMBER_WORDS):
        return NUMBER_WORDS[count]
    return f"{count:,}"


def fmt_count(count: int, singular: str, plural: str | None = None, words: bool = True) -> str:
    """Write a count with its noun: "one project", "nine projects", "10 projects", "1 project".

    Numbers under 10 are words when `words` is set (the Editorial Manual's rule); pass False
    where the count stands in a series with numbers of 10 or more of the same kind.
    """
    noun = singular if count == 1 else (plural or f"{singular}s")
    if words and count == 0:
        return f"no {noun}"
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
        return "less than 1 per cent"
    if rounded == 100 and part != whole:
        return "more than 99 per cent"
    return fmt_per_cent(rounded)


def fmt_series(items: Sequence[str]) -> str:
    """Join items the house way: "a", "a and b", "a, b and c"."""
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """Count a noun: "1 project", "2 projects", "1,204 projects" (or the plural given)."""
    word = noun if count == 1 else (plural_noun or f"{noun}s")
    return f"{count:,} {word}"


def fmt_measured(value: Decimal | int | None, measure: str) -> str:
    """Format an indicator figure by its measure: percentages "60.9 %" (one decimal, the sign
    kept with the number), ratios with two decimals ("100.00"), numbers with the decimals they
    have, a dash when missing."""
    if measure == "percentage" and value is not None:
        return f"{fmt_number(value, 1)}{NBSP}%"
    if measure == "ratio" and value is not None:
        return fmt_number(value, 2)
    return fmt_value(value)


def indicator_status_word(status: AchievementStatus, measure: str) -> str:
    """Name a row's status; a qualitative indicator is reported as text, never scored."""
    return "Not scored (text)" if measure == "qualitative" else status_word(status)
