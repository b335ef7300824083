"""The entity's progress workbook: a protected, pre-filled XLSX and the checks on uploads."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.models.portfolio import Project
from app.models.progress import ReportingPeriod
from app.models.reference import Entity
from app.progress import due
from app.progress import services as entry
from app.progress.queries import last_approved_values
from indicators.types import Measure

SHEET = "Progress"
IDENTIFIERS = ("project_code", "period", "indicator_code", "version")
SHOWN = ("Project", "Indicator", "Measure", "Unit", "Baseline", "Period target", "Life target")
INPUTS = ("Value", "Numerator", "Denominator", "Text (qualitative)")
HEADER = (*IDENTIFIERS, *SHOWN, "Last approved", *INPUTS)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
MAX_ENTRIES = 200
INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")


def neutral(value: Any) -> Any:
    """Prefix text a spreadsheet would read as a formula with an apostrophe (ASVS 1.2.10)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _put(ws: Any, row: int, column: int, value: Any, editable: bool = False) -> None:
    cell = ws.cell(row=row, column=column)
    cell.value = float(value) if isinstance(value, Decimal) else neutral(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl turns "=..." into a formula otherwise (T46)
    if editable:
        cell.protection = Protection(locked=False)
        cell.fill = INPUT_FILL


def export_workbook(session: Session, entity: Entity, today: dt.date) -> bytes:
    """Return the entity's editable open-period reports, one row per indicator, as XLSX."""
    wb = Workbook()
    ws = wb.worksheets[0]  # the active sheet of a new workbook
    ws.title = SHEET
    for column, name in enumerate(HEADER, start=1):
        _put(ws, 1, column, name)
        ws.cell(row=1, column=column).font = Font(bold=True)
    row = 2
    for item in due.due_for_entity(session, entity.id, today):
        if item.status in due.OPEN_TO_EDIT:
            row = _report_rows(session, ws, row, item)
    _protect(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _report_rows(session: Session, ws: Any, row: int, item: due.DueRow) -> int:
    project = session.get_one(Project, item.project_id)
    period = session.scalars(select(ReportingPeriod).where(ReportingPeriod.key == item.period_key))
    scope = entry.load_scope(session, project, period.one())
    stored = {v.indicator_id: v for v in scope.report.values} if scope.report else {}
    last = last_approved_values(session, [i.id for i in scope.indicators], item.period_key)
    version = scope.report.version if scope.report else 0
    for ind in scope.indicators:
        prev, mine = last.get(ind.id), stored.get(ind.id)
        shown = (project.title, f"{ind.code} {ind.name}", ind.measure, ind.unit)
        figures = (ind.baseline_value, ind.target_for(item.period_key), ind.life_target)
        values = [project.code, item.period_key, ind.code, version, *shown, *figures]
        values.append(None if prev is None else (prev.text or prev.value))
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, value)
        _inputs(ws, row, ind.measure, mine)
        row += 1
    return row


def _inputs(ws: Any, row: int, measure: str, mine: Any) -> None:
    first = len(HEADER) - len(INPUTS) + 1
    wanted = {
        Measure.NUMBER.value: (0,),
        Measure.PERCENTAGE.value: (1, 2),
        Measure.RATIO.value: (1, 2),
        Measure.QUALITATIVE.value: (3,),
    }[measure]
    current = (mine.value, mine.numerator, mine.denominator, mine.text) if mine else (None,) * 4
    for offset in range(len(INPUTS)):
        value = current[offset] if offset in wanted else None
        _put(ws, row, first + offset, value if value != "" else None, offset in wanted)


def _protect(ws: Any) -> None:
    for index, width in enumerate((14, 8, 14, 6, 30, 40, 12, 12, 10, 12, 10, 14, 12, 12, 12, 40)):
        ws.column_dimensions[ws.cell(row=1, column=index + 1).column_letter].width = width
    for index in range(len(IDENTIFIERS)):
        ws.column_dimensions[ws.cell(row=1, column=index + 1).column_letter].hidden = True
    ws.freeze_panes = "F2"
    ws.protection.sheet = True  # only the input cells are unlocked


def check_archive(data: bytes, max_bytes: int, max_uncompressed: int) -> None:
    """Refuse a file that is not a plain XLSX of bounded size before openpyxl opens it."""
    if len(data) > max_bytes:
        raise ValidationFailed([f"file: larger than {max_bytes // 1_000_000} MB"])
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationFailed(["file: not an .xlsx workbook"])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ValidationFailed(["file: damaged .xlsx workbook"]) from None
    names = {e.filename for e in entries}
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > max_uncompressed:
        raise ValidationFailed(["file: too many parts or too large once unpacked"])
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationFailed(["file: not an .xlsx workbook"])
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ValidationFailed(["file: workbooks with macros are not accepted"])
