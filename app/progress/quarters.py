"""Parse quarter keys like 2019Q3 (a stop-gap until indicators.periods lands here)."""

from __future__ import annotations

import datetime as dt
import re

_KEY = re.compile(r"^(\d{4})Q([1-4])$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


def parse_quarter(key: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a quarter key; raise ValueError if malformed."""
    match = _KEY.match(key or "")
    if match is None:
        raise ValueError("Write the quarter as YYYYQn, e.g. 2019Q3.")
    year, quarter = int(match.group(1)), int(match.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}.")
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def is_quarter(key: str) -> bool:
    """Tell whether a text is a valid quarter key."""
    try:
        parse_quarter(key)
    except ValueError:
        return False
    return True
