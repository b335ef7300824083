"""Run per-column parsers over numbered rows and collect every problem."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask_babel import gettext as _

from app.portfolio.imports.fields import CellProblem
from app.portfolio.imports.reader import Row

Parser = Callable[[str], Any]


def parse_row(
    number: int, row: dict[str, str], parsers: dict[str, Parser], problems: list[str]
) -> dict[str, Any]:
    """Return the parsed values of the row's columns; append `row N: column: problem` for each
    failure. A column the file does not have is left out (the caller keeps the current value)."""
    parsed: dict[str, Any] = {}
    for column, parser in parsers.items():
        if column not in row:
            continue
        try:
            parsed[column] = parser(row[column])
        except CellProblem as problem:
            problems.append(f"row {number}: {column}: {problem}")
    return parsed


def unique_codes(rows: Iterable[Row], problems: list[str]) -> None:
    """Report a code that appears again, naming the row where it first appeared."""
    first: dict[str, int] = {}
    for number, row in rows:
        value = row.get("code", "")
        if not value:
            continue
        if value in first:
            again = _(
                "%(value)s already appears in row %(row)s", value=repr(value), row=first[value]
            )
            problems.append(f"row {number}: code: {again}")
        else:
            first[value] = number
