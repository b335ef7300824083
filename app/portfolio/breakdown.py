"""Approved disaggregated figures: a project's breakdowns and the Compact's share of women.

Only approved reports count. Each function is one SQL query; the per-part cumulation and the
share are the pure rules of ``indicators.disaggregation``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app.models.logframe import Indicator, Output
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from indicators.cumulation import PeriodValue
from indicators.disaggregation import (
    DIMENSION_LABELS,
    Dimension,
    WomenShare,
    fmt,
    label,
    life_parts_actual,
    women_share,
)
from indicators.periods import parse
from indicators.types import Cumulation, ReportStatus


@dataclass(frozen=True)
class Breakdown:
    """One indicator's approved life-of-project actual, part by part."""

    code: str
    name: str
    dimension: str
    parts: list[tuple[str, Decimal]]
    share: WomenShare | None
    raw_parts: dict[str, Decimal]

    @property
    def parts_text(self) -> str:
        """The parts as people read them: "Women 12; Men 30"."""
        return "; ".join(f"{name} {fmt(figure)}" for name, figure in self.parts)

    @property
    def share_text(self) -> str:
        """The share of women, "—" without anyone whose sex was recorded."""
        return share_text(self.share)

    @property
    def dimension_label(self) -> str:
        """Say what the indicator is broken down by."""
        return DIMENSION_LABELS[Dimension(self.dimension)]


def share_text(share: WomenShare | None) -> str:
    """Return a women's share as people read it ("41.7 %"), or "—"."""
    if share is None or share.percent is None:
        return "—"
    return f"{share.percent:.1f} %"


def _parts() -> Select[int, str, str, str | None, str, str, str, Decimal, str]:
    """Select values' parts with their indicator, period and the report's status."""
    return (
        select(
            Indicator.id,
            Indicator.code,
            Indicator.name,
            Indicator.disaggregation,
            Indicator.cumulation,
            ReportingPeriod.key,
            ValuePart.category,
            ValuePart.value,
            ProgressReport.status,
        )  # fmt: skip
        .join(IndicatorValue, IndicatorValue.id == ValuePart.value_id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
    )


def project_parts_select(project_id: int) -> Any:
    """Select the parts of the project's indicators' values, whatever their report's status
    (the caller keeps the approved ones): with no condition on the status, the database starts
    from the project's indicators (by index), never from every approved report of the
    portfolio, and the page is as fast at 20,000 projects as at 100."""
    mine = select(Indicator.id).join(Output, Output.id == Indicator.output_id)
    mine = mine.where(Output.project_id == project_id)
    return _parts().where(IndicatorValue.indicator_id.in_(mine)).order_by(Indicator.code)


def project_breakdowns(session: Session, project_id: int) -> list[Breakdown]:
    """Return the project's disaggregated indicators with their approved parts (one query)."""
    approved = ReportStatus.APPROVED.value
    rows = [r[:-1] for r in session.execute(project_parts_select(project_id)) if r[-1] == approved]
    periods: dict[int, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    facts: dict[int, tuple[str, str, str, str]] = {}
    for ident, code, name, dimension, cumulation, key, category, value in rows:
        facts[ident] = (code, name, dimension or "", cumulation)
        periods[ident][key][category] = value
    found = []
    for ident, (code, name, dimension, cumulation) in facts.items():
        series = [(PeriodValue(parse(k), None), p) for k, p in periods[ident].items()]
        life = life_parts_actual(series, Cumulation(cumulation))
        share = women_share(life) if dimension == Dimension.SEX.value else None
        parts = [(label(c), life[c]) for c in _order(life)]
        found.append(Breakdown(code, name, dimension, parts, share, life))
    return found


def _order(parts: dict[str, Decimal]) -> list[str]:
    """Categories in their documented order ("not recorded" last)."""
    return sorted(parts, key=lambda c: (c == "not_recorded", c != "women", c))


def compact_women_share(session: Session, period_key: str) -> WomenShare | None:
    """Return the share of women in the quarter's approved sex-disaggregated figures (one query).

    A quarter's figures are added up category by category; None when no indicator allows it.
    """
    rows = session.execute(
        select(ValuePart.category, func.sum(ValuePart.value))
        .join(IndicatorValue, IndicatorValue.id == ValuePart.value_id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(
            ProgressReport.status == ReportStatus.APPROVED.value,
            ReportingPeriod.key == period_key,
            Indicator.disaggregation == Dimension.SEX.value,
            Indicator.cumulation == Cumulation.NON_CUMULATIVE.value,
        )
        .group_by(ValuePart.category)
    ).all()
    if not rows:
        return None
    return women_share({category: Decimal(total) for category, total in rows})


def breakdowns_json(session: Session, project_id: int) -> list[dict[str, Any]]:
    """Return the project's breakdowns as plain data (the API's and the imports' shape)."""
    return [
        {
            "code": b.code,
            "dimension": b.dimension,
            "parts": {c: f"{v.normalize():f}" for c, v in b.raw_parts.items()},
            "women_share_percent": (
                None if b.share is None or b.share.percent is None else f"{b.share.percent:.1f}"
            ),
        }
        for b in project_breakdowns(session, project_id)
    ]
