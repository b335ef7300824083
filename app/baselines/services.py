"""Freeze the live portfolio into a baseline and verify baselines against their hash."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from app import shared_cache
from app.audit.services import record
from app.baselines.canonical import content_hash
from app.baselines.copies import copy_statements
from app.db import refresh_statistics
from app.errors import DomainError, NotFound, Tampered, ValidationFailed
from app.models.audit import AuditEvent
from app.models.baselines import (
    Baseline,
    BaselineProject,
)
from app.models.logframe import Indicator
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.portfolio import (
    PROJECT_SCALARS,
    CtedNeed,
    Project,
    ProjectCountry,
    project_needs,
    project_pve_areas,
)
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod, ValuePart
from app.models.reference import Entity

MAX_LABEL = 120


def create_baseline(session: Session, user_id: int | None, label: str, as_of: dt.date) -> Baseline:
    """Freeze the portfolio, needs, links and approved values as of a date; return it hashed."""
    label = label.strip()
    _check_label(session, label)
    _hold_still(session)
    baseline = Baseline(label=label, as_of=as_of, content_hash="pending", created_by_id=user_id)
    session.add(baseline)
    session.flush()
    projects = _project_rows(session, baseline.id)
    if projects:
        session.execute(insert(BaselineProject), projects)
    for statement in copy_statements(baseline.id, as_of):
        session.execute(statement)  # INSERT ... SELECT: the rows never leave the database
    baseline.content_hash = content_hash(session, baseline)
    session.flush()
    refresh_statistics(session, FROZEN_TABLES)
    record(
        session,
        user_id,
        "freeze",
        "baseline",
        baseline.id,
        after={"label": label, "as_of": as_of.isoformat(), "hash": baseline.content_hash},
    )
    return baseline


# Every table a freeze writes: a freeze adds a whole portfolio's rows to each.
FROZEN_TABLES = (
    "baselines", "baseline_projects", "baseline_needs", "baseline_links", "baseline_values",
    "baseline_value_parts",
)  # fmt: skip

# Every table a freeze reads. SHARE mode lets readers and other freezes in and makes writers
# wait until the freeze commits, so its statements, each reading the committed state (READ
# COMMITTED), read one and the same state: one consistent snapshot.
FROZEN_SOURCES = tuple(
    table.name
    for table in (
        Entity.__table__, Project.__table__, ProjectCountry.__table__, project_pve_areas,
        project_needs, CtedNeed.__table__, Indicator.__table__, ReportingPeriod.__table__,
        ProgressReport.__table__, IndicatorValue.__table__, ValuePart.__table__,
        OutcomeReport.__table__, OutcomeValue.__table__,
    )
)  # fmt: skip


def _hold_still(session: Session) -> None:
    """Freeze one consistent state: on PostgreSQL take SHARE locks on every table the freeze
    reads (SQLite lets one writer in at a time, and the freeze writes before it reads)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {', '.join(FROZEN_SOURCES)} IN SHARE MODE"))


def _check_label(session: Session, label: str) -> None:
    if not label or len(label) > MAX_LABEL:
        problem = _("give a label of 1 to %(max)s characters", max=MAX_LABEL)
        raise ValidationFailed([f"label: {problem}"])
    if session.scalar(select(Baseline.id).where(Baseline.label == label)):
        raise DomainError(
            _(
                "a baseline labelled %(label)s exists already; baselines never change",
                label=repr(label),
            )
        )


def _project_rows(session: Session, baseline_id: int) -> list[dict[str, Any]]:
    countries = _joined(session, select(ProjectCountry.project_id, ProjectCountry.iso3))
    pve = _joined(session, select(project_pve_areas.c.project_id, project_pve_areas.c.area_number))
    columns = PROJECT_SCALARS
    stmt = select(
        Project.id, Entity.acronym, Project.pillar_code, *(getattr(Project, c) for c in columns)
    ).join(Entity)
    rows = []
    for project_id, acronym, pillar, *values in session.execute(stmt):
        row = dict(zip(columns, values, strict=True))
        row.update(
            baseline_id=baseline_id,
            entity=acronym,
            pillar=pillar,
            countries=countries.get(project_id, ""),
            pve_areas=pve.get(project_id, ""),
        )
        rows.append(row)
    return rows


def _joined(session: Session, stmt: Any) -> dict[int, str]:
    found: dict[int, list[str]] = defaultdict(list)
    for owner, value in session.execute(stmt):
        found[owner].append(str(value))
    return {k: ";".join(sorted(v)) for k, v in found.items()}


def get_baseline(session: Session, label: str) -> Baseline:
    """Return the baseline with this label or raise NotFound."""
    baseline = None
    if "\x00" not in label:  # no stored label holds NUL, and PostgreSQL cannot compare one
        baseline = session.scalar(select(Baseline).where(Baseline.label == label))
    if baseline is None:
        raise NotFound(_("no baseline labelled %(label)s; see 'snapshot list'", label=repr(label)))
    return baseline


def list_baselines(session: Session) -> list[Baseline]:
    """Return every baseline, newest as-of date first."""
    return list(session.scalars(select(Baseline).order_by(Baseline.as_of.desc(), Baseline.id)))


def verify_baseline(session: Session, baseline: Baseline) -> bool:
    """Tell whether the stored rows still hash to the hash taken at freezing, and whether that
    is the hash the audit trail recorded when the baseline was frozen (a baseline made up by
    SQL, with rows and a hash that agree, has no such event)."""
    return (
        frozen_hash(session, baseline.id)
        == baseline.content_hash
        == content_hash(session, baseline)
    )


def frozen_hash(session: Session, baseline_id: int) -> str | None:
    """Return the hash the first 'freeze' audit event of a baseline recorded."""
    after = session.scalar(
        select(AuditEvent.after)
        .where(
            AuditEvent.object_type == "baseline",
            AuditEvent.object_id == str(baseline_id),
            AuditEvent.action == "freeze",
        )
        .order_by(AuditEvent.id)
        .limit(1)
    )
    return None if after is None else str(after.get("hash"))


class TamperedBaseline(Tampered):
    """A baseline's stored rows no longer hash to the hash taken when it was frozen."""


# (id, hash) of the baselines this process has verified: a sealed baseline's rows cannot be
# changed, added to or truncated (migration frozen_integrity), so one check per process holds.
_VERIFIED: set[tuple[int, str]] = set()
_VERIFIED_LOCK = threading.Lock()


def ensure_intact(session: Session, baseline: Baseline) -> None:
    """Raise TamperedBaseline unless the baseline's rows hash to its hash (once per process)."""
    key = (baseline.id, baseline.content_hash)
    with _VERIFIED_LOCK:
        if key in _VERIFIED:
            return
    # Shared by the processes (app/shared_cache.py, when set): one check per baseline and
    # KEPT_CACHE_SECONDS, rather than one per worker, each reading every frozen row.
    intact = shared_cache.get(("verified", *key), lambda: verify_baseline(session, baseline))
    if not intact:
        raise TamperedBaseline(
            _(
                "baseline %(label)s no longer matches its hash %(hash)s or the one the audit"
                " trail recorded when it was frozen: it was changed after freezing, so its"
                " figures are not served",
                label=repr(baseline.label),
                hash=baseline.content_hash,
            )
        )
    with _VERIFIED_LOCK:
        _VERIFIED.add(key)


def intact_baseline(session: Session, label: str) -> Baseline:
    """Return the baseline with this label once its hash verifies (NotFound, TamperedBaseline)."""
    baseline = get_baseline(session, label)
    ensure_intact(session, baseline)
    return baseline


def forget_verified() -> None:
    """Forget which baselines were verified (tests, and with the figures cache)."""
    with _VERIFIED_LOCK:
        _VERIFIED.clear()
