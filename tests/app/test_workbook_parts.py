"""The progress workbook and disaggregated values: an upload never loses a value's parts."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import select

from app.models.logframe import Indicator
from app.models.progress import IndicatorValue, ProgressReport
from app.progress.workbook import HEADER
from tests.app.portfolio_fingerprint import portfolio_fingerprint
from tests.app.test_progress_sheet import token
from tests.app.test_round_trips import demo, fetched, signed_in

__all__ = ["demo"]

VALUE = HEADER.index("Value") + 1
TEXT = HEADER.index("Text (qualitative)") + 1
INDICATOR = HEADER.index("indicator_code") + 1
PART = HEADER.index("part") + 1


def _stored_parts(session) -> dict[int, dict[str, Decimal]]:
    session.expire_all()
    rows = session.scalars(
        select(IndicatorValue)
        .join(ProgressReport)
        .join(Indicator)
        .where(Indicator.disaggregation.is_not(None), ProgressReport.status == "draft")
    ).all()
    return {row.id: {p.category: p.value for p in row.parts} for row in rows}


def _workbook(client) -> tuple[openpyxl.Workbook, list[int], list[int]]:
    book = openpyxl.load_workbook(io.BytesIO(fetched(client, "/entities/UNODC/reports.xlsx")))
    sheet = book.active
    rows = range(2, sheet.max_row + 1)
    texts = [r for r in rows if sheet.cell(r, TEXT).value]
    numbers = [r for r in rows if sheet.cell(r, VALUE).value is not None]
    return book, texts, numbers


def _upload(client, book: openpyxl.Workbook, confirm: bool = True):
    out = io.BytesIO()
    book.save(out)
    files = {"workbook": (io.BytesIO(out.getvalue()), "progress.xlsx")}
    response = client.post("/entities/UNODC/reports/upload", data=files, follow_redirects=True)
    if not confirm or "Save these changes" not in response.get_data(as_text=True):
        return response
    sent = {"token": token(response)}
    return client.post("/entities/UNODC/reports/upload/confirm", data=sent, follow_redirects=True)


def _part_rows(sheet, code: str) -> dict[str, int]:
    """Return the rows of an indicator's parts, by category, and its total row under ""."""
    rows = range(2, sheet.max_row + 1)
    found = [r for r in rows if sheet.cell(r, INDICATOR).value == code]
    return {sheet.cell(r, PART).value or "": r for r in found}


def _disaggregated(session) -> set[str]:
    return set(session.scalars(select(Indicator.code).where(Indicator.disaggregation.is_not(None))))


def test_an_upload_keeps_the_parts_of_a_disaggregated_value(client, db_session, demo) -> None:
    """Measured: saving any row of a report through the workbook wiped its values' parts."""
    signed_in(client, "unodc@demo.example")
    before = _stored_parts(db_session)
    assert before and all(before.values())
    book, texts, _ = _workbook(client)
    book.active.cell(texts[0], TEXT).value = "Strategy adopted by the cabinet"
    response = _upload(client, book)
    assert "Workbook saved as draft in 1 report" in response.get_data(as_text=True)
    assert _stored_parts(db_session) == before


def test_parts_have_their_own_rows_and_round_trip(client, db_session, demo) -> None:
    """Measured: the workbook carried a disaggregated value's total only, and refused a change."""
    signed_in(client, "unodc@demo.example")
    book, _, numbers = _workbook(client)
    sheet = book.active
    code = next(
        sheet.cell(r, INDICATOR).value
        for r in numbers
        if sheet.cell(r, INDICATOR).value in _disaggregated(db_session)
    )
    rows = _part_rows(sheet, code)
    assert {"", "women", "men", "not_recorded"} <= set(rows)
    women, total = sheet.cell(rows["women"], VALUE), sheet.cell(rows[""], VALUE)
    assert women.protection.locked is False
    women.value, total.value = women.value + 5, total.value + 5
    men = sheet.cell(rows["men"], VALUE).value
    sheet.cell(rows["men"], VALUE).value = None  # an empty cell keeps the stored part
    page = _upload(client, book).get_data(as_text=True)
    assert "Workbook saved as draft in 1 report" in page, page[-2000:]
    stored = db_session.scalar(
        select(IndicatorValue)
        .join(Indicator)
        .join(ProgressReport)
        .where(Indicator.code == code, ProgressReport.status == "draft")
    )
    assert stored.value == Decimal(str(total.value))
    parts = {p.category: p.value for p in stored.parts}
    assert parts["women"] == Decimal(str(women.value)) and parts["men"] == Decimal(str(men))


def test_parts_that_do_not_add_up_are_refused_on_their_row(client, db_session, demo) -> None:
    signed_in(client, "unodc@demo.example")
    book, _, numbers = _workbook(client)
    sheet = book.active
    code = next(
        sheet.cell(r, INDICATOR).value
        for r in numbers
        if sheet.cell(r, INDICATOR).value in _disaggregated(db_session)
    )
    rows = _part_rows(sheet, code)
    sheet.cell(rows["men"], VALUE).value = sheet.cell(rows["men"], VALUE).value + 3
    before = portfolio_fingerprint(db_session)
    page = _upload(client, book).get_data(as_text=True)
    assert f"Progress, row {rows['']}: Value:" in page and "add up" in page, page[-2000:]
    assert portfolio_fingerprint(db_session) == before


def test_the_demo_stores_percentages_as_the_report_form_would(app, db_session, demo) -> None:
    """Measured: the demo stored 65.31 where the rule stores 65.3061, so an unchanged upload
    of the workbook rewrote the report."""
    from indicators.shares import stored_parts_value

    rows = db_session.execute(
        select(Indicator.measure, IndicatorValue.value, IndicatorValue.numerator)
        .add_columns(IndicatorValue.denominator)
        .join(Indicator)
        .where(IndicatorValue.denominator.is_not(None))
    ).all()
    assert rows
    wrong = [r for r in rows if r[1] != stored_parts_value(r[0] == "ratio", r[2], r[3])]
    assert wrong == []


FLAG = HEADER.index("Parts incomplete") + 1


def _disaggregated_rows(db_session, sheet) -> tuple[str, dict[str, int]]:
    """Return a disaggregated indicator with a stored draft value and its rows."""
    rows = range(2, sheet.max_row + 1)
    code = next(
        sheet.cell(r, INDICATOR).value
        for r in rows
        if sheet.cell(r, INDICATOR).value in _disaggregated(db_session)
        and sheet.cell(r, FLAG).value is not None
        and sheet.cell(r, FLAG).protection.locked is False
    )
    return code, _part_rows(sheet, code)


def _stored_flag(db_session, code: str) -> bool:
    db_session.expire_all()
    return db_session.scalar(
        select(IndicatorValue.parts_incomplete)
        .join(Indicator)
        .join(ProgressReport)
        .where(Indicator.code == code, ProgressReport.status == "draft")
    )


def test_parts_incomplete_round_trips(client, db_session, demo) -> None:
    """Measured: the workbook kept the stored "parts incomplete" flag whatever the file said."""
    signed_in(client, "unodc@demo.example")
    book, _, _ = _workbook(client)
    sheet = book.active
    code, rows = _disaggregated_rows(db_session, sheet)
    assert sheet.cell(1, FLAG).value == "Parts incomplete"
    assert sheet.cell(rows[""], FLAG).value == "no" and not _stored_flag(db_session, code)
    assert sheet.cell(rows["women"], FLAG).value is None  # on the total row only
    assert sheet.cell(rows["women"], FLAG).protection.locked
    before = portfolio_fingerprint(db_session)
    page = _upload(client, book, confirm=False).get_data(as_text=True)
    assert "repeats what is stored" in page, page[-2000:]  # download -> upload: no change
    assert portfolio_fingerprint(db_session) == before
    sheet.cell(rows[""], FLAG).value = "Yes"
    sheet.cell(rows[""], VALUE).value = sheet.cell(rows[""], VALUE).value + 3  # 3 in no part
    preview = _upload(client, book, confirm=False).get_data(as_text=True)
    assert "Parts incomplete" in preview and "Save these changes" in preview
    page = _upload(client, book).get_data(as_text=True)
    assert "Workbook saved as draft in 1 report" in page, page[-2000:]
    assert _stored_flag(db_session, code) is True
    again, _, _ = _workbook(client)  # the new download says yes, and repeats what is stored
    assert again.active.cell(rows[""], FLAG).value == "yes"
    page = _upload(client, again, confirm=False).get_data(as_text=True)
    assert "repeats what is stored" in page, page[-2000:]
    again.active.cell(rows[""], FLAG).value = "no"  # 3 more than the parts: refused
    before = portfolio_fingerprint(db_session)
    page = _upload(client, again).get_data(as_text=True)
    assert f"Progress, row {rows['']}: Value:" in page and "add up" in page, page[-2000:]
    assert portfolio_fingerprint(db_session) == before


@pytest.mark.parametrize(
    ("where", "given", "problem"),
    [
        ("", "maybe", "Parts incomplete: enter yes or no"),
        ("women", "yes", "Parts incomplete: set it on the total row, not on a part"),
        ("plain", "yes", "is not broken down into parts; leave it empty"),
    ],
    ids=["not yes or no", "on a part row", "not disaggregated"],
)
def test_a_wrong_parts_incomplete_is_refused_beside_its_cell(
    client, db_session, demo, where, given, problem
) -> None:
    signed_in(client, "unodc@demo.example")
    book, _, _ = _workbook(client)
    sheet = book.active
    _code, rows = _disaggregated_rows(db_session, sheet)
    if where == "plain":
        row = next(
            r
            for r in range(2, sheet.max_row + 1)
            if sheet.cell(r, INDICATOR).value not in _disaggregated(db_session)
            and sheet.cell(r, VALUE + 1).protection.locked is False  # a share's numerator
        )
    else:
        row = rows[where]
    sheet.cell(row, FLAG).value = given
    before = portfolio_fingerprint(db_session)
    page = _upload(client, book).get_data(as_text=True)
    assert f"Progress, row {row}: {problem}" in page or (
        f"Progress, row {row}: Parts incomplete:" in page and problem in page
    ), page[-2000:]
    assert portfolio_fingerprint(db_session) == before


def test_a_workbook_without_the_column_keeps_the_stored_flag(client, db_session, demo) -> None:
    signed_in(client, "unodc@demo.example")
    book, texts, _ = _workbook(client)
    sheet = book.active
    code, _rows = _disaggregated_rows(db_session, sheet)
    sheet.delete_cols(FLAG)  # a workbook downloaded before the column was added
    sheet.cell(texts[0], TEXT).value = "Strategy adopted by the cabinet"
    page = _upload(client, book).get_data(as_text=True)
    assert "Workbook saved as draft in 1 report" in page, page[-2000:]
    assert _stored_flag(db_session, code) is False
