"""Read a CSV or XLSX file into numbered rows, refusing unsafe or malformed files early."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask_babel import gettext as _

from app import text as text_rule
from app.config import DEFAULTS
from app.errors import ValidationFailed
from app.portfolio.imports.bounds import Bounds, Count, check, check_workbook
from reports.tabular import restore

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
MAX_ZIP_ENTRIES = 1000
MACRO_MARKERS = ("macroenabled", "vbaproject")
Row = tuple[int, dict[str, str]]


@dataclass(frozen=True)
class Limits:
    """Size limits of an import file: bytes, and the rows, columns and cells read."""

    max_bytes: int
    max_uncompressed_bytes: int
    max_rows: int = DEFAULTS["IMPORT_MAX_ROWS"]
    max_columns: int = DEFAULTS["IMPORT_MAX_COLUMNS"]
    max_cells: int = DEFAULTS["IMPORT_MAX_CELLS"]

    @property
    def bounds(self) -> Bounds:
        """Return the row, column and cell bounds."""
        return Bounds(self.max_rows, self.max_columns, self.max_cells)


@dataclass(frozen=True)
class Columns:
    """The columns a file may have and those it must have."""

    known: tuple[str, ...]
    required: tuple[str, ...]


def load_bytes(source: str | Path | bytes, limits: Limits) -> tuple[bytes, str]:
    """Return the file's bytes and name, refusing a file above the size limit."""
    if isinstance(source, bytes):
        data, name = source, ""
    else:
        path = Path(source)
        try:
            size = path.stat().st_size
        except OSError as error:
            raise ValidationFailed(
                [f"file: {_('cannot read %(path)s: %(reason)s', path=path, reason=error.strerror)}"]
            ) from None
        _check_size(size, limits)
        data, name = path.read_bytes(), path.name
    _check_size(len(data), limits)
    return data, name


def _check_size(size: int, limits: Limits) -> None:
    if size > limits.max_bytes:
        numbers = {"size": format(size, ","), "limit": format(limits.max_bytes, ",")}
        problem = _("%(size)s bytes is above the import limit of %(limit)s bytes", **numbers)
        raise ValidationFailed([_file(problem)])


def read_rows(source: str | Path | bytes, columns: Columns, limits: Limits) -> list[Row]:
    """Return (row number, {column: trimmed text}) for each data row; the header is row 1."""
    data, name = load_bytes(source, limits)
    if not data.strip():
        raise ValidationFailed([_file(_("the file is empty (no header row)"))])
    if data.startswith(OLE2_MAGIC):
        raise ValidationFailed([_file(_("old .xls workbooks are not read; save as .xlsx or CSV"))])
    if data.startswith(ZIP_MAGIC):
        table = _xlsx_table(data, limits)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise ValidationFailed([_file(_("not an XLSX workbook (no ZIP signature)"))])
    else:
        table = _csv_table(data, limits.bounds)
    return _rows(table, columns)


def _csv_table(data: bytes, bounds: Bounds) -> list[tuple[int, list[Any]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationFailed(
            [
                _file(
                    _(
                        "not UTF-8 text (byte %(byte)s at position %(position)s);"
                        " save it as 'CSV UTF-8'",
                        byte=format(data[error.start], "#04x"),
                        position=error.start,
                    )
                )
            ]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table = []
    count = Count()
    try:
        for cells in reader:
            count.rows, count.cells = count.rows + 1, count.cells + len(cells)
            count.columns = max(count.columns, len(cells))
            check(count, bounds, more=True)
            table.append((reader.line_num, list(cells)))
    except csv.Error as error:
        problem = _("not valid CSV (%(error)s)", error=error)
        raise ValidationFailed([f"row {reader.line_num}: file: {problem}"]) from None
    return _renumber(table)


def _renumber(table: list[tuple[int, list[Any]]]) -> list[tuple[int, list[Any]]]:
    # csv line_num counts physical lines; a spreadsheet counts records.
    return [(number, cells) for number, (_line, cells) in enumerate(table, start=1)]


def _xlsx_table(data: bytes, limits: Limits) -> list[tuple[int, list[Any]]]:
    from app.portfolio.imports.workbook import read_workbook

    check_zip(data, limits)
    return read_workbook(data, limits.bounds)


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a ZIP that is not a plain workbook, or that would inflate beyond the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise ValidationFailed(
                    [_file(_("%(count)s parts; a workbook has far fewer", count=len(entries)))]
                )
            total = sum(info.file_size for info in entries)
            if total > limits.max_uncompressed_bytes:
                raise ValidationFailed(
                    [
                        _file(
                            _(
                                "the workbook would expand to %(size)s bytes, above the limit"
                                " of %(limit)s",
                                size=format(total, ","),
                                limit=format(limits.max_uncompressed_bytes, ","),
                            )
                        )
                    ]
                )
            _check_parts(archive, entries)
            check_workbook(archive, limits.bounds)
    except zipfile.BadZipFile as error:
        problem = _("not a readable XLSX workbook (%(error)s)", error=error)
        raise ValidationFailed([_file(problem)]) from None


def _check_parts(archive: zipfile.ZipFile, entries: Sequence[zipfile.ZipInfo]) -> None:
    names = {info.filename for info in entries}
    if "[Content_Types].xml" not in names:
        raise ValidationFailed([_file(_("not an XLSX workbook (no [Content_Types].xml)"))])
    types = archive.read("[Content_Types].xml").decode("utf-8", "replace").lower()
    if any(marker in types for marker in MACRO_MARKERS) or any(
        "vbaproject" in name.lower() for name in names
    ):
        raise ValidationFailed([_file(_("macro-enabled workbooks are refused; save as .xlsx"))])


def _rows(table: list[tuple[int, list[Any]]], columns: Columns) -> list[Row]:
    if not table:
        raise ValidationFailed([_file(_("the file is empty (no header row)"))])
    header = _header(table[0][1], columns)
    problems: list[str] = []
    rows: list[Row] = []
    for number, cells in table[1:]:
        row = _row(number, cells, header, problems)
        if row is not None:
            rows.append((number, row))
    if problems:
        raise ValidationFailed(problems)
    return rows


def _header(cells: list[Any], columns: Columns) -> list[str]:
    names = [cell_text(cell) for cell in cells]
    while names and not names[-1]:
        names.pop()
    problems = []
    for position, name in enumerate(names, start=1):
        if not name:
            problems.append(f"row 1: {column_name(position)}: {_('empty column name')}")
        elif name not in columns.known:
            problems.append(f"row 1: {name}: {_('unknown column')}")
        elif names.index(name) != position - 1:
            problems.append(f"row 1: {name}: {_('column appears twice')}")
    missing = _("missing required column")
    problems += [f"row 1: {c}: {missing}" for c in columns.required if c not in names]
    if problems:
        raise ValidationFailed(problems)
    return names


def _row(
    number: int, cells: list[Any], header: list[str], problems: list[str]
) -> dict[str, str] | None:
    values = [cell_text(cell) for cell in cells]
    if not any(values):
        return None  # blank lines and trailing empty spreadsheet rows carry nothing
    if any(values[len(header) :]):
        more = _("more cells than the %(count)s header columns", count=len(header))
        problems.append(f"row {number}: {column_name(len(values))}: {more}")
        return None
    row = dict.fromkeys(header, "")
    for name, value in zip(header, values, strict=False):
        if (fix := text_rule.problem(value)) is not None:
            problems.append(f"row {number}: {name}: {fix}")
        row[name] = restored(value)
    return row


def _file(problem: str) -> str:
    """Return a problem of the whole file (its "column" is `file`, as the commands print it)."""
    return f"file: {problem}"


def column_name(position: int) -> str:
    """Return how a problem names a column without a header: "column 3"."""
    return _("column %(number)s", number=position)


def restored(text: str) -> str:
    """Undo the apostrophes the app's exports put before text a spreadsheet would read as a
    formula (reports.tabular.neutralise), so that re-importing an export changes nothing."""
    return restore(text)


def cell_text(value: Any) -> str:
    """Return a cell as trimmed text: dates as YYYY-MM-DD, whole floats without '.0'."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value).strip()
