"""CSV and XLSX exports from headers and rows, with formula-like text neutralised (T46).

A cell text starting with `= + - @`, tab, carriage return or NUL could run as a formula when a
spreadsheet opens the export; so could the text after a comma, semicolon, tab or line break,
which a spreadsheet set to that separator reads as the start of a new cell. An apostrophe goes
before each such place, and XLSX text is forced to a string. In CSV every field that holds a
separator (comma, semicolon, tab), a quote or a line break is quoted.
Numbers (int, Decimal, float) stay numbers.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import IO, Any

Cell = str | int | Decimal | float | date | datetime | Enum | None
Rows = Iterable[Sequence[Cell]]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
# Text a spreadsheet could read as a formula: at the start, or after a separator of any locale or
# a line break (spaces and quotes allowed between), since a spreadsheet set to that separator
# starts a new cell there. The apostrophe goes before any apostrophes already there, so that
# `restore` gives back exactly the text that was neutralised.
LEADING = re.compile(r"^([ \t\"]*)(?='*[=+\-@\t\r\0])")
AFTER_SEPARATOR = re.compile(r"([,;\t\r\n][ \t\"]*)(?='*[=+\-@\0])")
LEADING_ADDED = re.compile(r"^([ \t\"]*)'(?='*[=+\-@\t\r\0])")
AFTER_SEPARATOR_ADDED = re.compile(r"([,;\t\r\n][ \t\"]*)'(?='*[=+\-@\0])")
QUOTED = re.compile(r"[,;\t\"\r\n]")
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_MAX = 31
# openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE, copied so that importing this module (every command
# and page does) does not import openpyxl; tests/reports pins that the two stay equal.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# openpyxl.cell.cell.ERROR_CODES, copied for the same reason (and pinned the same way).
ERROR_CODES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")


def neutralise(text: str) -> str:
    """Put an apostrophe before each place a spreadsheet could start a formula: the start of the
    text and after each comma, semicolon, tab or line break ("x;=2+5" -> "x;'=2+5")."""
    return AFTER_SEPARATOR.sub(r"\1'", LEADING.sub(r"\1'", text))


def restore(text: str) -> str:
    """Take back the apostrophes `neutralise` added: restore(neutralise(t)) == t for any text."""
    return AFTER_SEPARATOR_ADDED.sub(r"\1", LEADING_ADDED.sub(r"\1", text))


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


def _csv_text(value: str | int | Decimal | float) -> str:
    """Write one field, quoted when it holds a separator of any locale, a quote or a line break."""
    text = value if isinstance(value, str) else str(value)
    if QUOTED.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_line(values: Iterable[Cell]) -> str:
    fields = [_csv_text(_csv_field(v)) for v in values]
    # A lone empty field is written "" so that the line is a row, not a blank line.
    return (",".join(fields) if fields != [""] else '""') + "\r\n"


def to_csv(headers: Sequence[str], rows: Rows, *, bom: bool = False) -> bytes:
    """Write headers and rows as UTF-8 CSV bytes, with a BOM for Excel when asked."""
    return b"".join(csv_chunks(headers, rows, bom=bom))


def csv_chunks(
    headers: Sequence[str], rows: Rows, *, bom: bool = False, batch: int = 500
) -> Iterator[bytes]:
    """Yield the bytes of `to_csv` a batch of lines at a time, for a streamed download."""
    lines = [("\ufeff" if bom else "") + _csv_line(headers)]
    for row in rows:
        lines.append(_csv_line(row))
        if len(lines) >= batch:
            yield "".join(lines).encode("utf-8")
            lines = []
    if lines:
        yield "".join(lines).encode("utf-8")


def _xlsx_cell(ws: Any, value: Cell, bold: bool = False) -> Any:
    """Make a write-only cell; text is neutralised, cleaned and always typed as a string."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

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


def _xlsx_value(ws: Any, value: Cell) -> Any:
    """Return a value as the write-only sheet takes it: plain, unless openpyxl would not read it
    as text (an error code such as "#N/A"), which gets a cell typed as a string."""
    value = _plain(value)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", neutralise(value))
        return _xlsx_cell(ws, text) if text in ERROR_CODES else text
    return value


def to_xlsx(sheets: Mapping[str, tuple[Sequence[str], Rows]]) -> bytes:
    """Write one worksheet per entry (headers, rows) with a streaming write-only workbook."""
    buf = io.BytesIO()
    heads = {name: headers for name, (headers, _) in sheets.items()}
    tagged = ((name, row) for name, (_, rows) in sheets.items() for row in rows)
    write_xlsx(buf, heads, tagged)
    return buf.getvalue()


def write_xlsx(
    out: IO[bytes], sheets: Mapping[str, Sequence[str]], rows: Iterable[tuple[str, Sequence[Cell]]]
) -> None:
    """Write a workbook of these sheets (name: headers) to a file, in constant memory.

    Each row names its sheet, so that rows of several sheets may come interleaved; text is
    neutralised, numbers and dates stay typed, and plain values are appended, not cells."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    taken: set[str] = set()
    opened: dict[str, Any] = {}
    for name, headers in sheets.items():
        ws = opened[name] = wb.create_sheet(sheet_title(name, taken))
        ws.append([_xlsx_cell(ws, h, bold=True) for h in headers])
    if not sheets:
        wb.create_sheet("Export")
    for name, row in rows:
        ws = opened[name]
        ws.append([_xlsx_value(ws, v) for v in row])
    wb.save(out)
