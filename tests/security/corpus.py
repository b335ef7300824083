"""The hostile inputs of RELIABILITY T22-T30 and T38-T46, shared by the bad-input tests."""

from __future__ import annotations

BIG = "1" + "0" * 30  # 10**30

# Never a valid number anywhere.
BAD_NUMBERS = [
    "NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "1e999999", "-1e999999",
    "1E400", BIG, "1e30", "0x10", "12abc", "1.2.3", "1,5", "\x00", "1\x00", "=1+1", "<b>1</b>",
    "1e-999999", "--5",
]  # fmt: skip
# Never a valid amount of money (on top of BAD_NUMBERS).
BAD_MONEY = [*BAD_NUMBERS, "-1", "-0.01", "0.001", "99999999999999999999.99"]
BAD_PERCENT = [*BAD_NUMBERS, "-1", "101", "1000"]
BAD_DATES = [
    "2019-02-30", "2019-13-01", "0000-01-01", "99999-01-01", "1e999", "NaN", "\x00",
    "2019-06-31", "-2019-01-01", "<script>", "2019-01-01\x00", "2019-1-1T00:00",
]  # fmt: skip
BAD_CODES = ["IX", "' OR 1=1 --", "<script>", "\x00", "ongoing\x00", "é" * 30, "NaN", "0"]
BAD_PERIOD_KEYS = ["2019Q5", "2019Q0", "99999Q1", "0000Q1", "2019q9", "Q3", "2019-Q3\x00", ""]
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE_TEXT = [
    SCRIPT, ATTRIBUTE, "javascript:alert(1)", '=HYPERLINK("http://evil","x")',
    "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\u202eevil\u202c", "a\x00b",
    "x" * 100_000, "\r\n\r\nSet-Cookie: a=b", "{{ 7*7 }}", "\ufeff", "   ", "", "\u200b\u200b",
]  # fmt: skip
HUGE = "x" * (10 * 1024 * 1024)  # a 10 MB field: above MAX_FORM_MEMORY_SIZE
# Ids past what the id columns hold (INTEGER: 32-bit on PostgreSQL; SQLite stops at 64 bits).
OUT_OF_RANGE_IDS = ["2147483648", "9223372036854775808", "99999999999999999999"]
# API query values that are never a label, key or page (issue 13 point 22).
BAD_API_PARAMETERS = ["\x00", "a\x00b", "\x01", "line\nbreak", "tab\there", "\x7f", "x" * 201]

# A title that opens formulas in a spreadsheet set to ';' (F11).
SEPARATED_FORMULA = "x;=2+5;=cmd|' /C calc'!A0"
HOSTILE_TEXT.append(SEPARATED_FORMULA)

SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def column_letters(number: int) -> str:
    """Return a column's name: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def huge_dimension_sheet() -> bytes:
    """A one-cell sheet that declares A1:XFD1048576, so a reader pads 17 billion cells (F12)."""
    return (
        SHEET_HEAD + b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1">'
        b'<c r="A1" t="inlineStr"><is><t>code</t></is></c></row></sheetData></worksheet>'
    )


def styled_cells_sheet(rows: int, columns: int) -> bytes:
    """A sheet of rows x columns empty styled cells: a few hundred KB zipped (F12)."""
    names = [column_letters(n) for n in range(1, columns + 1)]
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{n}{r}" s="0"/>' for n in names) + "</row>"
        for r in range(1, rows + 1)
    )
    return SHEET_HEAD + b"<sheetData>" + body.encode() + b"</sheetData></worksheet>"


def far_row_sheet() -> bytes:
    """A sheet whose second cell sits on row 1,048,576: a reader fills every row between."""
    return (
        SHEET_HEAD + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c>'
        b'</row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
