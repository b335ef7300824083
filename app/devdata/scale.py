"""Generate a large, deterministic Compact for performance work, with bulk Core inserts."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from app.db import Base, refresh_statistics
from app.devdata import scale_rows as rows
from app.errors import DomainError
from app.models.auth import User
from app.models.logframe import Activity, Indicator, IndicatorTarget, Outcome, Output
from app.models.portfolio import CtedNeed, Project, ProjectCountry, project_needs, project_pve_areas
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.models.reference import Entity
from app.reference.services import seed_reference

CHUNK = 10_000
QUARTERS = tuple(f"{y}Q{q}" for y in (2017, 2018, 2019) for q in (1, 2, 3, 4))
SCALE_PASSWORD = rows.SCALE_PASSWORD
ORDER = (
    Project,
    ProjectCountry,
    project_pve_areas,
    project_needs,
    Output,
    Activity,
    Indicator,
    IndicatorTarget,
    ProgressReport,
    IndicatorValue,
)


def _table(model: type[Base] | Table) -> Table:
    table = model if isinstance(model, Table) else model.__table__
    if not isinstance(table, Table):  # every model here is declared with a table of its own
        raise TypeError(f"{model!r} is not mapped to a table")
    return table


class Bulk:
    """Buffer rows per table; write every buffer in dependency order once one is full."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.buffers: dict[Table, list[dict[str, Any]]] = {_table(m): [] for m in ORDER}
        self.written: dict[str, int] = {t.name: 0 for t in self.buffers}

    def add(self, model: type[Base] | Table, row: dict[str, Any]) -> None:
        """Queue one row; flush all buffers when this one reaches the chunk size."""
        buffer = self.buffers[_table(model)]
        buffer.append(row)
        if len(buffer) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        """Insert every queued row, parents before children."""
        copy = self.session.get_bind().dialect.name == "postgresql"
        for table, buffer in self.buffers.items():
            if buffer:
                if copy:
                    self._copy(table, buffer)
                else:
                    self.session.execute(insert(table), buffer)
                self.written[table.name] += len(buffer)
                buffer.clear()

    def _copy(self, table: Table, buffer: list[dict[str, Any]]) -> None:
        # COPY is an order of magnitude faster than executemany on PostgreSQL.
        names = list(buffer[0])
        raw = self.session.connection().connection.dbapi_connection
        if raw is None:  # only a connection closed under the session has none
            raise RuntimeError("the session's database connection is closed")
        cursor = raw.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
            for row in buffer:
                copy.write_row([row[name] for name in names])


class Ids:
    """Hand out primary keys in Python, continuing after each table's largest id."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.next: dict[Any, int] = {}

    def take(self, model: Any) -> int:
        """Return the next free id of a model's table."""
        if model not in self.next:
            self.next[model] = (self.session.scalar(select(func.max(model.id))) or 0) + 1
        value = self.next[model]
        self.next[model] = value + 1
        return value


def seed_scale(session: Session, projects: int, seed: int) -> dict[str, int]:
    """Fill an empty portfolio with a large deterministic Compact; return rows per table."""
    if projects < 1:
        raise DomainError("--projects: give a positive number of projects")
    if session.scalar(select(Project.id).limit(1)) is not None:
        raise DomainError(
            "the database has projects already; seed-scale fills an empty portfolio only"
        )
    rng = random.Random(seed)
    seed_reference(session)
    entity_ids = _entities(session)
    users = _users(session)
    ids, bulk = Ids(session), Bulk(session)
    need_ids = _needs(session, rng, ids, max(1, projects // 2))
    periods = _periods(session)
    outcomes = _outcomes(session)
    for _ in range(projects):
        _project(rng, ids, bulk, (entity_ids, need_ids, outcomes, periods, users))
    bulk.flush()
    _fix_sequences(session)
    session.flush()
    refresh_statistics(session, [*bulk.written, "cted_needs", "entities", "reporting_periods"])
    return dict(bulk.written, cted_needs=len(need_ids), entities=len(entity_ids))


def _entities(session: Session) -> list[int]:
    known = set(session.scalars(select(Entity.acronym)))
    missing = [{"acronym": a, "name": n} for a, n in rows.EXTRA_ENTITIES if a not in known]
    if missing:
        session.execute(insert(Entity), missing)
    return list(session.scalars(select(Entity.id).order_by(Entity.id)))


def _users(session: Session) -> dict[str, int]:
    known = dict(session.execute(select(User.email, User.id)).all())
    acronyms = dict(session.execute(select(Entity.acronym, Entity.id)).all())
    missing = [
        {"email": email, "name": role, "role": role, "entity_id": acronyms.get(entity or "")}
        for email, role, entity in rows.USERS
        if email not in known
    ]
    if missing:
        # One hash for every generated account: password hashing is slow on purpose.
        hashed = generate_password_hash(SCALE_PASSWORD)
        session.execute(insert(User), [dict(row, password_hash=hashed) for row in missing])
        known = dict(session.execute(select(User.email, User.id)).all())
    return {role: known[email] for email, role, _ in rows.USERS}


def _needs(session: Session, rng: random.Random, ids: Ids, count: int) -> list[int]:
    first = session.scalar(select(func.count(CtedNeed.id))) or 0
    batch = [rows.need_row(rng, ids.take(CtedNeed), first + k + 1) for k in range(count)]
    for start in range(0, len(batch), CHUNK):
        session.execute(insert(_table(CtedNeed)), batch[start : start + CHUNK])
    return [row["id"] for row in batch]


def _periods(session: Session) -> list[tuple[int, str]]:
    known = dict(session.execute(select(ReportingPeriod.key, ReportingPeriod.id)).all())
    missing = []
    for key in QUARTERS:
        if key not in known:
            start, end = rows.quarter_bounds(key)
            missing.append(_period_row(key, start, end))
    if missing:
        session.execute(insert(ReportingPeriod), missing)
        known = dict(session.execute(select(ReportingPeriod.key, ReportingPeriod.id)).all())
    return [(known[key], key) for key in QUARTERS]


def _period_row(key: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    return {
        "key": key,
        "starts_on": start,
        "ends_on": end,
        "entry_opens_on": end - dt.timedelta(days=14),
        "due_on": end + dt.timedelta(days=30),
        "status": "open" if key == QUARTERS[-1] else "locked",
    }


def _outcomes(session: Session) -> dict[str, int]:
    codes = {p: f"SCALE-OC-{p}" for p in rows.PILLARS}
    known = dict(session.execute(select(Outcome.code, Outcome.id)).all())
    missing = [
        {"code": c, "pillar_code": p, "statement": f"Compact outcome under pillar {p}"}
        for p, c in codes.items()
        if c not in known
    ]
    if missing:
        session.execute(insert(Outcome), missing)
        known = dict(session.execute(select(Outcome.code, Outcome.id)).all())
    return {p: known[c] for p, c in codes.items()}


def _project(rng: random.Random, ids: Ids, bulk: Bulk, context: tuple[Any, ...]) -> None:
    entity_ids, need_ids, outcomes, periods, users = context
    project = rows.project_row(rng, ids.take(Project), rng.choice(entity_ids))
    bulk.add(Project, project)
    pid = project["id"]
    for iso3 in rows.countries_for(rng, project["scope"]):
        bulk.add(ProjectCountry, {"project_id": pid, "iso3": iso3})
    for area in sorted(rng.sample(range(1, 8), rng.choice((0, 1, 1, 2)))):
        bulk.add(project_pve_areas, {"project_id": pid, "area_number": area})
    for need_id in sorted(rng.sample(need_ids, min(len(need_ids), rng.choice((0, 1, 1, 2, 3))))):
        bulk.add(project_needs, {"project_id": pid, "need_id": need_id})
    indicators = list(_logframe(rng, ids, bulk, project, outcomes[project["pillar_code"]]))
    for step, (period_id, key) in enumerate(periods):
        _report(rng, ids, bulk, (pid, period_id, key, step, users), indicators)


def _logframe(
    rng: random.Random, ids: Ids, bulk: Bulk, project: dict[str, Any], outcome_id: int
) -> Iterator[tuple[dict[str, Any], list[int]]]:
    output_ids = []
    for k in range(1, 4):
        output_ids.append(ids.take(Output))
        output = {"id": output_ids[-1], "project_id": project["id"], "outcome_id": outcome_id}
        bulk.add(Output, dict(output, code=f"OP{k}", title=f"Output {k}", version=1))
        bulk.add(Activity, rows.activity_row(ids.take(Activity), output_ids[-1], project))
    for k, output_index in enumerate((0, 0, 1, 1, 2), start=1):
        code = f"{project['code']}-IND{k}"
        indicator = rows.indicator_row(rng, ids.take(Indicator), code, output_ids[output_index])
        bulk.add(Indicator, indicator)
        for year in range(3):
            target = rows.target_value(indicator, year)
            if target is not None:
                row = {"indicator_id": indicator["id"], "period_key": f"{2017 + year}Q4"}
                bulk.add(IndicatorTarget, dict(row, target=target))
        yield indicator, [0]


def _report(
    rng: random.Random,
    ids: Ids,
    bulk: Bulk,
    where: tuple[Any, ...],
    indicators: list[tuple[dict[str, Any], list[int]]],
) -> None:
    project_id, period_id, key, step, users = where
    report_id = ids.take(ProgressReport)
    status = _report_status(rng, key)
    bulk.add(ProgressReport, rows.report_row(rng, report_id, project_id, period_id, status, users))
    for indicator, state in indicators:
        row = rows.value_row(rng, indicator, step, state)
        bulk.add(IndicatorValue, dict(row, report_id=report_id, indicator_id=indicator["id"]))


def _report_status(rng: random.Random, key: str) -> str:
    if key != QUARTERS[-1]:
        return "approved"
    return rng.choices(("approved", "submitted", "draft"), (85, 10, 5))[0]


SEQUENCED = (
    Entity,
    CtedNeed,
    Project,
    Outcome,
    Output,
    Activity,
    Indicator,
    ReportingPeriod,
    ProgressReport,
    IndicatorValue,
)


def _fix_sequences(session: Session) -> None:
    # Ids were assigned in Python; PostgreSQL's sequences must continue after them.
    if session.get_bind().dialect.name != "postgresql":
        return
    for model in SEQUENCED:
        name = model.__tablename__
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
            )
        )
