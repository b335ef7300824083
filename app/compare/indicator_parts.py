"""The breakdown of disaggregated indicators on both sides of a comparison.

The live side reads the parts of approved values (``value_parts``), a baseline the parts it
froze (``baseline_value_parts``), for the projects within the filters: one grouped query per
side and chunk of indicators. Each side's parts are cumulated under the indicator's rule and
compared by the pure rule of ``indicators.part_changes``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select, true
from sqlalchemy.orm import Session

from app.figures.data_source import AnySelect, Source
from app.models.baselines import BaselineValuePart
from app.models.logframe import Indicator
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from indicators.cumulation import PeriodValue
from indicators.disaggregation import DIMENSION_LABELS, Dimension, label, life_parts_actual
from indicators.part_changes import PartChange, Parts, part_changes
from indicators.periods import PeriodKey
from indicators.types import Cumulation, ReportStatus


@dataclass(frozen=True)
class Breakdown:
    """A disaggregated indicator's parts on both sides, in the dimension's order."""

    dimension: Dimension
    rows: list[PartChange]
    a_incomplete: bool
    b_incomplete: bool

    @property
    def dimension_label(self) -> str:
        """Say what the indicator is broken down by ("sex", "age group", "Member State")."""
        return DIMENSION_LABELS[self.dimension]

    @staticmethod
    def label(category: str) -> str:
        """Return a category as people read it."""
        return label(category)


# indicator code -> period key -> category -> figure; and the codes whose parts are incomplete
Found = tuple[dict[str, dict[str, dict[str, Decimal]]], set[str]]


def side_parts(session: Session, source: Source, codes: Sequence[str]) -> Found:
    """Return the source's parts per indicator code, period and category, in one query."""
    figures: dict[str, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    incomplete: set[str] = set()
    if not codes:
        return figures, incomplete
    for code, key, category, total, flagged in session.execute(parts_select(source, codes)):
        figures[code][key][category] = Decimal(total)
        if flagged:
            incomplete.add(code)
    return figures, incomplete


def parts_select(source: Source, codes: Sequence[str] | None = None) -> AnySelect:
    """Select the source's parts per indicator code, period and category (all codes for None)."""
    p = source.projects()
    if source.live:
        flag = func.max(case((IndicatorValue.parts_incomplete.is_(True), 1), else_=0))
        keys = (Indicator.code, ReportingPeriod.key, ValuePart.category)
        return (
            select(*keys, func.sum(ValuePart.value), flag)
            .join(IndicatorValue, IndicatorValue.id == ValuePart.value_id)
            .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
            .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
            .join(Project, Project.id == ProgressReport.project_id)
            .join(p, p.c.code == Project.code)
            .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
            .where(ProgressReport.status == ReportStatus.APPROVED.value)
            .where(Indicator.code.in_(codes) if codes is not None else true())
            .group_by(*keys)
        )
    bp = BaselineValuePart  # a baseline froze the parts of approved values only
    flag = func.max(case((bp.parts_incomplete.is_(True), 1), else_=0))
    keys = (bp.indicator_code, bp.period_key, bp.category)
    return (
        select(*keys, func.sum(bp.value), flag)
        .join(p, p.c.code == bp.project_code)
        .where(bp.baseline_id == source.baseline_id)
        .where(bp.indicator_code.in_(codes) if codes is not None else true())
        .group_by(*keys)
    )


def life_parts(found: Found, definition: Any) -> Parts:
    """Cumulate one indicator's parts over its periods under its rule."""
    figures, incomplete = found
    periods = figures.get(definition.code, {})
    series = [(PeriodValue(PeriodKey.parse(key), None), parts) for key, parts in periods.items()]
    actual = life_parts_actual(series, Cumulation(definition.cumulation)) if series else {}
    return Parts(actual, definition.code in incomplete)


def breakdown(definition: Any, a: Found, b: Found) -> Breakdown | None:
    """Return a disaggregated indicator's breakdown on both sides (None when not broken down)."""
    if not definition.disaggregation:
        return None
    dimension = Dimension(definition.disaggregation)
    old, new = life_parts(a, definition), life_parts(b, definition)
    rows = part_changes(old, new, dimension)
    return Breakdown(dimension, rows, old.incomplete, new.incomplete)
