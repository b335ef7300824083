"""seed-demo: the Working Group's outcome values are approved for 2019Q2 and drafted for 2019Q3,
so the quarterly report and the comparison assess the outcome rows."""

from __future__ import annotations

from sqlalchemy import select

from app.compare.indicator_performance import performance_page
from app.figures.data_source import Source
from app.models.logframe import Indicator
from app.models.outcome_values import OutcomeReport
from app.models.progress import ReportingPeriod
from app.quarterly.build import build_quarterly
from indicators.types import AchievementStatus


def test_the_demo_assesses_every_outcome_row(app, db_session) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    found = db_session.execute(
        select(ReportingPeriod.key, OutcomeReport.status).join(OutcomeReport.period)
    )
    statuses = {key: status for key, status in found}
    assert statuses == {"2019Q2": "approved", "2019Q3": "draft"}
    codes = set(db_session.scalars(select(Indicator.code).where(Indicator.outcome_id.is_not(None))))
    assert len(codes) == 8
    report = build_quarterly(db_session, "2019Q2")
    rows = {r.code: r for s in report.pillars for r in s.rows if r.code in codes}
    assert set(rows) == codes
    assert all(r.status is not AchievementStatus.NOT_ASSESSED for r in rows.values())
    assert {r.status for r in rows.values()} >= {
        AchievementStatus.ON_TRACK,
        AchievementStatus.OFF_TRACK,
    }
    page = performance_page(db_session, Source(), Source(), "", 1, per_page=500)
    live = {r.code: r for group in page.groups.values() for r in group if r.code in codes}
    assert all(r.a.status is not AchievementStatus.NOT_ASSESSED for r in live.values())
