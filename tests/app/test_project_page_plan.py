"""The project page reads its indicators' parts from the project's own indicators, not from every
approved report of the portfolio: on SQLite the plan, with statistics or without, never walks
the reports by status, and on both databases the approved rows are those the former statement
gave (it started from every approved report)."""

from __future__ import annotations

from sqlalchemy import select

from app.db import analyze
from app.models.logframe import Indicator, Output
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from app.portfolio.breakdown import project_parts_select
from indicators.types import ReportStatus


def _former(project_id: int):
    outputs = select(Output.id).where(Output.project_id == project_id)
    return (
        select(
            Indicator.id, Indicator.code, Indicator.name, Indicator.disaggregation,
            Indicator.cumulation, ReportingPeriod.key, ValuePart.category, ValuePart.value,
        )  # fmt: skip
        .join(IndicatorValue, IndicatorValue.id == ValuePart.value_id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .where(ProgressReport.status == ReportStatus.APPROVED.value)
        .where(Indicator.output_id.in_(outputs))
    )


def test_the_parts_come_from_the_projects_indicators(app, db_session) -> None:
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    projects = db_session.scalars(select(Project.id).order_by(Project.id)).all()
    found = 0
    for project_id in projects:
        rows = db_session.execute(project_parts_select(project_id)).all()
        approved = [r[:-1] for r in rows if r[-1] == ReportStatus.APPROVED.value]
        assert sorted(approved) == sorted(db_session.execute(_former(project_id)).all())
        found += len(approved)
    assert found > 0, "the demo has approved parts to compare"
    connection = db_session.connection()
    if connection.dialect.name == "sqlite":
        assert _walks_the_reports(connection, _former(projects[0]))  # the check bites
        assert not _walks_the_reports(connection, project_parts_select(projects[0]))
        analyze(connection)  # with the statistics the planner gets after a freeze or import
        assert not _walks_the_reports(connection, project_parts_select(projects[0]))


def _walks_the_reports(connection, stmt) -> bool:
    """Whether SQLite's plan walks the reports (by status, or all) or scans a value table."""
    compiled = stmt.compile(connection, compile_kwargs={"literal_binds": True})
    plan = [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    walked = ("progress_reports USING INDEX", "SCAN progress_reports", "SCAN indicator_values")
    return any(step.startswith(("SEARCH", "SCAN")) and w in step for step in plan for w in walked)
