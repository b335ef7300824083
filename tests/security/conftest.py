"""The fixture dataset of the security tests: one UNODC project with its logframe, an open
need and a confidential one carrying a marker, a submitted report, a baseline and one
signed-in user per role."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.audit.services import record
from app.auth.invitations import link_token
from app.baselines.services import create_baseline
from app.models.auth import User
from app.models.baselines import Baseline
from app.models.evidence import Evidence
from app.models.portfolio import CtedNeed
from app.models.progress import ProgressReport, ReportingPeriod
from app.models.quarterly import IssuedReport
from app.models.reference import Entity
from app.portfolio.need_services import NeedVersion
from app.quarterly.services import recorded_form
from tests.app.logframe_fixtures import World, build_world
from tests.conftest import PASSWORD, TEST_KEY

# Searched for on every channel a user without clearance can reach (RELIABILITY T06).
MARKER = "ZQXMARKER7731"
MARKER_STATE = "QZJ"
ROLES = ("anonymous", "admin", "owner", "other_focal", "reviewer", "viewer", "cted")
SPECS = {"owner": ("focal_point", "UNODC"), "other_focal": ("focal_point", "UNOCT")}
UNCLEARED = ("anonymous", "owner", "other_focal", "reviewer", "viewer")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres_only: needs TEST_DATABASE_URL (PostgreSQL)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"):
        return
    skip = pytest.mark.skip(
        reason="PostgreSQL only: set TEST_DATABASE_URL=postgresql+psycopg://... to run"
    )
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@dataclass
class Dataset:
    """The records every security test works on, with realistic ids for URL templates."""

    world: World
    marker_need: CtedNeed
    review_period: ReportingPeriod
    submitted: ProgressReport
    baseline: Baseline
    issued: IssuedReport
    evidence: Evidence
    invited: User

    def ids(self) -> dict[str, Any]:
        w = self.world
        return {
            "project_id": w.project.id,
            "project_code": w.project.code,
            "output_id": w.output.id,
            "activity_id": w.activity.id,
            "indicator_id": w.indicator.id,
            "outcome_id": w.outcome.id,
            "period_id": w.period.id,
            "need_id": self.marker_need.id,
            "report_id": self.submitted.id,
            "period_key": w.period.key,
            "acronym": "UNODC",
            "label": self.baseline.label,
            "issued_id": self.issued.id,
            "evidence_id": self.evidence.id,
            "entity_id": w.project.entity_id,
            "own_entity_id": w.project.entity_id,
            "open_need_id": w.need.id,
            "open_need_version": NeedVersion(w.need).version,
            "project_version": w.project.version,
            "output_version": w.output.version,
            "activity_version": w.activity.version,
            "indicator_version": w.indicator.version,
            "outcome_version": w.outcome.version,
            "period_version": w.period.version,
            "report_version": self.submitted.version,
            "user_id": 999_999,  # no such account: the admin rows change no one
            "token_id": 999_999,  # no such token: the revoke rows revoke nothing
            "act": "reactivate",
            # A set-password link of an account that has not chosen its password yet.
            "invite_token": link_token(TEST_KEY, self.invited),
            "bad_token": "not-a-link-of-the-tracker",
        }

    def user(self, role: str) -> Any:
        """Return the user of a role (None for anonymous), created once with a cheap hash."""
        if role == "anonymous":
            return None
        if role not in self.world.made:
            kind, entity = SPECS.get(role, (role, None))
            session = self.world.session
            user = User(
                email=f"{role}@security.example.org",
                name=role,
                role=kind,
                entity_id=entity_id(session, entity) if entity else None,
                password_hash=generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"),
            )
            session.add(user)
            session.commit()
            self.world.made[role] = user
        return self.world.made[role]


_PDF: list[bytes] = []


def stand_in_pdf() -> bytes:
    """Return a small, valid PDF (made once) to stand for an issued report."""
    if not _PDF:
        import io

        from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

        buffer = io.BytesIO()
        page = canvas.Canvas(buffer, invariant=1)
        page.drawString(72, 720, "Issued report 2019Q2 (stand-in)")
        page.save()
        _PDF.append(buffer.getvalue())
    return _PDF[0]


def build_dataset(session: Any, make_user: Any) -> Dataset:
    """Create the dataset and commit it (a savepoint inside the test's transaction)."""
    world = build_world(session, make_user)
    secret = CtedNeed(
        code=f"CTED-{MARKER}",
        member_state=MARKER_STATE,
        assessment_date=dt.date(2018, 6, 1),
        pillar_code="II",
        thematic_area=f"Area {MARKER}",
        description=f"Confidential request {MARKER} from the assessed State",
        confidential=True,
    )
    session.add(secret)
    world.project.needs = [secret]  # world.need stays free for link_need
    review_period = ReportingPeriod(
        key="2019Q2",
        starts_on=dt.date(2019, 4, 1),
        ends_on=dt.date(2019, 6, 30),
        entry_opens_on=dt.date(2019, 6, 30),
        due_on=dt.date(2019, 7, 30),
    )
    session.add(review_period)
    session.flush()
    submitted = ProgressReport(
        project_id=world.project.id,
        period_id=review_period.id,
        status="submitted",
        narrative="Submitted narrative",
    )
    session.add(submitted)
    session.flush()
    content = stand_in_pdf()
    evidence = Evidence(
        report_id=submitted.id, kind="file", name="Attendance list.pdf",
        content_type="application/pdf", size=len(content),
        sha256=hashlib.sha256(content).hexdigest(), content=content,
    )  # fmt: skip
    session.add(evidence)
    baseline = create_baseline(session, None, "Baseline 2019", dt.date(2019, 8, 31))
    content = stand_in_pdf()
    issued = IssuedReport(
        period_key="2019Q2",
        scope="compact",
        entity_id=None,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        issued_by_id=None,
    )
    session.add(issued)
    session.flush()
    # As issue_report does: the audit trail keeps the hash the served bytes are checked against.
    record(session, None, "issue", "issued_report", issued.id, after=recorded_form(issued))
    invited = User(
        email="invited@security.example.org",
        name="Invited",
        role="viewer",
        password_hash=generate_password_hash(os.urandom(16).hex(), method="pbkdf2:sha256:1000"),
    )
    session.add(invited)
    session.commit()
    return Dataset(world, secret, review_period, submitted, baseline, issued, evidence, invited)


@pytest.fixture
def ds(db_session: Any, make_user: Any) -> Dataset:
    """Build the dataset for one test."""
    return build_dataset(db_session, make_user)


def put_in_session(client: Any, user: User) -> None:
    """Sign a user in the way the login view does, without the form (tested on its own)."""
    now = time.time()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["began"] = session["seen"] = now


@pytest.fixture
def as_role(client: Any, ds: Dataset) -> Any:
    """Sign in as one of ROLES (anonymous signs in nobody) and return the client."""

    def sign_in(role: str) -> Any:
        user = ds.user(role)
        if user is not None:
            put_in_session(client, user)
        return client

    return sign_in


def entity_id(session: Any, acronym: str) -> int:
    return session.scalar(select(Entity.id).where(Entity.acronym == acronym))
