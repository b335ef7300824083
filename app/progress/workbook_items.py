"""Take each filled item of an uploaded workbook into its report's plan, if it differs."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from flask_babel import gettext as _

from app.errors import ValidationFailed
from app.models.logframe import Indicator
from app.progress import services as entry
from app.progress import workbook_labels as labels
from app.progress.audit_state import plain
from app.progress.parts import indicator_categories
from app.progress.workbook import INCOMPLETE, INPUTS
from app.progress.workbook_import import Batch, Cell
from app.progress.workbook_read import MAX_NARRATIVE, Row, number, text, whole
from app.progress.workbook_sheets import STATUSES
from indicators.disaggregation import label
from indicators.shares import parts_problem
from indicators.types import PARTS_MEASURES, Measure

INPUT_COLUMNS = {"Progress": (*INPUTS, INCOMPLETE), "Activities": ("Status", "% complete")}


def blank(row: Row) -> bool:
    """Tell whether the row's input cells are all empty (nothing entered on it)."""
    return row.empty(*INPUT_COLUMNS.get(row.sheet, ("Narrative",)))


def value_groups(rows: list[Row]) -> list[list[Row]]:
    """Group the Progress rows by report and indicator: the total row and its part rows."""
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for row in rows:
        key = (row.ident("project_code"), row.ident("period"), row.ident("indicator_code"))
        groups.setdefault(key, []).append(row)
    return list(groups.values())


def _cells(
    rows: Mapping[str, Row], item: str, now: Mapping[str, str], file: Mapping[str, str]
) -> list[Cell]:
    names = [n for n in {**now, **file} if now.get(n) != file.get(n)]
    empty = _("(empty)")
    return [
        Cell(rows[n].place, item, labels.column_label(n), now.get(n, empty), file.get(n, empty))
        for n in names
    ]


def _shown(given: entry.IndicatorInput) -> dict[str, str]:
    """Return an indicator input as the preview names its cells (empty ones left out)."""
    found = {
        "Value": plain(given.value), "Numerator": plain(given.numerator),
        "Denominator": plain(given.denominator), "Text (qualitative)": given.text or None,
    }  # fmt: skip
    found |= {f"part {label(c)}": plain(v) for c, v in given.parts.items()}
    if given.parts or given.parts_incomplete:  # stored only with parts (progress.parts)
        found[INCOMPLETE] = labels.flag_word(given.parts_incomplete)
    return {name: value for name, value in found.items() if value is not None}


def take_values(rows: list[Row], batch: Batch) -> None:
    """Take an indicator's total row and part rows; refuse what is wrong, cell by cell."""
    totals = [r for r in rows if not r.ident("part")]
    total = totals[0] if totals else rows[0]
    code = total.ident("indicator_code")
    indicator = next((i for i in batch.scope.indicators if i.code == code), None)
    if indicator is None:
        raise ValidationFailed(
            [
                _(
                    "%(where)s: %(code)s is not an indicator of the project",
                    where=total.where("indicator_code"),
                    code=repr(code),
                )
            ]
        )
    if len(totals) > 1:
        twice = totals[1].where("indicator_code")
        raise ValidationFailed([_("%(where)s: %(item)s appears twice", where=twice, item=code)])
    stored = entry.merged(batch.scope, entry.ReportInput())[0].get(
        indicator.id, entry.IndicatorInput()
    )
    given, where = _given(indicator, batch, total, [r for r in rows if r.ident("part")], stored)
    try:
        after = entry.merged(batch.scope, entry.ReportInput({indicator.id: given}))[0][indicator.id]
    except ValidationFailed as error:
        raise ValidationFailed([f"{total.where('Value')}: {p}" for p in error.problems]) from None
    now, file = _shown(stored), _shown(after)
    located = {n: where.get(n, total) for n in {**now, **file}}
    if batch.take(total, indicator.code, _cells(located, indicator.code, now, file)):
        batch.data.indicators[indicator.id] = given


def _given(
    indicator: Indicator,
    batch: Batch,
    total: Row,
    part_rows: list[Row],
    stored: entry.IndicatorInput,
) -> tuple[entry.IndicatorInput, dict[str, Row]]:
    """Return what the rows enter for the indicator and the row of each part, or refuse them."""
    problems: list[str] = []
    value, num, den = (number(total, c, problems) for c in ("Value", "Numerator", "Denominator"))
    said = text(total, "Text (qualitative)", problems)
    if den == 0:
        problems.append(_("%(where)s: must be more than 0", where=total.where("Denominator")))
    ratio = indicator.measure == Measure.RATIO.value
    if indicator.measure in PARTS_MEASURES and (problem := parts_problem(ratio, num, den)):
        problems.append(
            _("%(where)s: %(problem)s", where=total.where("Numerator"), problem=problem)
        )
    parts, where = _parts(indicator, batch, part_rows, problems)
    flag = incomplete_flag(indicator, total, part_rows, problems)
    parts = stored.parts | parts  # an empty part cell leaves the stored part as it is
    if flag and not parts:
        problems.append(
            _("%(where)s: give the parts first (no part is entered)", where=total.where(INCOMPLETE))
        )
    if problems:
        raise ValidationFailed(problems)
    incomplete = stored.parts_incomplete if flag is None else flag  # empty: as stored
    return entry.IndicatorInput(value, num, den, said, parts, incomplete), where


def incomplete_flag(
    indicator: Indicator, total: Row, part_rows: list[Row], problems: list[str]
) -> bool | None:
    """Return the total row's "Parts incomplete" (None when empty), noting what is wrong."""
    for row in part_rows:
        if not row.empty(INCOMPLETE):
            problems.append(
                _("%(where)s: set it on the total row, not on a part", where=row.where(INCOMPLETE))
            )
    if total.empty(INCOMPLETE):
        return None
    value = total.cells.get(INCOMPLETE)
    flag = value if isinstance(value, bool) else labels.read_flag(str(value))
    if not indicator.disaggregation:
        problems.append(
            _(
                "%(where)s: %(code)s is not broken down into parts; leave it empty",
                where=total.where(INCOMPLETE),
                code=indicator.code,
            )
        )
        return None
    if flag is None:
        problems.append(_("%(where)s: enter yes or no", where=total.where(INCOMPLETE)))
    return flag


def _parts(
    indicator: Indicator, batch: Batch, rows: list[Row], problems: list[str]
) -> tuple[dict[str, Decimal], dict[str, Row]]:
    """Return the parts the part rows give, and the row of each, noting what is wrong."""
    known = indicator_categories(indicator, [c.iso3 for c in batch.scope.project.countries])
    parts, where = {}, {}
    for row in rows:
        category = row.ident("part")
        if category not in known:
            choices = ", ".join(known) or _("none: the indicator is not broken down")
            problems.append(
                _(
                    "%(where)s: %(part)s is not a part of %(code)s; parts: %(parts)s",
                    where=row.where("part"),
                    part=repr(category),
                    code=indicator.code,
                    parts=choices,
                )
            )
            continue
        if category in parts or f"part {label(category)}" in where:
            problems.append(
                _("%(where)s: %(item)s appears twice", where=row.where("part"), item=category)
            )
            continue
        where[f"part {label(category)}"] = row
        if (figure := number(row, "Value", problems)) is not None:
            parts[category] = figure
    return parts, where


def take_activity(rows: list[Row], batch: Batch) -> None:
    """Take an activity's status and % complete if they differ from what is stored."""
    row = rows[0]
    given_id = row.ident("activity_id")
    activity = next((a for a in batch.scope.activities if str(a.id) == given_id), None)
    if activity is None:
        raise ValidationFailed(
            [
                _(
                    "%(where)s: %(id)s is not an activity of the project",
                    where=row.where("activity_id"),
                    id=repr(given_id),
                )
            ]
        )
    batch.once(row, "activity_id", f"activity {activity.id}")
    problems: list[str] = []
    status = labels.read_activity(text(row, "Status", problems))
    if status not in STATUSES:
        problems.append(
            _(
                "%(where)s: choose one of %(statuses)s",
                where=row.where("Status"),
                statuses=", ".join(labels.activity_word(s) for s in STATUSES),
            )
        )
    percent = whole(row, "% complete", problems)
    if problems:
        raise ValidationFailed(problems)
    stored = entry.merged(batch.scope, entry.ReportInput())[1].get(
        activity.id, entry.ActivityInput()
    )
    if stored.status == status and percent in (None, stored.percent):
        return
    now = {
        "Status": labels.activity_word(stored.status) if stored.status else _("(empty)"),
        "% complete": str(stored.percent or 0) if stored.status else _("(empty)"),
    }
    file = {
        "Status": labels.activity_word(status),
        "% complete": _("(empty)") if percent is None else str(percent),
    }
    if percent is None:
        del now["% complete"], file["% complete"]
    cells = _cells({n: row for n in now}, activity.title, now, file)
    if batch.take(row, f"Activity {activity.id}", cells):
        kept = stored.percent if percent is None and stored.status else percent
        batch.data.activities[activity.id] = entry.ActivityInput(status, kept)


def take_narrative(rows: list[Row], batch: Batch) -> None:
    """Take a report's narrative if it differs from what is stored."""
    row = rows[0]
    batch.once(row, "project_code", "narrative")
    problems: list[str] = []
    said = text(row, "Narrative", problems, MAX_NARRATIVE)
    if problems:
        raise ValidationFailed(problems)
    stored = batch.scope.report.narrative if batch.scope.report else ""
    if said == (stored or ""):
        return
    cells = _cells(
        {"Narrative": row}, "narrative", {"Narrative": stored or _("(empty)")}, {"Narrative": said}
    )
    if batch.take(row, "narrative", cells):
        batch.data.narrative = said
