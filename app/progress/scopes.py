"""Many reports' scopes at once: a fixed number of queries, whatever the number of reports."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.logframe import Activity, Indicator, Output
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.progress.services import ReportScope


def load_scopes(
    session: Session, wanted: Iterable[tuple[int, str]]
) -> dict[tuple[int, str], ReportScope]:
    """Return the scope of each (project id, period key), as `services.load_scope` builds it."""
    pairs = set(wanted)
    project_ids, keys = {p for p, _ in pairs}, {k for _, k in pairs}
    with_countries = select(Project).options(selectinload(Project.countries))
    projects = {p.id: p for p in session.scalars(with_countries.where(Project.id.in_(project_ids)))}
    in_keys = select(ReportingPeriod).where(ReportingPeriod.key.in_(keys))
    periods = {p.key: p for p in session.scalars(in_keys)}
    indicators, activities = _items(session, project_ids)
    reports = _reports(session, project_ids, [p.id for p in periods.values()])
    return {
        (pid, key): ReportScope(
            projects[pid],
            periods[key],
            indicators.get(pid, []),
            activities.get(pid, []),
            reports.get((pid, periods[key].id)),
        )
        for pid, key in pairs
        if pid in projects and key in periods
    }


def _items(
    session: Session, project_ids: set[int]
) -> tuple[dict[int, list[Any]], dict[int, list[Any]]]:
    """Return the projects' output indicators (by code) and activities, by project id."""
    indicators = (
        select(Indicator, Output.project_id)
        .join(Output, Indicator.output_id == Output.id)
        .where(Output.project_id.in_(project_ids))
        .options(selectinload(Indicator.targets))
        .order_by(Indicator.code)
    )
    activities = (
        select(Activity, Output.project_id)
        .join(Output, Activity.output_id == Output.id)
        .where(Output.project_id.in_(project_ids))
        .order_by(Activity.id)
    )
    return _by_project(session.execute(indicators)), _by_project(session.execute(activities))


def _by_project(rows: Iterable[Any]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    for item, project_id in rows:
        found.setdefault(project_id, []).append(item)
    return found


def _reports(
    session: Session, project_ids: set[int], period_ids: list[int]
) -> dict[tuple[int, int], ProgressReport]:
    stmt = (
        select(ProgressReport)
        .where(ProgressReport.project_id.in_(project_ids), ProgressReport.period_id.in_(period_ids))
        .options(selectinload(ProgressReport.values).selectinload(IndicatorValue.indicator))
        .options(selectinload(ProgressReport.values).selectinload(IndicatorValue.parts))
        .options(selectinload(ProgressReport.activity_updates))
    )
    return {(r.project_id, r.period_id): r for r in session.scalars(stmt)}
