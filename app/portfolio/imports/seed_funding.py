"""The seed funding file: the projects the Trust Fund seed-funded in a year (docs/interfaces.md 2).

Rows are keyed by year and title (runs of spaces in a title count as one); the entity column is
optional, and a file without it leaves the entity of stored projects as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from app.models.reference import SEED_FUNDING_FIRST_YEAR, SEED_FUNDING_LAST_YEAR
from app.portfolio.imports import fields
from app.portfolio.imports.fields import CellProblem
from app.portfolio.imports.reader import Columns, Row
from app.portfolio.imports.rows import Parser, parse_row
from app.reference.seed_funding import same_title

COLUMNS = Columns(
    known=("year", "title", "cost_usd", "entity"),
    required=("year", "title", "cost_usd"),
)
MAX_TITLE = 500


def year(value: str) -> int:
    """Return a year written with four digits, within the years the table accepts."""
    if not value:
        raise CellProblem(_("required"))
    low, high = SEED_FUNDING_FIRST_YEAR, SEED_FUNDING_LAST_YEAR
    if not (value.isascii() and value.isdigit() and len(value) == 4 and low <= int(value) <= high):
        raise CellProblem(
            _(
                "%(value)s is not a year written with four digits, %(low)s to %(high)s",
                value=repr(value),
                low=low,
                high=high,
            )
        )
    return int(value)


def cost(value: str) -> Decimal:
    """Return a cost in US dollars: a plain decimal above 0, at most 2 places."""
    if value.startswith("-"):
        raise CellProblem(
            _("%(value)s is negative; a cost is an amount above 0", value=repr(value))
        )
    number = fields.amount(value)
    if number == 0:
        raise CellProblem("0 is not a cost; a seed-funded project costs more than 0")
    return number


def title(value: str) -> str:
    """Return a required title of at most MAX_TITLE characters, its spaces made single."""
    return same_title(fields.required_text(value, MAX_TITLE))


PARSERS: dict[str, Parser] = {
    "year": year,
    "title": title,
    "cost_usd": cost,
    "entity": lambda v: fields.optional_text(v, 20),
}


def validate(
    rows: Iterable[Row], entities: Mapping[str, int], problems: list[str]
) -> list[dict[str, Any]]:
    """Return each valid row as SeedFundingProject values; append problems for the others."""
    records = []
    first: dict[tuple[int, str], int] = {}
    for number, row in rows:
        before = len(problems)
        parsed = parse_row(number, row, PARSERS, problems)
        if "entity" in row and parsed.get("entity") and parsed["entity"] not in entities:
            problem = _("%(value)s is not a Compact entity", value=repr(parsed["entity"]))
            problems.append(f"row {number}: entity: {problem}")
        key = (parsed.get("year"), parsed.get("title"))
        if None not in key and key in first:
            again = _(
                "%(title)s for %(year)s already appears in row %(row)s",
                title=repr(key[1]),
                year=key[0],
                row=first[key],
            )
            problems.append(f"row {number}: title: {again}")
        if len(problems) == before:
            first[(parsed["year"], parsed["title"])] = number
            records.append(_record(parsed, row, entities))
    return records


def _record(
    parsed: dict[str, Any], row: dict[str, str], entities: Mapping[str, int]
) -> dict[str, Any]:
    values: dict[str, Any] = {name: parsed[name] for name in ("year", "title", "cost_usd")}
    if "entity" in row:  # the file has the column: an empty cell means "no entity"
        values["entity_id"] = entities.get(parsed["entity"]) if parsed["entity"] else None
    return values
