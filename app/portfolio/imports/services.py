"""Import needs, projects and seed funding: read, validate every row, then upsert in bulk."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.audit.services import record
from app.config import DEFAULTS
from app.db import refresh_statistics
from app.errors import ValidationFailed
from app.models.portfolio import CtedNeed
from app.models.reference import Entity
from app.portfolio.imports import needs, projects, seed_funding
from app.portfolio.imports.current import chunks, current_projects
from app.portfolio.imports.project_plan import plan_projects, write_projects
from app.portfolio.imports.reader import Columns, Limits, Row, read_rows
from app.portfolio.imports.result import ImportResult, RowChange, field_changes
from app.reference.seed_funding import label, plan_seed_funding, write_seed_funding

Source = str | Path | bytes
Progress = Callable[[list[Row]], AbstractContextManager[Iterable[Row]]]


@contextmanager
def _plain(rows: list[Row]) -> Iterator[Iterable[Row]]:
    yield rows


def limits_from(config: Mapping[str, Any]) -> Limits:
    """Return the import limits of a configuration: IMPORT_MAX_BYTES, the unzipped bytes and
    IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELLS."""
    return Limits(
        config["IMPORT_MAX_BYTES"],
        config["IMPORT_MAX_UNCOMPRESSED_BYTES"],
        config.get("IMPORT_MAX_ROWS", DEFAULTS["IMPORT_MAX_ROWS"]),
        config.get("IMPORT_MAX_COLUMNS", DEFAULTS["IMPORT_MAX_COLUMNS"]),
        config.get("IMPORT_MAX_CELLS", DEFAULTS["IMPORT_MAX_CELLS"]),
    )


DEFAULT_LIMITS = limits_from(DEFAULTS)


def import_needs(
    session: Session,
    user_id: int | None,
    source: Source,
    dry_run: bool = False,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    file_name: str | None = None,
) -> ImportResult:
    """Validate every row of a needs file, then create or update the needs by code.

    A column the file does not have leaves that field of existing needs as it is."""
    rows = read_rows(source, needs.COLUMNS, limits)
    problems: list[str] = []
    with (progress or _plain)(rows) as each:
        records = needs.validate(each, rows, problems)
    if problems:
        raise ValidationFailed(problems)
    session.flush()
    existing = _existing(session, CtedNeed, needs.PARSERS.keys(), needs.RENAMED)
    result, inserts, updates = _plan(records, existing, dry_run)
    result.untouched = untouched(rows, needs.COLUMNS)
    if not dry_run and (inserts or updates):
        _write(session, CtedNeed, inserts, updates)
        _audit(session, user_id, "needs", file_name or _name(source), result)
        _restat(session, len(inserts), [CtedNeed.__tablename__])
    return result


def untouched(rows: list[Row], columns: Columns) -> tuple[str, ...]:
    """Return the known columns the file does not have (every row has the header's columns)."""
    if not rows:
        return ()  # nothing is imported, so nothing is left out
    return tuple(name for name in columns.known if name not in rows[0][1])


def _existing(
    session: Session, model: type[Any], names: Iterable[str], renamed: dict[str, str]
) -> dict[str, dict[str, Any]]:
    columns = [getattr(model, renamed.get(n, n)) for n in names]
    found = session.execute(select(model.id, *columns)).mappings()
    return {row["code"]: dict(row) for row in found}


def _plan(
    records: list[tuple[int, dict[str, Any]]], existing: dict[str, dict[str, Any]], dry_run: bool
) -> tuple[ImportResult, list[dict[str, Any]], list[dict[str, Any]]]:
    result = ImportResult(dry_run=dry_run)
    inserts, updates = [], []
    for number, values in records:
        old = existing.get(values["code"])
        if old is None:
            inserts.append({**needs.DEFAULTS, **values})
            result.add(RowChange(number, values["code"], created=True))
            continue
        changes = field_changes(old, {**old, **values}, values)
        if changes:
            updates.append({"id": old["id"], **values})
            renamed = {needs.FILE_NAMES.get(k, k): v for k, v in changes.items()}
            result.add(RowChange(number, values["code"], renamed))
        else:
            result.unchanged += 1
    return result, inserts, updates


def _write(
    session: Session, model: type[Any], inserts: list[dict[str, Any]], updates: list[dict[str, Any]]
) -> None:
    if inserts:
        session.execute(insert(model), inserts)
    if updates:
        session.execute(update(model), updates)


def _need_ids(session: Session, codes: list[str]) -> dict[str, int]:
    """Return the ids of the needs a file names (not every need: the file's size, not the db's)."""
    found: dict[str, int] = {}
    for chunk in chunks(codes):
        stmt = select(CtedNeed.code, CtedNeed.id).where(CtedNeed.code.in_(chunk))
        found.update((code, need_id) for code, need_id in session.execute(stmt))
    return found


# The tables a projects import writes: their statistics go stale when many rows arrive.
PROJECT_TABLES = ("projects", "project_countries", "project_needs", "project_pve_areas")
# Fewer new rows than this leave the statistics as they are (the planner copes either way).
RESTAT_MIN_ROWS = 1000


def _restat(session: Session, created: int, tables: Iterable[str]) -> None:
    if created >= RESTAT_MIN_ROWS:
        refresh_statistics(session, tables)


def _name(source: Source) -> str:
    return "upload" if isinstance(source, bytes) else Path(source).name


def _audit(
    session: Session, user_id: int | None, kind: str, name: str, result: ImportResult
) -> None:
    """One event per import: the codes created and updated, and before and after of each
    changed field (as the file writes them)."""
    record(
        session,
        user_id,
        "import",
        kind,
        name[:64],
        before=result.audit_before() or None,
        after={
            "created": result.created,
            "updated": result.updated,
            "changes": result.audit_changes(),
        },
    )
    session.flush()


def import_projects(
    session: Session,
    user_id: int | None,
    source: Source,
    dry_run: bool = False,
    progress: Progress | None = None,
    limits: Limits = DEFAULT_LIMITS,
    file_name: str | None = None,
) -> ImportResult:
    """Validate every row of a projects file, then create or update the projects by code.

    A column the file does not have leaves that field of existing projects as it is; an empty
    cell of a column it has clears the field."""
    rows = read_rows(source, projects.COLUMNS, limits)
    session.flush()
    current = current_projects(session, [row["code"] for _, row in rows], projects.SCALARS)
    lookups = projects.Lookups(
        entities=dict(session.execute(select(Entity.acronym, Entity.id)).all()),
        needs={**current.need_ids, **_need_ids(session, projects.referenced_needs(rows))},
        current=current.projects,
    )
    problems: list[str] = []
    with (progress or _plain)(rows) as each:
        records = projects.validate(each, rows, lookups, problems)
    if problems:
        raise ValidationFailed(problems)
    result, plan = plan_projects(current.projects, records, dry_run)
    result.untouched = untouched(rows, projects.COLUMNS)
    if not dry_run and (result.created or result.updated):
        write_projects(session, plan)
        _audit(session, user_id, "projects", file_name or _name(source), result)
        _restat(session, len(result.created), PROJECT_TABLES)
    return result


def import_seed_funding(
    session: Session,
    user_id: int | None,
    source: Source,
    dry_run: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Validate every row of a seed funding file, then create or update by year and title."""
    rows = read_rows(source, seed_funding.COLUMNS, limits)
    session.flush()
    entities = dict(session.execute(select(Entity.acronym, Entity.id)).all())
    problems: list[str] = []
    records = seed_funding.validate(rows, entities, problems)
    if problems:
        raise ValidationFailed(problems)
    plan = plan_seed_funding(session, records)
    result = ImportResult(
        created=[label(r) for r in plan.inserts],
        updated=[label(r) for r in plan.updates],
        unchanged=plan.unchanged,
        dry_run=dry_run,
    )
    if not dry_run and plan.changed:
        write_seed_funding(session, plan)
        _audit(session, user_id, "seed_funding", _name(source), result)
    return result
