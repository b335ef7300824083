"""Check quarter keys like 2019Q3 for the period pages, on top of indicators.periods."""

from __future__ import annotations

import datetime as dt

from indicators.periods import PeriodKey

FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_quarter(key: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a canonical quarter key; raise ValueError otherwise."""
    try:
        period = PeriodKey.parse(key or "")
    except ValueError:
        period = None
    if period is None or str(period) != key:
        raise ValueError("Write the quarter as YYYYQn, e.g. 2019Q3.")
    if not FIRST_YEAR <= period.year <= LAST_YEAR:
        raise ValueError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}.")
    return period.start(), period.end()


def is_quarter(key: str) -> bool:
    """Tell whether a text is a valid quarter key."""
    try:
        parse_quarter(key)
    except ValueError:
        return False
    return True
