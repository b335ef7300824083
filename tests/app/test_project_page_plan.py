"""The project page reads its indicators' approved parts from the project's own indicators, not
from every approved report of the portfolio: on SQLite the plan starts from the values' index by
indicator, and on both databases the rows are those the former statement gave."""

from __future__ import annotations

from sqlalchemy import select

from app.models.logframe import Indicator, Output
from app.models.portfolio import Project
from app.portfolio.breakdown import _approved_parts, project_parts_select


def _former(project_id: int):
    outputs = select(Output.id).where(Output.project_id == project_id)
    return _approved_parts().where(Indicator.output_id.in_(outputs)).order_by(Indicator.code)


def test_the_parts_come_from_the_projects_indicators(app, db_session) -> None:
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    projects = db_session.scalars(select(Project.id).order_by(Project.id)).all()
    found = 0
    for project_id in projects:
        rows = db_session.execute(project_parts_select(project_id)).all()
        assert sorted(rows) == sorted(db_session.execute(_former(project_id)).all()), project_id
        found += len(rows)
    assert found > 0, "the demo has approved parts to compare"
    connection = db_session.connection()
    if connection.dialect.name == "sqlite":
        assert _reads_every_approved_report(connection, _former(projects[0]))  # the check bites
        assert not _reads_every_approved_report(connection, project_parts_select(projects[0]))


def _reads_every_approved_report(connection, stmt) -> bool:
    """Whether SQLite's plan walks the approved reports (by status) or scans a value table."""
    compiled = stmt.compile(connection, compile_kwargs={"literal_binds": True})
    plan = [row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]
    walked = ("progress_reports USING INDEX", "SCAN progress_reports", "SCAN indicator_values")
    return any(step.startswith(("SEARCH", "SCAN")) and w in step for step in plan for w in walked)
