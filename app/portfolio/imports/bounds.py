"""Bound what an import reads in rows, columns and cells, before any parser builds them.

The byte limits bound a file's size, not its work: a 210 KB workbook of styled empty cells, or
one whose sheet declares the dimension A1:XFD1048576, makes a spreadsheet reader build millions
of cells. The worksheets of a workbook are scanned as a stream (their tags counted, nothing
built) and the file is refused with the limit it passes; CSV rows are counted as they are read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from flask_babel import gettext as _

from app.errors import ValidationFailed

CHUNK = 1 << 20
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([^\"]*)\"")
ROW = re.compile(rb"<(?:\w+:)?row(?=[\s/>])([^>]*)>")
CELL = re.compile(rb"<(?:\w+:)?c(?=[\s/>])([^>]*)>")
ROW_NUMBER = re.compile(rb"\br=\"(\d{1,9})\"")
CELL_REF = re.compile(rb"\br=\"\$?([A-Za-z]{1,4})\$?(\d{1,9})\"")
REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?(\d{1,9})$")


@dataclass(frozen=True)
class Bounds:
    """How many rows, columns and cells an import reads at most."""

    max_rows: int
    max_columns: int
    max_cells: int


@dataclass
class Count:
    """What one worksheet holds so far: its last row and column, and its cells."""

    rows: int = 0
    columns: int = 0
    cells: int = 0


def column_number(letters: str) -> int:
    """Return the 1-based number of a column name: A -> 1, Z -> 26, AA -> 27."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def refuse(what: str, found: int, limit: int, more: bool = False) -> ValidationFailed:
    """Return the refusal that names the limit passed."""
    numbers = {"found": f"{found:,}", "limit": f"{limit:,}"}
    return ValidationFailed([f"file: {_refusal(what, more) % numbers}"])


def _refusal(what: str, more: bool) -> str:
    """Return the sentence of the refusal, one whole message per bound and way of counting."""
    if what == "rows":
        if more:
            return _(
                "the file has more than %(limit)s rows, above the import limit of %(limit)s rows"
            )
        return _("the file has %(found)s rows, above the import limit of %(limit)s rows")
    if what == "columns":
        return _("the file has %(found)s columns, above the import limit of %(limit)s columns")
    if more:
        return _(
            "the file has more than %(limit)s cells, above the import limit of %(limit)s cells"
        )
    return _("the file has %(found)s cells, above the import limit of %(limit)s cells")


def check(count: Count, bounds: Bounds, more: bool = False) -> None:
    """Raise ValidationFailed when a count passes a bound (rows include the header)."""
    if count.rows > bounds.max_rows + 1:
        raise refuse("rows", count.rows - 1, bounds.max_rows, more)
    if count.columns > bounds.max_columns:
        raise refuse("columns", count.columns, bounds.max_columns)
    if count.cells > bounds.max_cells:
        raise refuse("cells", count.cells, bounds.max_cells, more)


def check_workbook(archive: zipfile.ZipFile, bounds: Bounds) -> None:
    """Scan every worksheet of a workbook and refuse one that passes a bound."""
    for info in archive.infolist():
        if SHEET_PART.match(info.filename):
            with archive.open(info) as part:
                _scan(_tag_chunks(part), bounds)


def _tag_chunks(part: IO[bytes]) -> Iterator[bytes]:
    """Yield the part in chunks cut after a '>', so that no tag spans two chunks."""
    rest = b""
    while chunk := part.read(CHUNK):
        data = rest + chunk
        cut = data.rfind(b">") + 1
        rest = data[cut:]
        if len(rest) > CHUNK:  # a tag this long is not a worksheet's
            raise ValidationFailed([f"file: {_('not a readable XLSX workbook (malformed sheet)')}"])
        yield data[:cut]
    yield rest


def _scan(chunks: Iterator[bytes], bounds: Bounds) -> None:
    count = Count()
    for chunk in chunks:
        if count.cells == 0 and (found := DIMENSION.search(chunk)) is not None:
            _declared(found.group(1).decode("ascii", "replace"), bounds)
        for row in ROW.finditer(chunk):
            number = ROW_NUMBER.search(row.group(1))
            count.rows = int(number.group(1)) if number else count.rows + 1
        for cell in CELL.finditer(chunk):
            count.cells += 1
            if (ref := CELL_REF.search(cell.group(1))) is not None:
                count.columns = max(count.columns, column_number(ref.group(1).decode()))
                count.rows = max(count.rows, int(ref.group(2)))
        check(count, bounds, more=True)


def _declared(ref: str, bounds: Bounds) -> None:
    """Refuse a sheet whose declared dimension (A1:XFD1048576) passes the row or column bound."""
    last = REF.match(ref.split(":")[-1])
    if last is not None:
        check(Count(int(last.group(2)), column_number(last.group(1))), bounds)
