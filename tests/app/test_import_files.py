"""Import files: formats, encodings, headers, and unsafe workbooks refused before parsing."""

from __future__ import annotations

import io
import struct
import zipfile

import openpyxl
import pytest

from app.errors import ValidationFailed
from app.portfolio.imports import import_needs, import_projects
from app.portfolio.imports.reader import Limits
from app.portfolio.imports.services import DEFAULT_LIMITS
from tests.app.imports_support import NEED, counts, csv_bytes, xlsx_bytes


def problems_of(call) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return caught.value.problems


def needs_problems(db_session, data: bytes) -> list[str]:
    return problems_of(lambda: import_needs(db_session, None, data))


def rewrite(data: bytes, changes: dict[str, bytes]) -> bytes:
    """Return a copy of a ZIP with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in changes:
                dst.writestr(info, src.read(info.filename))
        for name, content in changes.items():
            dst.writestr(name, content)
    return out.getvalue()


def needs_xlsx(*extra: list[object]) -> bytes:
    return xlsx_bytes([list(NEED), list(NEED.values()), *extra])


def test_defusedxml_guards_openpyxl() -> None:
    assert openpyxl.DEFUSEDXML is True


def test_csv_with_byte_order_mark_is_accepted(db_session) -> None:
    result = import_needs(db_session, None, b"\xef\xbb\xbf" + csv_bytes([NEED]))
    assert result.created == [NEED["code"]]


def test_wrong_encoding_is_a_clear_error(db_session) -> None:
    data = csv_bytes([{**NEED, "description": "Sécurité"}]).decode().encode("latin-1")
    (problem,) = needs_problems(db_session, data)
    assert problem.startswith("file: not UTF-8 text (byte 0xe9 at position")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "file: the file is empty (no header row)"),
        (b"  \r\n", "file: the file is empty (no header row)"),
        (b"\xd0\xcf\x11\xe0rest", "file: old .xls workbooks are not read; save as .xlsx or CSV"),
    ],
)
def test_empty_and_old_files_are_refused(db_session, data, expected) -> None:
    assert needs_problems(db_session, data) == [expected]


def test_header_only_file_imports_nothing(db_session) -> None:
    result = import_needs(db_session, None, (",".join(NEED) + "\n").encode())
    assert result.summary() == "0 created, 0 updated, 0 unchanged"


def test_unknown_and_missing_columns(db_session) -> None:
    row = {k: v for k, v in NEED.items() if k != "pillar"} | {"notes": "x"}
    assert needs_problems(db_session, csv_bytes([row])) == [
        "row 1: notes: unknown column",
        "row 1: pillar: missing required column",
    ]


def test_ragged_row_and_nul_are_errors_of_their_row(db_session) -> None:
    data = (
        csv_bytes([NEED, {**NEED, "code": "B", "description": "a\x00b"}])
        + b"C,KEN,x,y,z,w,no,extra\r\n"
    )
    assert needs_problems(db_session, data) == [
        "row 3: description: contains a NUL character",
        "row 4: column 8: more cells than the 7 header columns",
    ]


def test_blank_lines_are_skipped_and_rows_keep_spreadsheet_numbers(db_session) -> None:
    data = (
        csv_bytes([NEED])
        + b"\r\n"
        + csv_bytes([{**NEED, "code": "X", "pillar": "9"}]).split(b"\r\n", 1)[1]
    )
    assert needs_problems(db_session, data) == ["row 4: pillar: '9' is not one of I, II, III, IV"]


def test_file_above_the_size_limit_is_refused(db_session) -> None:
    limits = Limits(100, DEFAULT_LIMITS.max_uncompressed_bytes)
    data = csv_bytes([NEED])
    (problem,) = problems_of(lambda: import_needs(db_session, None, data, limits=limits))
    assert problem.startswith("file: ") and "above the import limit of 100 bytes" in problem


def test_file_path_that_does_not_exist(db_session, tmp_path) -> None:
    (problem,) = problems_of(lambda: import_needs(db_session, None, tmp_path / "none.csv"))
    assert problem.startswith("file: cannot read")


def test_xlsx_is_read_from_a_path(db_session, tmp_path) -> None:
    path = tmp_path / "needs.xlsx"
    path.write_bytes(needs_xlsx())
    assert import_needs(db_session, None, path).created == [NEED["code"]]


def test_xlsx_date_and_boolean_cells_are_read_as_values(db_session) -> None:
    import datetime as dt

    row = [*list(NEED.values())[:2], dt.datetime(2018, 5, 2), *list(NEED.values())[3:6], True]
    data = xlsx_bytes([list(NEED), row])
    import_needs(db_session, None, data)
    assert (
        import_needs(db_session, None, csv_bytes([{**NEED, "confidential": "yes"}])).unchanged == 1
    )


def test_formula_cells_are_refused_with_row_and_column(db_session) -> None:
    data = needs_xlsx(["CTED-2", "KEN", "2018-01-01", "II", "x", "=A2&B2"])
    assert needs_problems(db_session, data) == [
        "row 3: description: formula cells are refused; paste the values instead"
    ]


def test_zip_bomb_is_refused_before_openpyxl_opens_it(db_session, monkeypatch) -> None:
    data = bytearray(needs_xlsx())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)  # declared uncompressed size: 4 GB
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("opened"))
    (problem,) = needs_problems(db_session, bytes(data))
    assert problem.startswith("file: the workbook would expand to 4,29")


def test_too_many_zip_entries_are_refused(db_session) -> None:
    parts = {f"junk/{n}.xml": b"" for n in range(1001)}
    (problem,) = needs_problems(db_session, rewrite(needs_xlsx(), parts))
    assert problem == "file: 1010 parts; a workbook has far fewer"


def test_macro_enabled_workbook_is_refused(db_session) -> None:
    data = rewrite(needs_xlsx(), {"xl/vbaProject.bin": b"\x00" * 10})
    assert needs_problems(db_session, data) == [
        "file: macro-enabled workbooks are refused; save as .xlsx"
    ]


def test_zip_without_content_types_is_refused(db_session) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert needs_problems(db_session, out.getvalue()) == [
        "file: not an XLSX workbook (no [Content_Types].xml)"
    ]


def test_xlsx_name_without_zip_signature(db_session, tmp_path) -> None:
    path = tmp_path / "needs.xlsx"
    path.write_bytes(csv_bytes([NEED]))
    assert problems_of(lambda: import_needs(db_session, None, path)) == [
        "file: not an XLSX workbook (no ZIP signature)"
    ]


BOMB = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def test_xml_entity_bomb_is_refused(db_session) -> None:
    data = rewrite(needs_xlsx(), {"xl/worksheets/sheet1.xml": BOMB})
    assert needs_problems(db_session, data) == [
        "file: the workbook declares XML entities or a DTD, which are refused"
    ]
    assert counts(db_session)["needs"] == 0


def test_corrupt_workbook_is_a_clear_error(db_session) -> None:
    data = rewrite(needs_xlsx(), {"xl/workbook.xml": b"not xml"})
    (problem,) = needs_problems(db_session, data)
    assert problem.startswith("file: not a readable XLSX workbook")


def test_projects_file_is_checked_the_same_way(db_session) -> None:
    (problem,) = problems_of(lambda: import_projects(db_session, None, b"\xff\xfe"))
    assert problem.startswith("file: not UTF-8 text")
