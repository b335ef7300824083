"""The comparison downloads as they were built before they were streamed: the reference the
streamed downloads must equal byte for byte (chunked reads, three sorts, whole files in memory,
a WriteOnlyCell per value)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import chain
from typing import Any

from openpyxl import Workbook
from sqlalchemy.orm import Session

from app.compare.comparison import Screen
from app.compare.downloads import (
    FIGURE_HEADERS,
    INDICATOR_HEADERS,
    PART_HEADERS,
    figure_rows,
    indicator_rows,
    part_rows,
)
from app.compare.indicator_parts import breakdown, side_parts
from app.compare.indicator_performance import IndicatorRow, Reading, _period_figure
from app.figures.data_source import Source
from app.figures.queries import approved_values_by_code, indicator_definitions
from indicators.achievement import assess
from indicators.cumulation import PeriodValue, life_actual, ordered
from indicators.types import AchievementStatus, Cumulation, Measure
from reports.tabular import Rows, _csv_line, _xlsx_cell, sheet_title


def all_performance(
    session: Session, a: Source, b: Source, pillar: str, chunk: int = 1000
) -> Iterator[IndicatorRow]:
    """Yield every indicator read on both sources, a chunk of indicators at a time."""
    definitions = indicator_definitions(session, pillar)
    for start in range(0, len(definitions), chunk):
        yield from _read(session, a, b, definitions[start : start + chunk])


def _read(session: Session, a: Source, b: Source, definitions: list[Any]) -> list[IndicatorRow]:
    codes = [row.code for row in definitions]
    values_a = approved_values_by_code(session, a, codes)
    values_b = approved_values_by_code(session, b, codes)
    broken_down = [row.code for row in definitions if row.disaggregation]
    parts_a, parts_b = side_parts(session, a, broken_down), side_parts(session, b, broken_down)
    return [
        IndicatorRow(row.pillar or "", row.level, row.code, row.name, row.unit, row.measure,
                     row.baseline_value, row.life_target, _reading(row, values_a.get(row.code, [])),
                     _reading(row, values_b.get(row.code, [])), breakdown(row, parts_a, parts_b))
        for row in definitions
    ]  # fmt: skip


def _reading(definition: Any, values: list[PeriodValue]) -> Reading:
    measure, cumulation = Measure(definition.measure), Cumulation(definition.cumulation)
    items = ordered(values)
    actual = life_actual(items, cumulation, measure)
    if measure is Measure.QUALITATIVE:
        ratio: Decimal | None = None
        status = AchievementStatus.NOT_ASSESSED
    else:
        ratio, status = assess(actual, definition.baseline_value, definition.life_target)
    periods = tuple((str(v.period), _period_figure(v, measure)) for v in items)
    return Reading(periods, actual, ratio, status)


def to_csv(headers: Sequence[str], rows: Rows) -> bytes:
    """Write headers and rows as CSV bytes with a BOM, in memory."""
    buf = io.StringIO(newline="")
    buf.write(_csv_line(headers))
    for row in rows:
        buf.write(_csv_line(row))
    return "\ufeff".encode() + buf.getvalue().encode("utf-8")


def to_xlsx(sheets: Mapping[str, tuple[Sequence[str], Rows]]) -> bytes:
    """Write one worksheet per entry, a WriteOnlyCell per value."""
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    for name, (headers, rows) in sheets.items():
        ws = wb.create_sheet(sheet_title(name, taken))
        ws.append([_xlsx_cell(ws, h, bold=True) for h in headers])
        for row in rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def parts_csv(indicators: Iterable[IndicatorRow]) -> bytes:
    """Return the parts table as CSV."""
    return to_csv(PART_HEADERS, part_rows(indicators))


def screen_csv(screen: Screen, indicators: Iterable[IndicatorRow]) -> bytes:
    """Return the figures and then the indicator table as one CSV."""
    between: list[list[Any]] = [[], [*INDICATOR_HEADERS]]
    return to_csv(FIGURE_HEADERS, chain(figure_rows(screen), between, indicator_rows(indicators)))


def screen_xlsx(screen: Screen, indicators: Iterable[IndicatorRow]) -> bytes:
    """Return the figures, the indicator table and the parts table as three worksheets."""
    items = list(indicators)
    broken_down = [item for item in items if item.breakdown is not None]
    return to_xlsx(
        {
            "Figures": (FIGURE_HEADERS, figure_rows(screen)),
            "Indicators": (INDICATOR_HEADERS, indicator_rows(items)),
            "Parts": (PART_HEADERS, part_rows(broken_down)),
        }
    )
