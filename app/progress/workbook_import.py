"""Plan an uploaded progress workbook against what is stored, then save the plan's drafts.

The plan compares each filled item (indicator value with its parts, activity, narrative) with
what the report stores now: an item equal to it is no change, whatever version the file saw.
An item that differs is a change, unless someone changed it on the web since the download (the
audit trail after the file's version says so): then it is a conflict, shown and not applied."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.portfolio import Project
from app.models.progress import ReportingPeriod
from app.models.reference import Entity
from app.portfolio.imports.bounds import check_workbook
from app.portfolio.imports.reader import Limits
from app.portfolio.imports.services import DEFAULT_LIMITS
from app.progress import services as entry
from app.progress import workflow
from app.progress.audit_state import changes_since
from app.progress.window import not_open_yet
from app.progress.workbook import check_archive
from app.progress.workbook_read import Row, read_sheets


@dataclass(frozen=True)
class Cell:
    """One cell the upload would change, or that conflicts with a change made on the web."""

    where: str
    item: str
    column: str
    now: str
    file: str


@dataclass
class Batch:
    """One report of the upload: its scope, what it would save and what it would not."""

    scope: entry.ReportScope
    label: str
    current: int
    blocked: str | None
    web: set[str]
    data: entry.ReportInput = field(default_factory=entry.ReportInput)
    changes: list[Cell] = field(default_factory=list)
    conflicts: list[Cell] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)

    def once(self, row: Row, column: str, item: str) -> None:
        """Refuse an item that a sheet lists twice."""
        if item in self.seen:
            raise ValidationFailed([f"{row.where(column)}: {item} appears twice"])
        self.seen.add(item)

    def changed_on_web(self, prefix: str) -> bool:
        """Tell whether a field of this item was changed on the web since the download."""
        return any(name == prefix or name.startswith(prefix + " ") for name in self.web)

    def take(self, row: Row, prefix: str, cells: list[Cell]) -> bool:
        """Record a differing item as a change (True) or as a conflict (False), or refuse it."""
        if not cells:
            return False  # the file repeats what is stored
        if self.blocked:
            raise ValidationFailed([f"{row.where('report')}: {self.blocked}"])
        if self.changed_on_web(prefix):
            self.conflicts.extend(cells)
            return False
        self.changes.extend(cells)
        return True


@dataclass
class Plan:
    """What an upload would do, report by report."""

    batches: dict[tuple[str, str], Batch] = field(default_factory=dict)

    @property
    def changed(self) -> list[Batch]:
        """Return the reports with something to save."""
        return [b for b in self.batches.values() if b.changes]

    @property
    def shown(self) -> list[Batch]:
        """Return the reports with a change or a conflict, for the preview."""
        return [b for b in self.batches.values() if b.changes or b.conflicts]

    def digest(self) -> str:
        """Return a fingerprint of every change and conflict (the confirm step compares it)."""
        picture = [(b.label, [vars(c) for c in b.changes + b.conflicts]) for b in self.shown]
        return hashlib.sha256(json.dumps(picture, sort_keys=True).encode()).hexdigest()


def plan_workbook(
    session: Session, entity: Entity, blob: bytes, limits: Limits = DEFAULT_LIMITS
) -> Plan:
    """Check every cell and return what the upload would change, or raise ValidationFailed."""
    from app.progress import workbook_items as items

    check_archive(blob, limits.max_bytes, limits.max_uncompressed_bytes)
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        check_workbook(archive, limits.bounds)
    sheets, plan = read_sheets(blob), Plan()
    problems = list(sheets.problems)
    groups = items.value_groups(sheets.values)
    steps = [(rows, items.take_values) for rows in groups]
    steps += [([row], items.take_activity) for row in sheets.activities or []]
    steps += [([row], items.take_narrative) for row in sheets.narratives or []]
    for rows, step in steps:
        try:
            if not all(items.blank(row) for row in rows):
                step(rows, _batch(session, entity, rows[0], plan))
        except ValidationFailed as error:
            problems.extend(error.problems)
    if problems:
        raise ValidationFailed(problems)
    return plan


def apply_plan(session: Session, user: User, plan: Plan) -> int:
    """Save the plan's changes as drafts (conflicts keep the web's values); return how many."""
    for batch in plan.changed:
        entry.save_draft(session, user, batch.scope, batch.data, batch.current)
    return len(plan.changed)


def _batch(session: Session, entity: Entity, row: Row, plan: Plan) -> Batch:
    code, key = row.ident("project_code"), row.ident("period")
    if (code, key) in plan.batches:
        return plan.batches[(code, key)]
    project = session.scalar(select(Project).where(Project.code == code))
    if project is None or project.entity_id != entity.id:
        raise ValidationFailed(
            [f"{row.where('project_code')}: {code!r} is not a project of {entity.acronym}"]
        )
    period = session.scalar(select(ReportingPeriod).where(ReportingPeriod.key == key))
    if period is None:
        raise ValidationFailed([f"{row.where('period')}: {key!r} is not a reporting period"])
    seen = row.ident("version")
    if not seen.isdigit():
        raise ValidationFailed([f"{row.where('version')}: not the number the download wrote"])
    scope = entry.load_scope(session, project, period)
    current = scope.report.version if scope.report else 0
    web = set()
    if int(seen) < current:
        web = {change.label for change in changes_since(session, scope.report, int(seen))[0]}
    batch = Batch(scope, f"{code} {key}", current, _blocked(scope, code, key), web)
    plan.batches[(code, key)] = batch
    return batch


def _blocked(scope: entry.ReportScope, code: str, key: str) -> str | None:
    """Return why the report's cells cannot change now, or None."""
    if scope.period.status == PeriodStatus.LOCKED.value:
        return f"{key} is locked; nothing in it can change"
    if (opens := not_open_yet(key, scope.period.entry_opens_on, dt.date.today())) is not None:
        return opens
    status = scope.report.status if scope.report else workflow.DRAFT
    if status not in workflow.EDITABLE:
        return f"{code} {key} is {status}; it cannot be changed"
    return None
