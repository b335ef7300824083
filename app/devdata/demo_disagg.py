"""Demo disaggregation: the number indicators of UNODC projects, broken down by sex.

Their values get parts (women, men, and a few whose sex was not recorded) in every report, so
the UNODC focal point has a draft to edit in the open quarter (one submitted report goes
back to draft) and approved breakdowns before it.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from app.models.logframe import Indicator, Output
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from app.models.reference import Entity
from indicators.types import Measure

ENTITY = "UNODC"


def seed_disaggregation(session: Session) -> None:
    """Break the UNODC projects' people-trained values down by sex."""
    projects = (
        select(Project.id)
        .join(Entity, Entity.id == Project.entity_id)
        .where(Entity.acronym == ENTITY)
    )
    outputs = select(Output.id).where(Output.project_id.in_(projects))
    indicators = session.scalars(
        select(Indicator).where(
            Indicator.output_id.in_(outputs),
            Indicator.measure == Measure.NUMBER.value,
        )
    ).all()
    for indicator in indicators:
        indicator.disaggregation = "sex"
    values = session.scalars(
        select(IndicatorValue)
        .where(IndicatorValue.indicator_id.in_([i.id for i in indicators]))
        .options(selectinload(IndicatorValue.parts))
    ).all()
    for value in values:
        value.parts = _parts(value.value or Decimal(0))
    _open_draft(session, projects)
    session.flush()


def _open_draft(session: Session, projects: Select[int]) -> None:
    """Give the focal point a draft to edit in the open quarter (back from "submitted")."""
    report = session.scalar(
        select(ProgressReport)
        .join(ReportingPeriod)
        .where(
            ProgressReport.project_id.in_(projects),
            ReportingPeriod.status == "open",
            ProgressReport.status.in_(("draft", "submitted")),
        )
        .order_by(ProgressReport.status, ProgressReport.id)
    )
    if report is not None and report.status == "submitted":
        report.status, report.submitted_by, report.submitted_at = "draft", None, None


def _parts(total: Decimal) -> list[ValuePart]:
    women = (total * Decimal("0.4")).quantize(Decimal(1))
    unknown = Decimal(1) if total - women > 1 else Decimal(0)
    split = {"women": women, "men": total - women - unknown, "not_recorded": unknown}
    return [ValuePart(category=c, value=v) for c, v in split.items()]
