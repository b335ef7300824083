"""A realistic, deterministic demo: portfolio, needs, users, logframe, periods and progress."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.services import create_user
from app.devdata.demo_data import (
    COUNTRIES,
    ENTITIES,
    NEED_AREAS,
    PROJECT_TITLES,
    REGIONS,
    need_date,
)
from app.errors import DomainError
from app.models.auth import User
from app.models.enums import Origin
from app.models.portfolio import CtedNeed, Project, ProjectCountry
from app.models.reference import Entity, PveArea
from app.reference.services import seed_reference
from indicators.types import ProjectStatus, Scope

DEMO_PASSWORD = "demo-password-2019"
DEMO_USERS: tuple[tuple[str, str, str | None], ...] = (
    ("admin@demo.example", "admin", None),
    ("reviewer@demo.example", "reviewer", None),
    ("viewer@demo.example", "viewer", None),
    ("cted@demo.example", "cted", None),
    ("unodc@demo.example", "focal_point", "UNODC"),
    ("unoct@demo.example", "focal_point", "UNOCT"),
)
PILLARS = ("I", "II", "III", "IV")
SCOPES = tuple(s.value for s in Scope)
STATUSES = tuple(s.value for s in ProjectStatus)
SCOPE_CODES = {"global": "GLO", "interregional": "INT", "regional": "REG", "national": "NAT"}
CONFIDENTIAL_NEEDS = frozenset({3, 11, 19, 27})


@dataclass
class DemoSummary:
    """What seed-demo did and how to sign in."""

    message: str
    sign_ins: list[tuple[str, str]] = field(default_factory=list)


def seed_demo(session: Session) -> DemoSummary:
    """Load reference data and the demo once; skip when the demo is already there."""
    from app.devdata.demo_disagg import seed_disaggregation
    from app.devdata.demo_evidence import seed_evidence
    from app.devdata.demo_logframe import seed_logframe_and_progress
    from app.devdata.demo_outcomes import seed_outcome_values
    from app.devdata.demo_thread import seed_thread

    seed_reference(session)
    sign_ins = [(email, role) for email, role, _ in DEMO_USERS]
    if session.scalar(select(User.id).where(User.email == DEMO_USERS[0][0])):
        return DemoSummary("Demo data already loaded; nothing changed.", sign_ins)
    rng = random.Random(2019)
    users = {
        email: create_user(session, email, DEMO_PASSWORD, role, entity, email.split("@")[0])
        for email, role, entity in DEMO_USERS
    }
    needs = _needs(session)
    projects = _projects(session, rng, needs)
    counts = seed_logframe_and_progress(session, rng, projects, users)
    seed_outcome_values(session, users)
    seed_disaggregation(session)
    seed_thread(session, users)
    seed_evidence(session)
    message = (
        f"Demo loaded: {len(projects)} projects, {len(needs)} CTED needs, {len(users)} users, "
        f"{counts}."
    )
    return DemoSummary(message, sign_ins)


def _needs(session: Session) -> list[CtedNeed]:
    needs = []
    for index in range(30):
        iso3 = COUNTRIES[index % len(COUNTRIES)]
        area, description = NEED_AREAS[index % len(NEED_AREAS)]
        assessed = need_date(index)
        needs.append(
            CtedNeed(
                code=f"CTED-{iso3}-{assessed.year}-{index + 1:02d}",
                member_state=iso3,
                assessment_date=assessed,
                pillar_code=PILLARS[index % 4],
                thematic_area=area,
                description=description,
                confidential=index in CONFIDENTIAL_NEEDS,
            )
        )
    _refuse_taken(session, CtedNeed, [n.code for n in needs])
    session.add_all(needs)
    session.flush()
    return needs


def _projects(session: Session, rng: random.Random, needs: list[CtedNeed]) -> list[Project]:
    entities = {
        e.acronym: e for e in session.scalars(select(Entity).where(Entity.acronym.in_(ENTITIES)))
    }
    areas = list(session.scalars(select(PveArea).order_by(PveArea.number)))
    projects = [_project(index, rng, entities, areas, needs) for index in range(40)]
    _refuse_taken(session, Project, [p.code for p in projects])
    session.add_all(projects)
    session.flush()
    return projects


def _refuse_taken(session: Session, model: type[CtedNeed | Project], codes: list[str]) -> None:
    taken = session.scalars(select(model.code).where(model.code.in_(codes))).all()
    if taken:
        raise DomainError(
            f"seed-demo: {len(taken)} demo codes already exist (e.g. {sorted(taken)[0]});"
            " load the demo into an empty database"
        )


def _project(
    index: int,
    rng: random.Random,
    entities: dict[str, Entity],
    areas: list[PveArea],
    needs: list[CtedNeed],
) -> Project:
    title, pillar = PROJECT_TITLES[index % len(PROJECT_TITLES)]
    acronym = ENTITIES[index % len(ENTITIES)]
    scope = SCOPES[index % len(SCOPES)]
    budget = Decimal(rng.randrange(150, 6000) * 1000)
    funded = budget if index % 5 == 0 else Decimal(int(budget * rng.randrange(20, 95) / 100))
    start_year = 2015 + index % 5
    project = Project(
        code=f"{acronym}-{SCOPE_CODES[scope]}-{start_year}-{index + 1:02d}",
        title=title,
        entity=entities[acronym],
        pillar_code=pillar,
        scope=scope,
        status=STATUSES[index % len(STATUSES)],
        start_date=need_date(index).replace(year=start_year, day=1),
        end_date=need_date(index).replace(year=start_year + 3 + index % 3, day=28),
        budget_usd=budget,
        funded_usd=funded,
        in_multi_year_appeal=index % 3 == 0,
        gender_marker=index % 4,
        origin=_origin(index),
    )
    project.countries = [ProjectCountry(iso3=c) for c in _countries(index, scope)]
    if pillar == "I" or index % 4 == 1:
        project.pve_areas = [areas[index % 7], areas[(index + 3) % 7]]
    if project.origin == Origin.CTED_NEED:
        project.needs = [n for n in needs if n.pillar_code == pillar][index % 3 :: 4][:2]
    return project


def _origin(index: int) -> str | None:
    options = (Origin.CTED_NEED, Origin.MEMBER_STATE_REQUEST, Origin.ENTITY_MANDATE, None)
    chosen = options[index % len(options)]
    return chosen.value if chosen else None


def _countries(index: int, scope: str) -> list[str]:
    if scope == "national":
        return [COUNTRIES[index % len(COUNTRIES)]]
    if scope in ("regional", "interregional"):
        region = REGIONS[index % len(REGIONS)]
        return sorted(
            region if scope == "regional" else region + REGIONS[(index + 1) % len(REGIONS)]
        )
    return []
