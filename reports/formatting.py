"""Text formatting of figures shared by the PDF, chart and table renderers."""

from __future__ import annotations

from datetime import date
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


def fmt_date(day: date) -> str:
    """Write a date the United Nations' way, the reports' one date format: "31 August 2019"."""
    return f"{day.day} {day:%B} {day.year}"


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """Count a noun: "1 project", "2 projects", "1,204 projects" (or the plural given)."""
    word = noun if count == 1 else (plural_noun or f"{noun}s")
    return f"{count:,} {word}"


def fmt_measured(value: Decimal | int | None, measure: str) -> str:
    """Format an indicator figure by its measure: percentages "60.9 %" (one decimal, the sign
    kept with the number), numbers with the decimals they have, a dash when missing."""
    if measure == "percentage" and value is not None:
        return f"{fmt_number(value, 1)}{NBSP}%"
    return fmt_value(value)


def indicator_status_word(status: AchievementStatus, measure: str) -> str:
    """Name a row's status; a qualitative indicator is reported as text, never scored."""
    return "Not scored (text)" if measure == "qualitative" else status_word(status)
