"""T46: CSV and XLSX exports neutralise formula-like text and keep numbers as numbers."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.types import Pillar
from reports.tabular import neutralise, restore, sheet_title, to_csv, to_xlsx

HOSTILE = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")', "ok"]


@pytest.mark.parametrize("text", HOSTILE[:-1])
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_plain_text_is_unchanged() -> None:
    assert neutralise("ok = fine") == "ok = fine"


def test_csv_prefixes_formula_like_fields_and_keeps_numbers() -> None:
    data = to_csv(["code", "=x"], [[*HOSTILE, Decimal("12.50"), -3, date(2019, 9, 30), None]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["code", "'=x"]
    assert rows[1][:7] == ["'" + t for t in HOSTILE[:-1]]
    assert rows[1][7:] == ["ok", "12.50", "-3", "2019-09-30", ""]


def test_csv_nul_is_removed_after_neutralising() -> None:
    assert to_csv(["a"], [["\0=1"]]).decode() == "a\r\n'=1\r\n"


def test_csv_bom_only_when_asked() -> None:
    assert to_csv(["a"], [], bom=True).startswith(b"\xef\xbb\xbf")
    assert not to_csv(["a"], []).startswith(b"\xef\xbb\xbf")


def load(data: bytes) -> openpyxl.Workbook:
    """Reload an XLSX export."""
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_has_no_formula_cells_and_numbers_stay_numbers() -> None:
    rows = [[*HOSTILE, Decimal("12.50"), 7, Pillar.II, "\0=2"]]
    wb = load(to_xlsx({"Projects": (["code", "=title"], rows)}))
    cells = [c for row in wb["Projects"].iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells]
    assert "'=1+1" in values and "'=title" in values and "'@cmd" in values and "'=2" in values
    numbers = {c.value: c.data_type for c in cells if isinstance(c.value, (int, float))}
    assert numbers == {12.5: "n", 7: "n"}
    assert "II" in values


def test_xlsx_sheet_titles_are_valid_and_unique() -> None:
    wb = load(to_xlsx({"Needs: a/b [x]": (["a"], []), "Needs: a/b [x]?": (["a"], [])}))
    assert wb.sheetnames == ["Needs_ a_b _x_", "Needs_ a_b _x__"]
    assert len(sheet_title("x" * 80, set())) == 31
    taken: set[str] = set()
    assert sheet_title("S", taken) == "S" and sheet_title("s", taken) == "s (2)"


def test_xlsx_streams_a_large_export() -> None:
    rows = ([f"P-{i}", Decimal(i), "=cmd"] for i in range(5_000))
    wb = load(to_xlsx({"All": (["code", "budget", "note"], rows)}))
    assert wb["All"].max_row == 5_001
    assert wb["All"]["C5001"].value == "'=cmd" and wb["All"]["C5001"].data_type == "s"


SEPARATED = {
    "x;=2+5;=cmd|' /C calc'!A0": "x;'=2+5;'=cmd|' /C calc'!A0",
    "a,=1+1": "a,'=1+1",
    "a\t=1": "a\t'=1",
    "a; @SUM(A1)": "a; '@SUM(A1)",
    "a\r\n+1": "a\r\n'+1",
    "ok;-3": "ok;'-3",
    "=1;'=2": "'=1;''=2",
    'a;"=1': "a;\"'=1",
}


@pytest.mark.parametrize(("text", "written"), SEPARATED.items())
def test_formula_after_a_separator_gets_an_apostrophe(text: str, written: str) -> None:
    assert neutralise(text) == written
    assert restore(written) == text


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_csv_quotes_every_field_holding_a_separator(separator: str) -> None:
    """Read with any locale's separator, no cell opens a formula; the comma reading keeps the
    field whole."""
    text = f"x{separator}=2+5{separator}=cmd|' /C calc'!A0"
    data = to_csv(["code", "title", "plain"], [["P-1", text, "a b"]]).decode()
    line = data.splitlines()[1]
    for delimiter in (",", ";", "\t"):
        cells = next(csv.reader([line], delimiter=delimiter))
        assert not [c for c in cells if c.lstrip(" ").startswith(FORMULA)], delimiter
    assert next(csv.reader([line])) == ["P-1", neutralise(text), "a b"]
    assert line.startswith('P-1,"')


FORMULA = ("=", "+", "-", "@")
TEXT = st.text(alphabet=",;\t\r\n =+-@\"'ab1", max_size=12)


@settings(max_examples=2000)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_no_locale_splits_a_csv_row_into_a_formula(row: list[str]) -> None:
    """Property: whichever separator a spreadsheet reads with, no cell starts a formula, and the
    comma reading gives every field back as neutralise writes it."""
    data = to_csv(["h"] * len(row), [row]).decode()
    record = data[data.index("\r\n") + 2 :]
    for delimiter in (",", ";", "\t"):
        for cells in csv.reader(io.StringIO(record, newline=""), delimiter=delimiter):
            assert not [c for c in cells if c.lstrip(" ").startswith(FORMULA)]
    back = next(csv.reader(io.StringIO(record, newline="")))
    assert back == [neutralise(t) for t in row]


@given(st.text())
def test_restore_undoes_neutralise(text: str) -> None:
    assert restore(neutralise(text)) == text
