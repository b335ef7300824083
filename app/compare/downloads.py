"""The comparison view as rows: the same figures as the page, for CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from itertools import chain
from typing import IO, Any

from app.compare.comparison import Screen
from app.compare.indicator_performance import IndicatorRow, Reading
from indicators.deltas import delta
from reports.tabular import Cell, csv_chunks, write_xlsx

FIGURE_HEADERS = ["section", "item", "A", "B", "change", "change_pct"]
INDICATOR_HEADERS = [
    "pillar", "level", "code", "indicator", "unit", "baseline", "life_target",
    "A_actual", "B_actual", "B_periods", "B_achievement_pct", "B_status",
]  # fmt: skip
# The parts of disaggregated indicators: a table of their own (/compare/parts.csv, the XLSX's
# "Parts" sheet), so the indicator table keeps one row per indicator (docs/disaggregation.md).
PART_HEADERS = [
    "pillar", "level", "code", "indicator", "dimension", "part", "A", "B", "change",
    "change_pct", "A_parts_incomplete", "B_parts_incomplete",
]  # fmt: skip
Row = list[Cell]


def _row(section: str, item: str, a: Any, b: Any) -> Row:
    change = delta(a, b) if a is not None and b is not None else None
    absolute = None if change is None else change.absolute
    percent = None if change is None else change.percent
    return [section, item, a, b, absolute, percent]


def _counts(section: str, a: Mapping[str, Any], b: Mapping[str, Any], attr: str) -> list[Row]:
    keys = list(a) + [k for k in b if k not in a]
    return [
        _row(
            section,
            key,
            getattr(a[key], attr) if key in a else 0,
            getattr(b[key], attr) if key in b else 0,
        )
        for key in keys
    ]


def figure_rows(screen: Screen) -> list[Row]:
    """Return the headline figures, breakdowns, need coverage and changes as rows."""
    pa, pb = screen.a.figures.portfolio, screen.b.figures.portfolio
    na, nb = screen.a.figures.needs, screen.b.figures.needs
    filters = "; ".join(f"{k}={v}" for k, v in screen.filters.as_dict().items()) or "none"
    rows: list[Row] = [["compared", f"filters: {filters}", screen.a.name, screen.b.name, "", ""]]
    rows += [_row("headline", h.label, h.a, h.b) for h in screen.headlines]
    rows += _counts("projects by pillar", pa.by_pillar, pb.by_pillar, "count")
    rows += _counts("projects by scope", pa.by_scope, pb.by_scope, "count")
    rows += _counts("projects by status", pa.by_status, pb.by_status, "count")
    rows += _counts("projects by entity", pa.by_entity, pb.by_entity, "count")
    rows += _counts("CTED needs by pillar, % addressed", na.by_pillar, nb.by_pillar, "coverage_pct")
    rows += _counts("CTED needs by member state", na.by_member_state, nb.by_member_state, "total")
    rows += _counts(
        "CTED needs addressed by member state", na.by_member_state, nb.by_member_state, "addressed"
    )
    return rows + change_rows(screen)


def change_rows(screen: Screen) -> list[Row]:
    """Return the projects added, removed and carried over, and the status changes."""
    result, section = screen.comparison, f"changes from {screen.old.name} to {screen.new.name}"
    rows: list[Row] = [
        [section, name, None, len(getattr(result, name)), None, None]
        for name in ("added", "removed", "carried_over")
    ]
    rows += [[section, k, None, n, None, None] for k, n in result.status_changes.items()]
    return rows


def _periods(reading: Reading) -> str:
    return "; ".join(f"{key}: {'' if v is None else _short(v)}" for key, v in reading.periods)


def _short(value: Decimal) -> str:
    return format(value.quantize(Decimal("0.01")).normalize(), "f")


def indicator_rows(items: Iterable[IndicatorRow]) -> Iterator[Row]:
    """Yield one row per indicator: definition, actuals on both sides, B's achievement."""
    for i in items:
        ratio = i.b.achievement
        pct = None if ratio is None else (ratio * 100).quantize(Decimal("0.1"))
        yield [i.pillar, i.level, i.code, i.name, i.unit, i.baseline, i.target, i.a.actual,
               i.b.actual, _periods(i.b), pct, i.b.status.value.replace("_", " ")]  # fmt: skip


def part_rows(items: Iterable[IndicatorRow]) -> Iterator[Row]:
    """Yield one row per part of each disaggregated indicator, in the dimension's order."""
    for i in items:
        if i.breakdown is None:
            continue
        b = i.breakdown
        flags = ("yes" if b.a_incomplete else "no", "yes" if b.b_incomplete else "no")
        for part in b.rows:
            yield [i.pillar, i.level, i.code, i.name, b.dimension.value, part.category,
                   _exact(part.a), _exact(part.b), _exact(part.change.absolute),
                   part.change.percent, *flags]  # fmt: skip


def _exact(value: Decimal | None) -> Decimal | None:
    """Return a figure without the storage's trailing zeros (10, not 10.0000)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parts_csv(indicators: Iterable[IndicatorRow]) -> Iterator[bytes]:
    """Yield the parts table as CSV, a batch of lines at a time."""
    return csv_chunks(PART_HEADERS, part_rows(indicators), bom=True)


def screen_csv(screen: Screen, indicators: Iterable[IndicatorRow]) -> Iterator[bytes]:
    """Yield the figures and then the indicator table as one CSV, a batch of lines at a time."""
    between: list[Row] = [[], [*INDICATOR_HEADERS]]
    rows = chain(figure_rows(screen), between, indicator_rows(indicators))
    return csv_chunks(FIGURE_HEADERS, rows, bom=True)


SHEETS = {"Figures": FIGURE_HEADERS, "Indicators": INDICATOR_HEADERS, "Parts": PART_HEADERS}


def screen_xlsx(out: IO[bytes], screen: Screen, indicators: Iterable[IndicatorRow]) -> None:
    """Write the figures, the indicator table and the parts table as three worksheets.

    The indicators are read once: each one's parts go to the last sheet as it is written."""

    def rows() -> Iterator[tuple[str, Row]]:
        for row in figure_rows(screen):
            yield "Figures", row
        for item in indicators:
            yield "Indicators", next(indicator_rows([item]))
            for part in part_rows([item]):
                yield "Parts", part

    write_xlsx(out, SHEETS, rows())
