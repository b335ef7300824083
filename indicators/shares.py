"""Shares of a whole in percent: the one rule every figure, page and report uses.

A share is part / whole x 100, rounded half-up to one decimal (12.25 -> 12.3, never the
banker's 12.2), as the Working Group's published tables print them. An empty whole has no
share: `share_pct` says 0.0 (the JSON report's contract), `share_or_none` says None, which the
pages and PDFs write as a dash.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from indicators.i18n import N_, gettext

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


def share_or_none(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """Return part / whole in percent, rounded half-up to one decimal; None when whole is 0."""
    if not whole:
        return None
    ratio = Decimal(part) / Decimal(whole) * HUNDRED
    return ratio.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def share_pct(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """Return part / whole in percent, rounded half-up to one decimal; 0.0 when whole is 0."""
    share = share_or_none(part, whole)
    return Decimal("0.0") if share is None else share


PART_ABOVE_WHOLE = N_("The numerator cannot be above the denominator: a share is at most 100 %.")


def part_above_whole(part: Decimal | int | None, whole: Decimal | int | None) -> str | None:
    """Return why a share's part and whole cannot be stored (the part is above the whole; 4900
    of 49 would read 10,000 %), or None when they can (either missing, or part <= whole)."""
    if part is None or whole is None or part <= whole:
        return None
    return gettext(PART_ABOVE_WHOLE)


RATIO_QUANTUM = Decimal("0.01")


def parts_value(
    ratio: bool, part: Decimal | int | None, whole: Decimal | int | None
) -> Decimal | None:
    """Return the figure of a numerator and denominator: a share in percent (part / whole x
    100), a ratio as numerator / denominator (two decimals); None when either is missing or the
    whole is 0."""
    if part is None or not whole:
        return None
    if ratio:
        return (Decimal(part) / Decimal(whole)).quantize(RATIO_QUANTUM, rounding=ROUND_HALF_UP)
    return Decimal(part) / Decimal(whole) * HUNDRED


# A derived figure is stored to four decimals (the columns' scale), whatever computed it.
STORED_QUANTUM = Decimal("0.0001")


def stored_parts_value(
    ratio: bool, part: Decimal | int | None, whole: Decimal | int | None
) -> Decimal | None:
    """Return parts_value as the database stores it, so that every writer (the report form,
    the workbook, the demo) stores the same figure for the same numerator and denominator."""
    value = parts_value(ratio, part, whole)
    return None if value is None else value.quantize(STORED_QUANTUM, rounding=ROUND_HALF_UP)


def parts_problem(
    ratio: bool, part: Decimal | int | None, whole: Decimal | int | None
) -> str | None:
    """Return why a numerator and denominator cannot be stored: a share's part may not be above
    its whole; a ratio's numerator may be anything (4900 cases for 49 prosecutors is 100.00)."""
    return None if ratio else part_above_whole(part, whole)
