"""The demo lets the UNODC focal point enter a value by sex and shows approved breakdowns."""

from __future__ import annotations

from sqlalchemy import select

from app.models.logframe import Indicator, Output
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from app.models.reference import Entity


def _statuses(session, key: str) -> set[str]:
    stmt = (
        select(ProgressReport.status)
        .join(ReportingPeriod)
        .join(IndicatorValue, IndicatorValue.report_id == ProgressReport.id)
        .join(ValuePart, ValuePart.value_id == IndicatorValue.id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .join(Output, Output.id == Indicator.output_id)
        .join(Project, Project.id == Output.project_id)
        .join(Entity, Entity.id == Project.entity_id)
        .where(ReportingPeriod.key == key, Entity.acronym == "UNODC")
    )
    return set(session.scalars(stmt))


def test_the_demo_has_unodc_values_by_sex(app, db_session) -> None:
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    assert "draft" in _statuses(db_session, "2019Q3")
    assert "approved" in _statuses(db_session, "2019Q2")
