"""Read the first sheet of an already checked XLSX workbook, refusing formulas."""

from __future__ import annotations

import io
from typing import Any

from defusedxml import DefusedXmlException
from flask_babel import gettext as _

from app.errors import ValidationFailed
from app.portfolio.imports.bounds import Bounds
from app.portfolio.imports.reader import column_name


def read_workbook(data: bytes, bounds: Bounds) -> list[tuple[int, list[Any]]]:
    """Return (row number, cell values) of the first sheet; refuse formulas and XML tricks.

    Only the rows and columns within the bounds are read (the file was scanned for them)."""
    import openpyxl  # loads with the first workbook, not with every command

    if openpyxl.DEFUSEDXML is not True:
        problem = _("XLSX import needs the defusedxml package installed")
        raise ValidationFailed([f"file: {problem}"])
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            return _sheet_rows(book.worksheets[0], bounds)
        finally:
            book.close()
    except ValidationFailed:
        raise
    except Exception as error:  # openpyxl fails in open-ended ways on crafted files
        raise ValidationFailed([_problem(error)]) from None


def _problem(error: BaseException) -> str:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return f"file: {_('the workbook declares XML entities or a DTD, which are refused')}"
        cause = cause.__cause__ or cause.__context__
    first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
    return f"file: {_('not a readable XLSX workbook (%(error)s)', error=first_line)}"


def _sheet_rows(sheet: Any, bounds: Bounds) -> list[tuple[int, list[Any]]]:
    table: list[tuple[int, list[Any]]] = []
    header: list[str] = []
    problems: list[str] = []
    cells_read = sheet.iter_rows(max_row=bounds.max_rows + 1, max_col=bounds.max_columns)
    for number, cells in enumerate(cells_read, start=1):
        values = []
        for position, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                problems.append(_formula_problem(number, position, header))
            values.append(cell.value)
        if number == 1:
            header = [str(v).strip() if v is not None else "" for v in values]
        table.append((number, values))
    if problems:
        raise ValidationFailed(problems)
    return table


def _formula_problem(number: int, position: int, header: list[str]) -> str:
    name = header[position] if position < len(header) and header[position] else None
    column = name or column_name(position + 1)
    problem = _("formula cells are refused; paste the values instead")
    return f"row {number}: {column}: {problem}"
