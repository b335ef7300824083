"""The numbers a chart writes on its axes and bars: short, exact, in the reader's locale."""

from __future__ import annotations

from babel.numbers import format_compact_decimal, format_decimal

from reports.localized import current, locale_of

MILLION = 1e6  # from here on, axis values are written compactly ("150M")


def compact_number(value: float, _position: object = None) -> str:
    """Write an axis value briefly and exactly in the reader's locale, never with an offset.

    English: 2.5 / 2,500 / 150M / 1.25B; French: 2,5 / 2 500 / 150 M / 1,25 Md.
    """
    value = round(value, 6) or 0.0  # no "-0", no float noise such as 0.30000000000000004
    where = locale_of(current())
    if abs(value) >= MILLION:
        return format_compact_decimal(value, format_type="short", locale=where, fraction_digits=2)
    return format_decimal(value, locale=where, decimal_quantization=False)
