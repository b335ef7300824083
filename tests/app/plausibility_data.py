"""Builders for the plausibility tests: earlier approved reports and the rows of a page."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.logframe import Activity
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from tests.app.progress_data import World, period


def approved(session: Session, w: World, key: str, value: str) -> ProgressReport:
    """Add an approved report of the world's project in another period, with its number."""
    found = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == key))
    report = ProgressReport(
        project=w.project, period=found or period(session, key), status="approved", narrative=""
    )
    report.values = [IndicatorValue(indicator=w.number, value=Decimal(value))]
    session.add(report)
    session.flush()
    return report


def second_activity(session: Session, w: World) -> Activity:
    """Add another activity under the world's output."""
    activity = Activity(output_id=w.activity.output_id, title="Print the manual")
    session.add(activity)
    session.flush()
    return activity


def row(page: str, element_id: str) -> str:
    """Return the table row of a page with the given id."""
    start = page[page.index(f'id="{element_id}"') :]
    return start[: start.index("</tr>")]
