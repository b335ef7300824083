"""The read endpoints' query parameters and paged answers: `page`, `per_page`, choices.

Anything the API does not know is a JSON 400 naming the parameter; a page past the end answers
the last page (its number is in the answer).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from flask import request

from app.api.views import BadRequest, _per_page
from app.compare.params import page_number

MAX_PAGE_DIGITS = 6


def page() -> int:
    """Read ?page= (default 1); anything but a whole number from 1 is a 400."""
    value = request.args.get("page", "")
    if value and not (value.isdigit() and len(value) <= MAX_PAGE_DIGITS and int(value) >= 1):
        raise BadRequest("page: give a whole number from 1 to 999999")
    return page_number(request.args)


def per_page() -> int:
    """Read ?per_page= (default 100, at most 200); anything else is a 400."""
    return _per_page()


def pages_of(total: int, size: int) -> int:
    """Return how many pages hold `total` items, at least one."""
    return max(1, -(-total // size))


def clamp(number: int, total: int, size: int) -> int:
    """Return the page to answer: the one asked for, or the last page when it is past the end."""
    return min(number, pages_of(total, size))


def paged(key: str, items: list[Any], number: int, size: int, total: int) -> dict[str, Any]:
    """Return a paged answer: page, pages, per_page, total and the items under `key`."""
    body = {"page": number, "pages": pages_of(total, size), "per_page": size, "total": total}
    return {**body, key: items}


def choice(name: str, allowed: Collection[str], hint: str = "") -> str:
    """Read an optional parameter that must be one of `allowed` ("" when absent or empty)."""
    value = request.args.get(name, "")
    if value and value not in allowed:
        shown = hint or "one of " + ", ".join(sorted(allowed)[:20])
        raise BadRequest(f"{name}: {value!r} is not known; give {shown}")
    return value


def utc_iso(at: dt.datetime | None) -> str | None:
    """Return a time in ISO 8601 UTC ("2019-10-10T09:00:00Z"); a naive time is UTC already."""
    if at is None:
        return None
    aware = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    return aware.isoformat().replace("+00:00", "Z")
