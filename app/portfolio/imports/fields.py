"""Parse and check one cell: each parser returns a value or raises CellProblem."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from flask_babel import gettext as _

from indicators.types import Pillar

ISO3 = re.compile(r"[A-Z]{3}")
PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PLAIN_AMOUNT = re.compile(r"\d{1,16}(\.\d{1,2})?")
MAX_AMOUNT = Decimal(10) ** 15
LIMIT_TEXT = format(MAX_AMOUNT, ",.0f")
YES_NO = {"yes": True, "no": False}
PILLARS = tuple(p.value for p in Pillar)


class CellProblem(ValueError):
    """A cell's value breaks a rule; the message says which."""


def required_text(value: str, max_length: int) -> str:
    """Return non-empty text no longer than max_length."""
    if not value:
        raise CellProblem(_("required"))
    return optional_text(value, max_length)


def optional_text(value: str, max_length: int) -> str:
    """Return text no longer than max_length."""
    if len(value) > max_length:
        raise CellProblem(
            _(
                "too long (%(length)s characters, at most %(limit)s)",
                length=len(value),
                limit=max_length,
            )
        )
    return value


def code(value: str, max_length: int = 64) -> str:
    """Return a code: required, bounded, without the list separator ';'."""
    text = required_text(value, max_length)
    if ";" in text:
        raise CellProblem(
            _("%(value)s contains ';', which separates codes in lists", value=repr(text))
        )
    return text


def choice(value: str, allowed: tuple[str, ...], required: bool = True) -> str | None:
    """Return one of the allowed values (None for an empty optional cell)."""
    if not value:
        if required:
            raise CellProblem(_("required"))
        return None
    if value not in allowed:
        raise CellProblem(
            _("%(value)s is not one of %(allowed)s", value=repr(value), allowed=", ".join(allowed))
        )
    return value


def pillar(value: str) -> str:
    """Return a pillar code I..IV."""
    return choice(value, PILLARS) or ""


def iso3(value: str) -> str:
    """Return an ISO 3166-1 alpha-3 code: three uppercase letters A-Z."""
    if not value:
        raise CellProblem(_("required"))
    if not ISO3.fullmatch(value):
        raise CellProblem(
            _(
                "%(value)s is not an ISO 3166-1 alpha-3 code (three capital letters)",
                value=repr(value),
            )
        )
    return value


def date(value: str, required: bool = True) -> dt.date | None:
    """Return a real calendar date written YYYY-MM-DD."""
    if not value:
        if required:
            raise CellProblem(_("required"))
        return None
    if not PLAIN_DATE.fullmatch(value):
        raise CellProblem(_("%(value)s is not a date written YYYY-MM-DD", value=repr(value)))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CellProblem(_("%(value)s is not a real date", value=repr(value))) from None


def amount(value: str) -> Decimal:
    """Return an amount in dollars: plain decimal >= 0, at most 2 places, at most 10^15."""
    if not value:
        raise CellProblem(_("required"))
    if not PLAIN_AMOUNT.fullmatch(value):
        raise CellProblem(
            _(
                "%(value)s is not an amount >= 0 written with digits and at most 2 decimal places",
                value=repr(value),
            )
        )
    number = Decimal(value)
    if number > MAX_AMOUNT:
        raise CellProblem(
            _("%(value)s is above the limit of %(limit)s", value=value, limit=LIMIT_TEXT)
        )
    return number


def yes_no(value: str, default: bool | None) -> bool | None:
    """Return True for yes, False for no, the default for an empty cell."""
    if not value:
        return default
    found = YES_NO.get(value.lower())
    if found is None:
        raise CellProblem(_("%(value)s is not yes or no", value=repr(value)))
    return found


def small_int(value: str, low: int, high: int) -> int | None:
    """Return a whole number between low and high (None for an empty cell)."""
    if not value:
        return None
    if (
        not value.isascii()
        or not value.isdigit()
        or len(value) > 2
        or not low <= int(value) <= high
    ):
        raise CellProblem(
            _(
                "%(value)s is not a whole number from %(low)s to %(high)s",
                value=repr(value),
                low=low,
                high=high,
            )
        )
    return int(value)


def split_list(value: str) -> list[str]:
    """Split a ';'-separated list, trimming items and skipping empty ones."""
    return [item.strip() for item in value.split(";") if item.strip()]


def iso3_list(value: str) -> frozenset[str]:
    """Return the set of ISO3 codes of a ';'-separated list."""
    return frozenset(iso3(item) for item in split_list(value))


def number_list(value: str, low: int, high: int) -> frozenset[int]:
    """Return the set of whole numbers between low and high of a ';'-separated list."""
    return frozenset(small_int(item, low, high) or 0 for item in split_list(value))
