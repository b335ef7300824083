"""Quarterly reporting periods keyed like "2019Q3"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from indicators.i18n import gettext

_KEY = re.compile(r"^(\d{4})Q([1-4])$")
MIN_YEAR = 1900
MAX_YEAR = 2999
_LAST_DAY = {1: 31, 2: 30, 3: 30, 4: 31}


@dataclass(frozen=True, order=True)
class PeriodKey:
    """A calendar quarter; orders chronologically (year, then quarter)."""

    year: int
    quarter: int

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"year {self.year} is outside {MIN_YEAR}-{MAX_YEAR}")
        if self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter {self.quarter} is not 1, 2, 3 or 4")

    @classmethod
    def parse(cls, text: str) -> PeriodKey:
        """Read a key such as "2019Q3" (surrounding spaces and a lower-case q are accepted)."""
        match = _KEY.match(text.strip().upper()) if isinstance(text, str) else None
        if match is None:
            raise ValueError(
                gettext(
                    "%(text)s is not a reporting period: expected YEAR then Q1-Q4, e.g. 2019Q3",
                    text=repr(text),
                )
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def from_date(cls, day: date) -> PeriodKey:
        """Return the quarter that contains a date."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @staticmethod
    def range(first: PeriodKey, last: PeriodKey) -> list[PeriodKey]:
        """List the quarters from first to last, both included (empty when last < first)."""
        keys: list[PeriodKey] = []
        current = first
        while current <= last:
            keys.append(current)
            current = current.next()
        return keys

    def __str__(self) -> str:
        return f"{self.year}Q{self.quarter}"

    def start(self) -> date:
        """Return the first day of the quarter."""
        return date(self.year, 3 * self.quarter - 2, 1)

    def end(self) -> date:
        """Return the last day of the quarter."""
        return date(self.year, 3 * self.quarter, _LAST_DAY[self.quarter])

    def previous(self) -> PeriodKey:
        """Return the quarter before this one."""
        if self.quarter == 1:
            return PeriodKey(self.year - 1, 4)
        return PeriodKey(self.year, self.quarter - 1)

    def next(self) -> PeriodKey:
        """Return the quarter after this one."""
        if self.quarter == 4:
            return PeriodKey(self.year + 1, 1)
        return PeriodKey(self.year, self.quarter + 1)

    def index(self) -> int:
        """Return a running quarter number, so that b.index() - a.index() counts quarters."""
        return self.year * 4 + self.quarter - 1


def parse(text: str) -> PeriodKey:
    """Read a period key such as "2019Q3"."""
    return PeriodKey.parse(text)


def period_range(first: PeriodKey, last: PeriodKey) -> list[PeriodKey]:
    """List the quarters from first to last, both included."""
    return PeriodKey.range(first, last)


def from_date(day: date) -> PeriodKey:
    """Return the quarter that contains a date."""
    return PeriodKey.from_date(day)


def year_of(period: PeriodKey | str) -> int:
    """Return the calendar year of a period key or of its text form."""
    key = PeriodKey.parse(period) if isinstance(period, str) else period
    return key.year


FIRST_OPEN_YEAR, LAST_OPEN_YEAR = 2000, 2100  # the years a reporting period may be opened for


def parse_quarter(key: str) -> tuple[date, date]:
    """Return the first and last day of a canonical key ("2019Q3" exactly, years 2000-2100).

    The period pages take only the canonical form, so that one quarter has one key; raise
    ValueError with a message for the user otherwise.
    """
    try:
        period: PeriodKey | None = PeriodKey.parse(key or "")
    except ValueError:
        period = None
    if period is None or str(period) != key:
        raise ValueError(gettext("Write the quarter as YYYYQn, e.g. 2019Q3."))
    if not FIRST_OPEN_YEAR <= period.year <= LAST_OPEN_YEAR:
        raise ValueError(
            gettext(
                "The year must be between %(first)s and %(last)s.",
                first=FIRST_OPEN_YEAR,
                last=LAST_OPEN_YEAR,
            )
        )
    return period.start(), period.end()


def is_quarter(key: str) -> bool:
    """Tell whether a text is a canonical quarter key that a period may be opened for."""
    try:
        parse_quarter(key)
    except ValueError:
        return False
    return True
