"""Read a filled progress workbook back: check every row, then save drafts all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, NoReturn

import openpyxl
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import text as clean
from app.errors import ValidationFailed
from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.logframe import Indicator
from app.models.portfolio import Project
from app.models.progress import ReportingPeriod
from app.models.reference import Entity
from app.portfolio.imports.bounds import check_workbook
from app.portfolio.imports.reader import Limits
from app.portfolio.imports.services import DEFAULT_LIMITS
from app.progress import services as entry
from app.progress import workflow
from app.progress.numbers import check_quantity, parse_quantity
from app.progress.window import not_open_yet
from app.progress.workbook import HEADER, IDENTIFIERS, INPUTS, SHEET, check_archive
from indicators.shares import parts_problem
from indicators.types import PARTS_MEASURES, Measure

MAX_ROWS = 5000
MAX_TEXT = 5000


@dataclass
class Batch:
    """One report's rows: its scope, the version the workbook saw and the values entered."""

    scope: entry.ReportScope
    version: int
    data: entry.ReportInput = field(default_factory=entry.ReportInput)


def import_workbook(
    session: Session, user: User, entity: Entity, blob: bytes, limits: Limits = DEFAULT_LIMITS
) -> int:
    """Save every filled row as a draft, or raise ValidationFailed listing each problem.

    Return how many reports were saved: a report whose rows repeat its stored values is left
    as it is (no new version, no audit event), so uploading the downloaded workbook unchanged
    changes nothing."""
    check_archive(blob, limits.max_bytes, limits.max_uncompressed_bytes)
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        check_workbook(archive, limits.bounds)
    rows = _read_rows(blob)
    problems: list[str] = []
    batches: dict[tuple[str, str], Batch] = {}
    for number, cells in rows:
        try:
            _take_row(session, entity, number, cells, batches)
        except ValidationFailed as error:
            problems.extend(error.problems)
    if problems:
        raise ValidationFailed(problems)
    changed = [batch for batch in batches.values() if _changes(batch)]
    for batch in changed:
        entry.save_draft(session, user, batch.scope, batch.data, batch.version)
    return len(changed)


def _changes(batch: Batch) -> bool:
    """Tell whether the rows entered differ from what the report stores."""
    after, _ = entry.merged(batch.scope, batch.data)
    before, _ = entry.merged(batch.scope, entry.ReportInput())
    return _filled(after) != _filled(before)


def _filled(values: dict[int, entry.IndicatorInput]) -> dict[int, tuple[Any, ...]]:
    return {
        key: (v.value, v.numerator, v.denominator, v.text or "", v.parts, v.parts_incomplete)
        for key, v in values.items()
        if not v.is_empty()
    }


def _read_rows(blob: bytes) -> list[tuple[int, list[Any]]]:
    try:
        wb = openpyxl.load_workbook(io.BytesIO(blob), read_only=True, data_only=False)
        ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
        # Read-only sheets parse cells while iterating: a cell such as <v>INF</v> raises here.
        rows = list(ws.iter_rows(max_row=MAX_ROWS + 2, max_col=len(HEADER)))
        wb.close()
    except Exception:  # openpyxl raises many types for a broken file
        raise ValidationFailed(["file: the workbook cannot be read"]) from None
    header = tuple(str(c.value or "").strip() for c in rows[0][: len(HEADER)]) if rows else ()
    if header != HEADER:
        raise ValidationFailed(["row 1: header: not the tracker's progress workbook"])
    if len(rows) > MAX_ROWS + 1:
        raise ValidationFailed([f"file: more than {MAX_ROWS} rows"])
    return [(n, list(r[: len(HEADER)])) for n, r in enumerate(rows[1:], start=2)]


def _take_row(
    session: Session,
    entity: Entity,
    number: int,
    cells: list[Any],
    batches: dict[tuple[str, str], Batch],
) -> None:
    cells = cells + [None] * (len(HEADER) - len(cells))
    formulas = [HEADER[i] for i, c in enumerate(cells) if getattr(c, "data_type", "") == "f"]
    if formulas:
        raise ValidationFailed([f"row {number}: {c}: formulas are not accepted" for c in formulas])
    values = [getattr(c, "value", None) for c in cells]
    inputs = values[len(HEADER) - len(INPUTS) :]
    if all(v is None or str(v).strip() == "" for v in inputs):
        return  # nothing entered on this row
    code, key, indicator_code, version = (_ident(v) for v in values[: len(IDENTIFIERS)])
    batch = batches.get((code, key)) or _batch(session, entity, number, code, key, version)
    batches[(code, key)] = batch
    _add_values(batch, number, indicator_code, inputs)


def _ident(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _batch(
    session: Session, entity: Entity, number: int, code: str, key: str, version: str
) -> Batch:
    project = session.scalar(select(Project).where(Project.code == code))
    if project is None or project.entity_id != entity.id:
        _refuse(number, "project_code", f"{code!r} is not a project of {entity.acronym}")
    period = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == key))
    if period is None:
        _refuse(number, "period", f"{key!r} is not a reporting period")
    if period.status == PeriodStatus.LOCKED.value:
        _refuse(number, "period", f"{key} is locked; nothing in it can change")
    if (opens := not_open_yet(key, period.entry_opens_on, dt.date.today())) is not None:
        _refuse(number, "period", opens)
    scope = entry.load_scope(session, project, period)
    status = scope.report.status if scope.report else workflow.DRAFT
    if status not in workflow.EDITABLE:
        _refuse(number, "report", f"{code} {key} is {status}; it cannot be changed")
    current = scope.report.version if scope.report else 0
    if not version.isdigit() or int(version) != current:
        _refuse(number, "version", f"{code} {key} changed since the download; download again")
    return Batch(scope, current)


def _refuse(number: int, column: str, problem: str) -> NoReturn:
    raise ValidationFailed([f"row {number}: {column}: {problem}"])


def _add_values(batch: Batch, number: int, indicator_code: str, inputs: list[Any]) -> None:
    indicator = next((i for i in batch.scope.indicators if i.code == indicator_code), None)
    if indicator is None:
        _refuse(number, "indicator_code", f"{indicator_code!r} is not an indicator of the project")
    if indicator.id in batch.data.indicators:
        raise ValidationFailed([f"row {number}: indicator_code: {indicator_code} appears twice"])
    problems: list[str] = []
    parsed = [_number(number, INPUTS[i], inputs[i], problems) for i in range(3)]
    text = _text(number, inputs[3], problems)
    if parsed[2] == 0:
        problems.append(f"row {number}: Denominator: must be more than 0")
    ratio = indicator.measure == Measure.RATIO.value
    if indicator.measure in PARTS_MEASURES and (
        problem := parts_problem(ratio, parsed[1], parsed[2])
    ):
        problems.append(f"row {number}: Numerator: {problem}")
    if problems:
        raise ValidationFailed(problems)
    given = _kept_parts(
        batch, number, indicator, entry.IndicatorInput(parsed[0], parsed[1], parsed[2], text)
    )
    batch.data.indicators[indicator.id] = given


def _kept_parts(
    batch: Batch, number: int, indicator: Indicator, given: entry.IndicatorInput
) -> entry.IndicatorInput:
    """Keep a disaggregated value's stored parts: the workbook carries its total only."""
    report = batch.scope.report
    stored = (
        next((v for v in report.values if v.indicator_id == indicator.id), None) if report else None
    )
    if stored is None or not stored.parts:
        return given
    parts = {part.category: part.value for part in stored.parts}
    if given.value != stored.value:
        _refuse(
            number,
            "Value",
            f"{indicator.code} is broken down by {indicator.disaggregation} on the report page; "
            "change its total there, with its parts",
        )
    return replace(given, parts=parts, parts_incomplete=stored.parts_incomplete)


def _number(number: int, column: str, value: Any, problems: list[str]) -> Decimal | None:
    try:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise ValueError("Enter a plain number.")
        if isinstance(value, str):
            return parse_quantity(value)
        return check_quantity(Decimal(str(value)))
    except ValueError as error:
        problems.append(f"row {number}: {column}: {error}")
        return None


def _text(number: int, value: Any, problems: list[str]) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_TEXT:
        problems.append(f"row {number}: Text (qualitative): at most {MAX_TEXT:,} characters")
        return ""
    if (fix := clean.problem(text)) is not None:
        problems.append(f"row {number}: Text (qualitative): {fix}")
        return ""
    return text
