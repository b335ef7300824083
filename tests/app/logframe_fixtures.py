"""A small logframe (project, output, activity, indicators, need, period) and one user per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.auth import User
from app.models.logframe import Activity, Indicator, IndicatorTarget, Outcome, Output
from app.models.portfolio import CtedNeed, Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.models.reference import Entity

ROLES = ("admin", "owner", "other_focal", "reviewer", "viewer", "cted", "anonymous")


@dataclass
class World:
    """The records and users a test works on."""

    project: Project
    outcome: Outcome
    output: Output
    activity: Activity
    indicator: Indicator
    period: ReportingPeriod
    need: CtedNeed
    secret: CtedNeed
    make_user: Any
    session: Any
    made: dict[str, User | None] = field(default_factory=dict)

    @property
    def users(self) -> dict[str, User | None]:
        """Return the users of every role, creating them on first use (hashing is slow)."""
        return {role: self.user(role) for role in ROLES}

    def user(self, role: str) -> User | None:
        """Return the user of one role, created once."""
        if role not in self.made:
            self.made[role] = _new_user(self.make_user, role)
            self.session.commit()
        return self.made[role]


def _new_user(make_user: Any, role: str) -> User | None:
    specs = {"owner": ("focal_point", "UNODC"), "other_focal": ("focal_point", "UNOCT")}
    if role == "anonymous":
        return None
    kind, entity = specs.get(role, (role, None))
    return make_user(kind, entity)


def entity_id(session: Any, acronym: str) -> int:
    """Return an entity's id by acronym."""
    return session.scalar(select(Entity.id).where(Entity.acronym == acronym))


def _need(code: str, confidential: bool) -> CtedNeed:
    return CtedNeed(
        code=code,
        member_state="KEN",
        assessment_date=dt.date(2018, 5, 1),
        pillar_code="II",
        thematic_area="Border security",
        description=f"description of {code}",
        confidential=confidential,
    )


def build_world(session: Any, make_user: Any) -> World:
    """Create the logframe of one UNODC project and commit it."""
    outcome = Outcome(code="OC-1", pillar_code="II", statement="Borders are managed well")
    project = Project(
        code="P-1",
        title="Border project",
        entity_id=entity_id(session, "UNODC"),
        pillar_code="II",
        scope="global",
        status="ongoing",
        budget_usd=Decimal(100),
        funded_usd=Decimal(40),
    )
    output = Output(project=project, outcome=outcome, code="O-1", title="Officers trained")
    activity = Activity(output=output, title="Workshop", status="planned", percent_complete=0)
    indicator = Indicator(
        output=output, code="IND-1", name="Officers trained", unit="people", measure="number"
    )
    indicator.baseline_value, indicator.life_target = Decimal(0), Decimal(100)
    indicator.targets = [IndicatorTarget(period_key="2019Q3", target=Decimal(10))]
    period = ReportingPeriod(
        key="2019Q3",
        starts_on=dt.date(2019, 7, 1),
        ends_on=dt.date(2019, 9, 30),
        entry_opens_on=dt.date(2019, 9, 30),
        due_on=dt.date(2019, 10, 30),
    )
    need, secret = _need("N-OPEN", False), _need("N-SECRET", True)
    session.add_all([outcome, project, output, activity, indicator, period, need, secret])
    session.commit()
    return World(
        project, outcome, output, activity, indicator, period, need, secret, make_user, session
    )


def add_value(session: Any, world: World, indicator: Indicator | None = None) -> IndicatorValue:
    """Report a value for the indicator in the world's period, and commit."""
    report = ProgressReport(project_id=world.project.id, period_id=world.period.id)
    value = IndicatorValue(report=report, indicator=indicator or world.indicator, value=Decimal(5))
    session.add_all([report, value])
    session.commit()
    return value


def audit_count(session: Any) -> int:
    """Count every audit event."""
    return session.scalar(select(func.count(AuditEvent.id))) or 0


def last_event(session: Any) -> AuditEvent:
    """Return the newest audit event."""
    return session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1)).one()


@pytest.fixture
def world(db_session: Any, make_user: Any) -> World:
    """Build the world for a test."""
    return build_world(db_session, make_user)


@pytest.fixture
def as_role(client: Any, world: World, login: Any) -> Any:
    """Sign in as one of ROLES (anonymous signs in nobody) and return the client."""

    def sign_in(role: str) -> Any:
        user = world.user(role)
        if user is not None:
            response = login(user)
            assert response.status_code == 302
        return client

    return sign_in
