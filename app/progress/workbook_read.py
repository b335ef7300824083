"""Read the sheets of an uploaded progress workbook into checked cells, row by row."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from app import text as clean
from app.errors import ValidationFailed
from app.progress import workbook_labels as labels
from app.progress.numbers import check_quantity, parse_quantity
from app.progress.workbook import EXTRA, HEADER, SHEET, restored
from app.progress.workbook_sheets import (
    ACTIVITIES,
    ACTIVITY_HEADER,
    MAX_NARRATIVE,
    MAX_TEXT,
    NARRATIVE_HEADER,
    NARRATIVES,
)

MAX_ROWS = 5000
# The Progress headers of older workbooks, still read: before the part rows (16 columns), and
# before the "Parts incomplete" column (18). A column a file lacks leaves its cells as stored.
OLDER = (HEADER[: len(HEADER) - len(EXTRA)], HEADER[:-1])


@dataclass(frozen=True)
class Row:
    """One data row of a sheet: where it is and its cells by column name."""

    sheet: str
    number: int
    cells: dict[str, Any]

    @property
    def place(self) -> str:
        """Return the row as the preview names it: `sheet, row N`."""
        return _("%(sheet)s, row %(row)s", sheet=labels.sheet_title(self.sheet), row=self.number)

    def where(self, column: str) -> str:
        """Return the place of a cell as a problem names it: `sheet, row N: column`."""
        return f"{self.place}: {labels.column_label(column)}"

    def ident(self, column: str) -> str:
        """Return an identifier cell as trimmed text."""
        value = self.cells.get(column)
        return "" if value is None else str(value).strip()

    def empty(self, *columns: str) -> bool:
        """Tell whether none of the columns holds anything."""
        return all(self.cells.get(c) is None or str(self.cells[c]).strip() == "" for c in columns)


@dataclass(frozen=True)
class Sheets:
    """The rows of the three input sheets (None for a sheet the file does not have)."""

    values: list[Row]
    activities: list[Row] | None
    narratives: list[Row] | None
    problems: list[str]


def read_sheets(blob: bytes) -> Sheets:
    """Return the rows of each sheet (a row with a formula left out, its problem noted).

    Refuse a header the tracker did not write."""
    try:
        import openpyxl  # loads with the first upload, not with every command

        wb = openpyxl.load_workbook(io.BytesIO(blob), read_only=True, data_only=False)
        names, problems = wb.sheetnames, list[str]()
        first = labels.find_sheet(names, SHEET)
        values = _rows(wb[first] if first else wb.worksheets[0], SHEET, HEADER, problems, OLDER)
        activities = narratives = None
        if found := labels.find_sheet(names, ACTIVITIES):
            activities = _rows(wb[found], ACTIVITIES, ACTIVITY_HEADER, problems)
        if found := labels.find_sheet(names, NARRATIVES):
            narratives = _rows(wb[found], NARRATIVES, NARRATIVE_HEADER, problems)
        wb.close()
    except ValidationFailed:
        raise
    except Exception:  # openpyxl raises many types for a broken file
        raise ValidationFailed([_("file: the workbook cannot be read")]) from None
    return Sheets(values, activities, narratives, problems)


def _rows(
    ws: Any,
    title: str,
    names: tuple[str, ...],
    problems: list[str],
    older: tuple[tuple[str, ...], ...] = (),
) -> list[Row]:
    # Read-only sheets parse cells while iterating: a cell such as <v>INF</v> raises here.
    raw = list(ws.iter_rows(max_row=MAX_ROWS + 2, max_col=len(names)))
    # Headings in any of the six languages name the same columns.
    found = (
        tuple(labels.column_name(str(c.value or "")) for c in raw[0][: len(names)]) if raw else ()
    )
    shown = tuple(n for n in found if n)
    if found != names and shown not in older:
        problem = _(
            "%(sheet)s, row 1: header: not the tracker's progress workbook",
            sheet=labels.sheet_title(title),
        )
        raise ValidationFailed([problem])
    if len(raw) > MAX_ROWS + 1:
        raise ValidationFailed([_("%(sheet)s: more than %(max)s rows", sheet=title, max=MAX_ROWS)])
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        named = dict(zip(shown, cells, strict=False))
        formulas = [n for n, c in named.items() if getattr(c, "data_type", "") == "f"]
        # A row with a formula is refused as a whole: its other cells are not read.
        problems += [
            _("%(sheet)s, row %(row)s: %(column)s: formulas are not accepted",
              sheet=title, row=number, column=n)
            for n in formulas
        ]  # fmt: skip
        if not formulas:
            values = {n: getattr(c, "value", None) for n, c in named.items()}
            rows.append(Row(title, number, values))
    return rows


def number(row: Row, column: str, problems: list[str]) -> Decimal | None:
    """Return a cell as a non-negative Decimal (None when empty), or note the problem."""
    value = row.cells.get(column)
    try:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValueError(_("Enter a plain number."))
        if isinstance(value, str):
            return parse_quantity(value)
        return check_quantity(Decimal(str(value)))
    except ValueError as error:
        problems.append(_("%(where)s: %(problem)s", where=row.where(column), problem=error))
        return None


def whole(row: Row, column: str, problems: list[str]) -> int | None:
    """Return a cell as a whole number from 0 to 100 (None when empty), or note the problem."""
    found = number(row, column, problems)
    if found is None:
        return None
    if found != found.to_integral_value() or found > 100:
        problems.append(_("%(where)s: enter a whole number from 0 to 100", where=row.where(column)))
        return None
    return int(found)


def text(row: Row, column: str, problems: list[str], limit: int = MAX_TEXT) -> str:
    """Return a cell as checked text (the export's formula apostrophe taken back)."""
    value = row.cells.get(column)
    found = restored("" if value is None else str(value).strip())
    if len(found) > limit:
        problems.append(
            _(
                "%(where)s: at most %(max)s characters",
                where=row.where(column),
                max=format(limit, ","),
            )
        )
        return ""
    if (fix := clean.problem(found)) is not None:
        problems.append(_("%(where)s: %(problem)s", where=row.where(column), problem=fix))
        return ""
    return found


__all__ = ["MAX_NARRATIVE", "Row", "Sheets", "number", "read_sheets", "text", "whole"]
