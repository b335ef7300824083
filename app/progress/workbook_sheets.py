"""The progress workbook's other sheets (activities, narratives, instructions) and its checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from app.models.enums import ActivityStatus
from app.progress import workbook_labels as labels
from app.progress.workbook import COLUMN, INCOMPLETE, DueReport, header, put
from indicators.types import Measure

if TYPE_CHECKING:  # openpyxl loads with the first workbook, not with every command
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

ACTIVITIES = "Activities"
ACTIVITY_HEADER = (
    "project_code", "period", "activity_id", "version", "Project", "Activity", "Start", "End",
    "Status", "% complete", "Report status",
)  # fmt: skip
NARRATIVES = "Narratives"
NARRATIVE_HEADER = ("project_code", "period", "version", "Project", "Report status", "Narrative")
GUIDE = "Instructions"
STATUSES = tuple(s.value for s in ActivityStatus)
MAX_TEXT = 5000
MAX_NARRATIVE = 20000


def instructions() -> list[str]:
    """Return the Instructions sheet's lines, in the reader's language: each paragraph is one
    message, its line breaks where the sheet breaks its lines."""
    paragraphs = (
        _("How to fill this workbook"),
        "",
        _(
            "It lists every report your entity has due, one sheet per part of the report:\n"
            "  Progress: one row per indicator and period; a disaggregated indicator has its "
            "total row\n"
            "    and then one row per part (the part column names it), whose Value is that part.\n"
            "  Activities: one row per activity and period: choose a status, give the %% complete "
            "(%(low)s-%(high)s).\n"
            "  Narratives: one row per report: the narrative of the quarter.",
            low=0,
            high=100,
        ),
        "",
        _(
            "What to fill: the shaded cells only. Number indicators take a Value; shares and "
            "ratios a\n"
            "  Numerator and a Denominator (a share's numerator is at most its denominator); "
            "qualitative\n"
            "  indicators a text. Parts add up to the total (leave the total empty to take their "
            "sum)."
        ),
        _(
            "  Parts incomplete (on the total row of a disaggregated indicator): yes when some of "
            "those\n"
            "  counted in the total are in no part (the parts may then add up to less), otherwise "
            "no."
        ),
        _(
            "What not to touch: the identifier columns (project_code, period, indicator_code,\n"
            "  activity_id, version, part) and the other locked cells; do not add or reorder "
            "rows.\n"
            "  Reports already submitted or approved are listed for reference; their cells are "
            "locked."
        ),
        _("An empty cell leaves what is stored as it is; clear a value on the report page."),
        "",
        _(
            "How upload works: upload the file on the tracker's upload page. Every cell is "
            "checked\n"
            "  first; each problem is listed as 'sheet, row N: column: problem' and nothing is "
            "saved.\n"
            "  Otherwise a preview shows, per report, each cell's stored value and the file's "
            "value;\n"
            "  nothing is saved until you confirm. A cell someone changed on the web since your\n"
            "  download is named in the preview and keeps the web's value. Saved reports are "
            "drafts:\n"
            "  submit each one from its page. Uploading the same file again changes nothing."
        ),
    )
    return [line for paragraph in paragraphs for line in paragraph.split("\n")]


def _validation(ws: Any, kind: Any, message: str, **options: Any) -> DataValidation:
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, **options)
    rule.errorTitle, rule.error = _("Not accepted"), message
    ws.add_data_validation(rule)
    return rule


def value_checks(ws: Any, end: int) -> None:
    """Check the Progress sheet's input cells as they are typed (numbers, shares, text)."""
    from openpyxl.utils import get_column_letter

    decimal = _validation(
        ws,
        "decimal",
        _("Enter a number of 0 or more."),
        operator="greaterThanOrEqual",
        formula1="0",
    )
    text = _validation(
        ws, "textLength", _("At most %(max)s characters.", max=MAX_TEXT),
        operator="lessThanOrEqual", formula1=str(MAX_TEXT),
    )  # fmt: skip
    yes_no = f'"{labels.flag_word(True)},{labels.flag_word(False)}"'
    percentage = labels.shown_measure(Measure.PERCENTAGE.value)
    flag = _validation(ws, "list", _("Choose yes or no."), formula1=yes_no)
    numerator, denominator = (get_column_letter(COLUMN[n]) for n in ("Numerator", "Denominator"))
    for row in range(2, end):
        if not ws.cell(row, COLUMN[INCOMPLETE]).protection.locked:
            flag.add(ws.cell(row, COLUMN[INCOMPLETE]).coordinate)
        share = ws.cell(row, COLUMN["Measure"]).value == percentage
        for name in ("Value", "Numerator", "Denominator", "Text (qualitative)"):
            cell = ws.cell(row, COLUMN[name])
            if cell.protection.locked:
                continue
            if name == "Text (qualitative)":
                text.add(cell.coordinate)
            elif share and name == "Numerator":
                num, den = f"{numerator}{row}", f"{denominator}{row}"
                _validation(
                    ws, "custom", _("A share's numerator is a number of 0 or more, at most its "
                    "denominator."), formula1=f"AND(ISNUMBER({num}),{num}>=0,OR(ISBLANK({den}),"
                    f"{num}<={den}))",
                ).add(cell.coordinate)  # fmt: skip
            else:
                decimal.add(cell.coordinate)


def activities_sheet(wb: Workbook, reports: Sequence[DueReport]) -> None:
    """Add the sheet of activities: status and % complete per activity and period."""
    ws = wb.create_sheet(labels.sheet_title(ACTIVITIES))
    header(ws, ACTIVITY_HEADER, (16, 8, 10, 8, 30, 40, 11, 11, 12, 11, 14))
    words = [labels.activity_word(s) for s in STATUSES]
    status = _validation(
        ws, "list", _("Choose one of: %(statuses)s.", statuses=", ".join(words)),
        formula1='"' + ",".join(words) + '"',
    )  # fmt: skip
    percent = _validation(
        ws, "whole", _("Enter a whole number from 0 to 100."), operator="between",
        formula1="0", formula2="100",
    )  # fmt: skip
    row = 2
    for report in reports:
        scope = report.scope
        updates = {u.activity_id: u for u in scope.report.activity_updates} if scope.report else {}
        for activity in scope.activities:
            mine = updates.get(activity.id)
            shown = (
                scope.project.code, report.item.period_key, activity.id, report.version,
                scope.project.title, activity.title, activity.start_date, activity.end_date,
            )  # fmt: skip
            for column, value in enumerate(shown, start=1):
                put(ws, row, column, value)
            chosen = labels.activity_word(mine.status) if mine and mine.status else None
            put(ws, row, 9, chosen, report.editable)
            put(ws, row, 10, mine.percent_complete if mine else None, report.editable)
            put(ws, row, 11, labels.shown_status(report.status))
            if report.editable:
                status.add(f"I{row}")
                percent.add(f"J{row}")
            row += 1


def narratives_sheet(wb: Workbook, reports: Sequence[DueReport]) -> None:
    """Add the sheet of narratives: one row per due report."""
    from openpyxl.styles import Alignment

    ws = wb.create_sheet(labels.sheet_title(NARRATIVES))
    header(ws, NARRATIVE_HEADER, (16, 8, 8, 30, 14, 90))
    length = _validation(
        ws, "textLength", _("At most %(max)s characters.", max=MAX_NARRATIVE),
        operator="lessThanOrEqual",
        formula1=str(MAX_NARRATIVE),
    )  # fmt: skip
    for row, report in enumerate(reports, start=2):
        scope = report.scope
        shown = (scope.project.code, report.item.period_key, report.version, scope.project.title,
                 labels.shown_status(report.status))  # fmt: skip
        for column, value in enumerate(shown, start=1):
            put(ws, row, column, value)
        put(ws, row, 6, (scope.report.narrative if scope.report else "") or None, report.editable)
        ws.cell(row, 6).alignment = Alignment(wrap_text=True, vertical="top")
        if report.editable:
            length.add(f"F{row}")


def instructions_sheet(wb: Workbook) -> None:
    """Add the last sheet: what to fill, what not to touch, how the upload works."""
    from openpyxl.styles import Font

    ws = wb.create_sheet(labels.sheet_title(GUIDE))
    ws.column_dimensions["A"].width = 100
    for row, line in enumerate(instructions(), start=1):
        put(ws, row, 1, line)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.protection.sheet = True
