"""The entity's progress workbook: every due report on protected, pre-filled sheets.

Sheets: Progress (indicator values, one row per indicator and one per part of a disaggregated
value), Activities, Narratives and Instructions (app/progress/workbook_sheets.py). Identifier
columns are visible and locked; only the input cells are unlocked and carry data validation."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.models.logframe import Indicator
from app.models.progress import IndicatorValue
from app.models.reference import Entity
from app.progress import due
from app.progress import services as entry
from app.progress import workbook_labels as labels
from app.progress.parts import indicator_categories
from app.progress.queries import last_approved_values
from app.progress.scopes import load_scopes
from indicators.disaggregation import label
from indicators.types import Measure

SHEET = "Progress"
IDENTIFIERS = ("project_code", "period", "indicator_code", "version")
SHOWN = ("Project", "Indicator", "Measure", "Unit", "Baseline", "Period target", "Life target")
INPUTS = ("Value", "Numerator", "Denominator", "Text (qualitative)")
INCOMPLETE = "Parts incomplete"  # yes/no on a disaggregated indicator's total row
EXTRA = ("part", "Report status", INCOMPLETE)
HEADER = (*IDENTIFIERS, *SHOWN, "Last approved", *INPUTS, *EXTRA)
COLUMN = {name: index + 1 for index, name in enumerate(HEADER)}
WIDTHS = (16, 8, 14, 8, 30, 40, 12, 12, 10, 12, 10, 14, 12, 12, 12, 40, 14, 14, 16)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")
MAX_ENTRIES = 200
INPUT_COLOUR = "FFF8E1"
WANTED = {
    Measure.NUMBER.value: ("Value",),
    Measure.PERCENTAGE.value: ("Numerator", "Denominator"),
    Measure.RATIO.value: ("Numerator", "Denominator"),
    Measure.QUALITATIVE.value: ("Text (qualitative)",),
}


@dataclass(frozen=True)
class DueReport:
    """One due report as the workbook lists it: its scope, version and status."""

    item: due.DueRow
    scope: entry.ReportScope
    version: int
    status: str

    @property
    def editable(self) -> bool:
        """Tell whether the report's cells may be filled (not started, draft or returned)."""
        return self.status in due.OPEN_TO_EDIT


def neutral(value: Any) -> Any:
    """Prefix text a spreadsheet would read as a formula with an apostrophe (ASVS 1.2.10)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def restored(text: str) -> str:
    """Take back the apostrophe `neutral` put before formula-like text."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def put(ws: Any, row: int, column: int, value: Any, editable: bool = False) -> None:
    """Write one cell as a plain value (never a formula); unlock and shade an input cell."""
    cell = ws.cell(row=row, column=column)
    cell.value = float(value) if isinstance(value, Decimal) else neutral(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl turns "=..." into a formula otherwise (T46)
    if editable:
        from openpyxl.styles import PatternFill, Protection

        cell.protection = Protection(locked=False)
        cell.fill = PatternFill("solid", fgColor=INPUT_COLOUR)


def header(ws: Any, names: tuple[str, ...], widths: tuple[int, ...]) -> None:
    """Write a sheet's bold header row, set column widths and freeze it."""
    from openpyxl.styles import Font

    for column, name in enumerate(names, start=1):
        put(ws, 1, column, labels.column_label(name))
        ws.cell(row=1, column=column).font = Font(bold=True)
        ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width = widths[column - 1]
    ws.freeze_panes = "A2"
    ws.protection.sheet = True  # only the input cells are unlocked


def due_reports(session: Session, entity: Entity, today: dt.date) -> list[DueReport]:
    """Return every report What's due lists for the entity, with its scope loaded."""
    rows = due.due_for_entity(session, entity.id, today)
    scopes = load_scopes(session, [(row.project_id, row.period_key) for row in rows])
    found = []
    for item in rows:
        scope = scopes[(item.project_id, item.period_key)]
        version = scope.report.version if scope.report else 0
        found.append(DueReport(item, scope, version, item.status))
    return found


def export_workbook(session: Session, entity: Entity, today: dt.date) -> bytes:
    """Return every due report of the entity (values, activities, narratives) as XLSX."""
    from openpyxl import Workbook

    from app.progress import workbook_sheets as sheets

    reports = due_reports(session, entity, today)
    wb = Workbook()
    ws = wb.worksheets[0]  # the active sheet of a new workbook
    ws.title = labels.sheet_title(SHEET)
    header(ws, HEADER, WIDTHS)
    row = 2
    for key in sorted({r.item.period_key for r in reports}):
        chosen = [r for r in reports if r.item.period_key == key]
        ids = [i.id for r in chosen for i in r.scope.indicators]
        last = last_approved_values(session, ids, key)  # one query per open period
        for report in chosen:
            row = _report_rows(ws, row, report, last)
    sheets.value_checks(ws, row)
    sheets.activities_sheet(wb, reports)
    sheets.narratives_sheet(wb, reports)
    sheets.instructions_sheet(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _report_rows(ws: Any, row: int, report: DueReport, last: dict[int, Any]) -> int:
    scope, key = report.scope, report.item.period_key
    stored = {v.indicator_id: v for v in scope.report.values} if scope.report else {}
    for ind in scope.indicators:
        prev, mine = last.get(ind.id), stored.get(ind.id)
        figures = (ind.baseline_value, ind.target_for(key), ind.life_target)
        measure = labels.shown_measure(ind.measure)
        shown = (scope.project.title, f"{ind.code} {ind.name}", measure, ind.unit, *figures)
        values = [scope.project.code, key, ind.code, report.version, *shown]
        values.append(None if prev is None else (prev.text or prev.value))
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)
        put(ws, row, COLUMN["Report status"], labels.shown_status(report.status))
        _inputs(ws, row, ind.measure, mine, report.editable)
        if ind.disaggregation:
            put(ws, row, COLUMN[INCOMPLETE], flag_text(mine), report.editable)
        row = _part_rows(ws, row + 1, values, ind, mine, report)
    return row


def flag_text(mine: IndicatorValue | None) -> str | None:
    """Write a stored value's "parts incomplete" flag as yes or no in the reader's language
    (empty without a value)."""
    if mine is None:
        return None
    return labels.flag_word(mine.parts_incomplete)


def _inputs(ws: Any, row: int, measure: str, mine: IndicatorValue | None, editable: bool) -> None:
    current = (mine.value, mine.numerator, mine.denominator, mine.text) if mine else (None,) * 4
    for name, value in zip(INPUTS, current, strict=True):
        wanted = name in WANTED[measure]
        put(ws, row, COLUMN[name], value if wanted and value != "" else None, wanted and editable)


def _part_rows(
    ws: Any,
    row: int,
    values: list[Any],
    ind: Indicator,
    mine: IndicatorValue | None,
    report: DueReport,
) -> int:
    """Write one row per category of a disaggregated indicator, its part in the Value column."""
    parts = {p.category: p.value for p in mine.parts} if mine else {}
    countries = [c.iso3 for c in report.scope.project.countries]
    for category in indicator_categories(ind, countries):
        shown = [*values[:5], f"{ind.code} {ind.name}: {label(category)}", *values[6:]]
        for column, value in enumerate(shown, start=1):
            put(ws, row, column, value)
        put(ws, row, COLUMN["Value"], parts.get(category), report.editable)
        put(ws, row, COLUMN["part"], category)
        put(ws, row, COLUMN["Report status"], labels.shown_status(report.status))
        row += 1
    return row


def check_archive(data: bytes, max_bytes: int, max_uncompressed: int) -> None:
    """Refuse a file that is not a plain XLSX of bounded size before openpyxl opens it."""
    if len(data) > max_bytes:
        raise ValidationFailed([_("file: larger than %(size)s MB", size=max_bytes // 1_000_000)])
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationFailed([_("file: not an .xlsx workbook")])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ValidationFailed([_("file: damaged .xlsx workbook")]) from None
    names = {e.filename for e in entries}
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > max_uncompressed:
        raise ValidationFailed([_("file: too many parts or too large once unpacked")])
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationFailed([_("file: not an .xlsx workbook")])
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ValidationFailed([_("file: workbooks with macros are not accepted")])
