"""A project with approved, submitted and draft reports over three quarters, and their review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.audit.services import record
from app.models.auth import User
from app.models.logframe import IndicatorTarget
from app.models.progress import ActivityUpdate, IndicatorValue, ProgressReport
from tests.app.progress_data import World, period, world

D = Decimal
AT = dt.datetime(2019, 10, 20, 9, 30)


def add_report(
    session: Session, w: World, key: str, status: str, narrative: str, **figures: Any
) -> ProgressReport:
    """Add a report of the world's project with its number, percentage and activity figures."""
    found = w.period if key == w.period.key else period(session, key)
    report = ProgressReport(project=w.project, period=found, status=status, narrative=narrative)
    if "number" in figures:
        report.values.append(IndicatorValue(indicator=w.number, value=D(figures["number"])))
    if "share" in figures:
        num, den = figures["share"]
        report.values.append(
            IndicatorValue(indicator=w.percent, numerator=D(num), denominator=D(den))
        )
    if "done" in figures:
        report.activity_updates.append(
            ActivityUpdate(activity=w.activity, status="ongoing", percent_complete=figures["done"])
        )
    session.add(report)
    session.flush()
    return report


def results_world(session: Session, make_user: Any) -> tuple[World, dict[str, ProgressReport]]:
    """Build the project: 2019Q2 and 2019Q3 approved, 2019Q4 submitted, 2020Q1 draft."""
    w = world(session)
    w.activity.percent_complete = 10
    session.add(IndicatorTarget(indicator_id=w.number.id, period_key="2019Q2", target=D(8)))
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    reports = {
        "2019Q2": add_report(
            session, w, "2019Q2", "approved", "Spring narrative", number=5, done=20
        ),
        "2019Q3": add_report(
            session, w, "2019Q3", "approved", "Summer narrative", number=7, share=(3, 4), done=55
        ),
        "2019Q4": add_report(
            session, w, "2019Q4", "submitted", "Autumn pending", number=100, done=90
        ),
        "2020Q1": add_report(session, w, "2020Q1", "draft", "Winter draft words", number=1),
    }
    for report in reports.values():
        report.submitted_by_id = focal.id
        report.submitted_at = AT
        if report.status == "approved":
            report.reviewed_by_id, report.reviewed_at = reviewer.id, AT + dt.timedelta(days=1)
    _review(session, reviewer, reports["2019Q3"], "return", "Add the trainee lists")
    _review(session, focal, reports["2019Q3"], "comment", "Lists attached")
    _review(session, reviewer, reports["2019Q3"], "approve", "Well documented, thank you")
    session.commit()
    return w, reports


def _review(session: Session, user: User, report: ProgressReport, action: str, why: str) -> None:
    record(
        session, user.id, action, "progress_report", report.id,
        reason=why, project_id=report.project_id,
    )  # fmt: skip
