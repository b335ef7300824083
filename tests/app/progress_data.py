"""Builders for the progress tests: a project with three kinds of indicator and an activity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.logframe import Activity, Indicator, IndicatorTarget, Output
from app.models.portfolio import Project
from app.models.progress import ActivityUpdate, IndicatorValue, ProgressReport, ReportingPeriod
from app.models.reference import Entity


@dataclass
class World:
    """What a progress test works on."""

    project: Project
    period: ReportingPeriod
    number: Indicator
    percent: Indicator
    text: Indicator
    activity: Activity

    @property
    def url(self) -> str:
        """Return the report page's address."""
        return f"/projects/{self.project.id}/reports/{self.period.key}"

    def form(self, version: int = 0, **overrides: str) -> dict[str, str]:
        """Return a complete, valid form post."""
        data = {
            "version": str(version),
            "narrative": "Trained 12 officers.",
            f"ind_{self.number.id}_value": "12",
            f"ind_{self.percent.id}_num": "3",
            f"ind_{self.percent.id}_den": "4",
            f"ind_{self.text.id}_text": "Draft law tabled",
            f"act_{self.activity.id}_status": "ongoing",
            f"act_{self.activity.id}_percent": "40",
        }
        data.update(overrides)
        return data


def period(session: Session, key: str = "2019Q3", due_in_days: int = 10) -> ReportingPeriod:
    """Add an open period whose entry window is open."""
    today = dt.date.today()
    found = ReportingPeriod(
        key=key,
        starts_on=today - dt.timedelta(days=90),
        ends_on=today - dt.timedelta(days=1),
        entry_opens_on=today - dt.timedelta(days=1),
        due_on=today + dt.timedelta(days=due_in_days),
    )
    session.add(found)
    session.flush()
    return found


def world(session: Session, entity: str = "UNODC", code: str = "P-1", key: str = "2019Q3") -> World:
    """Add a project with a number, a percentage and a qualitative indicator and an activity."""
    entity_id = session.scalar(select(Entity.id).where(Entity.acronym == entity))
    project = Project(
        code=code, title=f"Project {code}", entity_id=entity_id, pillar_code="II",
        scope="global", status="ongoing", budget_usd=Decimal(100), funded_usd=Decimal(50),
    )  # fmt: skip
    output = Output(project=project, code=f"{code}-O1", title="Border officers trained")
    session.add_all([project, output])
    session.flush()
    kinds = [("number", "officers"), ("percentage", "%"), ("qualitative", "text")]
    made = [
        Indicator(
            code=f"{code}-{m[:3].upper()}",
            name=f"{m} indicator",
            output_id=output.id,
            unit=u,
            measure=m,
            baseline_value=Decimal(2) if m != "qualitative" else None,
            life_target=Decimal(50) if m != "qualitative" else None,
        )  # fmt: skip
        for m, u in kinds
    ]
    activity = Activity(output=output, title="Run workshops")
    session.add_all([*made, activity])
    session.flush()
    session.add(IndicatorTarget(indicator_id=made[0].id, period_key=key, target=Decimal(10)))
    found = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == key))
    session.flush()
    return World(project, found or period(session, key), *made, activity)


def report_of(session: Session, w: World) -> ProgressReport | None:
    """Return the world's report, fresh from the database."""
    session.expire_all()
    return session.scalar(
        select(ProgressReport).where(
            ProgressReport.project_id == w.project.id, ProgressReport.period_id == w.period.id
        )
    )


def fingerprint(session: Session) -> tuple[object, ...]:
    """Return counts and states of every progress table and the audit trail."""
    session.expire_all()
    reports = session.execute(
        select(ProgressReport.id, ProgressReport.status, ProgressReport.version).order_by(
            ProgressReport.id
        )
    ).all()
    values = session.execute(
        select(IndicatorValue.id, IndicatorValue.value, IndicatorValue.text).order_by(
            IndicatorValue.id
        )
    ).all()
    counts = [
        session.scalar(select(func.count()).select_from(t))
        for t in (ActivityUpdate, AuditEvent, ReportingPeriod)
    ]
    return tuple(reports), tuple(values), tuple(counts)


def audit_events(session: Session, action: str | None = None) -> list[AuditEvent]:
    """Return the progress report audit events, oldest first."""
    stmt = select(AuditEvent).where(AuditEvent.object_type == "progress_report")
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    return list(session.scalars(stmt.order_by(AuditEvent.id)))
