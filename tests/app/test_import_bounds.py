"""F12: an import reads a bounded number of rows, columns and cells, and says which it passed."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from app.errors import ValidationFailed
from app.portfolio.imports import import_needs
from app.portfolio.imports.bounds import column_number
from app.portfolio.imports.reader import Limits
from app.portfolio.imports.services import DEFAULT_LIMITS
from tests.app.imports_support import NEED, counts, csv_bytes, xlsx_bytes
from tests.app.test_import_files import rewrite
from tests.security.corpus import (
    column_letters,
    far_row_sheet,
    huge_dimension_sheet,
    styled_cells_sheet,
)

SHEET = "xl/worksheets/sheet1.xml"
GOOD = xlsx_bytes([list(NEED), list(NEED.values())])


def refusal(db_session, data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    before = counts(db_session)
    with pytest.raises(ValidationFailed) as caught:
        import_needs(db_session, None, data, limits=limits)
    assert counts(db_session) == before
    return caught.value.problems


def small(**bounds: int) -> Limits:
    return Limits(DEFAULT_LIMITS.max_bytes, DEFAULT_LIMITS.max_uncompressed_bytes, **bounds)


def test_column_names_count_as_spreadsheets_do() -> None:
    assert [column_number(column_letters(n)) for n in (1, 26, 27, 702, 703, 16384)] == [
        1, 26, 27, 702, 703, 16384,
    ]  # fmt: skip
    assert column_letters(16384) == "XFD"


def test_a_declared_huge_dimension_is_refused_before_reading(db_session) -> None:
    data = rewrite(GOOD, {SHEET: huge_dimension_sheet()})
    assert refusal(db_session, data) == [
        f"file: the file has 1,048,575 rows, above the import limit of"
        f" {DEFAULT_LIMITS.max_rows:,} rows"
    ]


def test_a_declared_wide_dimension_names_the_column_limit(db_session) -> None:
    sheet = huge_dimension_sheet().replace(b"A1:XFD1048576", b"A1:XFD2")
    assert refusal(db_session, rewrite(GOOD, {SHEET: sheet})) == [
        f"file: the file has 16,384 columns, above the import limit of"
        f" {DEFAULT_LIMITS.max_columns:,} columns"
    ]


def test_a_far_away_row_is_refused(db_session) -> None:
    (problem,) = refusal(db_session, rewrite(GOOD, {SHEET: far_row_sheet()}))
    assert "rows, above the import limit of" in problem


def test_a_million_styled_empty_cells_are_refused_by_count(db_session) -> None:
    """The hostile workbook: about a million empty styled cells, small once zipped."""
    columns = DEFAULT_LIMITS.max_columns
    rows = DEFAULT_LIMITS.max_cells // columns + 1
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(GOOD)) as src,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename != SHEET:
                dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(SHEET, styled_cells_sheet(rows, columns))
    data = buffer.getvalue()
    assert len(data) < DEFAULT_LIMITS.max_bytes
    assert refusal(db_session, data) == [
        f"file: the file has more than {DEFAULT_LIMITS.max_cells:,} cells, above the import"
        f" limit of {DEFAULT_LIMITS.max_cells:,} cells"
    ]


def test_workbook_rows_above_the_limit_are_refused(db_session) -> None:
    data = xlsx_bytes([list(NEED)] + [list(NEED.values())] * 6)
    assert refusal(db_session, data, small(max_rows=5)) == [
        "file: the file has 6 rows, above the import limit of 5 rows"
    ]
    # Without a declared dimension the rows are counted as the sheet is scanned.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read(SHEET)
    start = sheet.index(b"<dimension")
    undeclared = sheet[:start] + sheet[sheet.index(b">", start) + 1 :]
    assert refusal(db_session, rewrite(data, {SHEET: undeclared}), small(max_rows=5)) == [
        "file: the file has more than 5 rows, above the import limit of 5 rows"
    ]


def test_csv_rows_columns_and_cells_are_bounded(db_session) -> None:
    many = csv_bytes([NEED] * 6)
    assert refusal(db_session, many, small(max_rows=5)) == [
        "file: the file has more than 5 rows, above the import limit of 5 rows"
    ]
    wide = b"code" + b"," * 60 + b"\r\n"
    assert refusal(db_session, wide) == [
        f"file: the file has 61 columns, above the import limit of"
        f" {DEFAULT_LIMITS.max_columns} columns"
    ]
    assert refusal(db_session, csv_bytes([NEED] * 3), small(max_cells=20)) == [
        "file: the file has more than 20 cells, above the import limit of 20 cells"
    ]


def test_files_within_the_bounds_still_import(db_session) -> None:
    limits = small(max_rows=1, max_columns=len(NEED), max_cells=2 * len(NEED))
    assert import_needs(db_session, None, GOOD, limits=limits).created == [NEED["code"]]


def test_only_the_bounded_columns_are_read() -> None:
    from app.portfolio.imports.workbook import read_workbook

    book = openpyxl.Workbook()
    book.active.append(["code"] + [None] * 10 + ["far"])
    out = io.BytesIO()
    book.save(out)
    table = read_workbook(out.getvalue(), small(max_columns=3).bounds)
    assert table == [(1, ["code", None, None])]
