"""CSV and XLSX exports from headers and rows, with formula-like text neutralised (T46).

A cell text starting with `= + - @`, tab, carriage return or NUL could run as a formula when a
spreadsheet opens the export; it gets a leading apostrophe, and in XLSX is forced to a string.
Numbers (int, Decimal, float) stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

Cell = str | int | Decimal | float | date | datetime | Enum | None
Rows = Iterable[Sequence[Cell]]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31


def neutralise(text: str) -> str:
    """Prefix an apostrophe to text that a spreadsheet could read as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _plain(value: Cell) -> str | int | Decimal | float | date | None:
    """Reduce enums to their value and booleans to text; leave the rest as it is."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    return value


def _csv_field(value: Cell) -> str | int | Decimal | float:
    """Turn one value into a CSV field, text neutralised, dates in ISO form."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value).replace("\0", "")
    return value


def to_csv(headers: Sequence[str], rows: Rows, *, bom: bool = False) -> bytes:
    """Write headers and rows as UTF-8 CSV bytes, with a BOM for Excel when asked."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([_csv_field(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_field(v) for v in row])
    return ("\ufeff" if bom else "").encode() + buf.getvalue().encode("utf-8")


def _xlsx_cell(ws: Any, value: Cell, bold: bool = False) -> Any:
    """Make a write-only cell; text is neutralised, cleaned and always typed as a string."""
    value = _plain(value)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # openpyxl would store "=..." as a formula otherwise
    else:
        # openpyxl writes Decimal and date cells as numbers and dates; its stub lists fewer types.
        cell = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
    if bold:
        cell.font = Font(bold=True)
    return cell


def sheet_title(name: str, taken: set[str]) -> str:
    """Make a valid, unique worksheet title: no []:*?/\\, at most 31 characters."""
    base = SHEET_FORBIDDEN.sub("_", ILLEGAL_CHARACTERS_RE.sub("", name)).strip("'") or "Sheet"
    title, n = base[:SHEET_MAX], 1
    while title.lower() in taken:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_MAX - len(suffix)] + suffix
    taken.add(title.lower())
    return title


def to_xlsx(sheets: Mapping[str, tuple[Sequence[str], Rows]]) -> bytes:
    """Write one worksheet per entry (headers, rows) with a streaming write-only workbook."""
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    for name, (headers, rows) in sheets.items():
        ws = wb.create_sheet(sheet_title(name, taken))
        ws.append([_xlsx_cell(ws, h, bold=True) for h in headers])
        for row in rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
    if not sheets:
        wb.create_sheet("Export")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
