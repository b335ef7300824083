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

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationFailed
from app.models.auth import User
from app.models.enums import PeriodStatus
from app.models.portfolio import Project
from app.models.reference import Entity
from app.portfolio.imports.bounds import check_workbook
from app.portfolio.imports.reader import Limits
from app.portfolio.imports.services import DEFAULT_LIMITS
from app.progress import services as entry
from app.progress import workflow
from app.progress.audit_state import changes_since
from app.progress.labels import status_label
from app.progress.scopes import load_scopes
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
            said = _("%(where)s: %(item)s appears twice", where=row.where(column), item=item)
            raise ValidationFailed([said])
        self.seen.add(item)

    def changed_on_web(self, prefix: str) -> bool:
        """Tell whether a field of this item was changed on the web since the download."""
        return any(name == prefix or name.startswith(prefix + " ") for name in self.web)

    def take(self, row: Row, prefix: str, cells: list[Cell]) -> bool:
        """Record a differing item as a change (True) or as a conflict (False), or refuse it."""
        if not cells:
            return False  # the file repeats what is stored
        if self.blocked:
            said = _("%(where)s: %(problem)s", where=row.where("report"), problem=self.blocked)
            raise ValidationFailed([said])
        if self.changed_on_web(prefix):
            self.conflicts.extend(cells)
            return False
        self.changes.extend(cells)
        return True


@dataclass
class Plan:
    """What an upload would do, report by report."""

    batches: dict[tuple[str, str], Batch] = field(default_factory=dict)
    # The reports the file names, loaded at once: project code -> (id, entity id); scopes.
    projects: dict[str, tuple[int, int]] = field(default_factory=dict)
    scopes: dict[tuple[int, str], entry.ReportScope] = field(default_factory=dict)

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
    steps = [(rows, step) for rows, step in steps if not all(items.blank(r) for r in rows)]
    _load(session, plan, [rows[0] for rows, _ in steps])
    for rows, step in steps:
        try:
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


def _load(session: Session, plan: Plan, rows: list[Row]) -> None:
    """Load every report the filled rows name, in a fixed number of queries."""
    codes = {row.ident("project_code") for row in rows}
    stmt = select(Project.code, Project.id, Project.entity_id).where(Project.code.in_(codes))
    plan.projects = {code: (pid, eid) for code, pid, eid in session.execute(stmt)}
    wanted = {
        (plan.projects[row.ident("project_code")][0], row.ident("period"))
        for row in rows
        if row.ident("project_code") in plan.projects
    }
    plan.scopes = load_scopes(session, wanted)


def _batch(session: Session, entity: Entity, row: Row, plan: Plan) -> Batch:
    code, key = row.ident("project_code"), row.ident("period")
    if (code, key) in plan.batches:
        return plan.batches[(code, key)]
    project = plan.projects.get(code)
    if project is None or project[1] != entity.id:
        problem = _(
            "%(where)s: %(code)s is not a project of %(entity)s",
            where=row.where("project_code"),
            code=repr(code),
            entity=entity.acronym,
        )
        raise ValidationFailed([problem])
    scope = plan.scopes.get((project[0], key))
    if scope is None:
        problem = _(
            "%(where)s: %(period)s is not a reporting period",
            where=row.where("period"),
            period=repr(key),
        )
        raise ValidationFailed([problem])
    seen = row.ident("version")
    if not seen.isdigit():
        problem = _("%(where)s: not the number the download wrote", where=row.where("version"))
        raise ValidationFailed([problem])
    current = scope.report.version if scope.report else 0
    web = set()
    if int(seen) < current:  # someone saved since the download: what did they change?
        web = {change.label for change in changes_since(session, scope.report, int(seen))[0]}
    batch = Batch(scope, f"{code} {key}", current, _blocked(scope, code, key), web)
    plan.batches[(code, key)] = batch
    return batch


def _blocked(scope: entry.ReportScope, code: str, key: str) -> str | None:
    """Return why the report's cells cannot change now, or None."""
    if scope.period.status == PeriodStatus.LOCKED.value:
        return _("%(period)s is locked; nothing in it can change", period=key)
    if (opens := not_open_yet(key, scope.period.entry_opens_on, dt.date.today())) is not None:
        return opens
    status = scope.report.status if scope.report else workflow.DRAFT
    if status not in workflow.EDITABLE:
        return _(
            "%(code)s %(period)s is %(status)s; it cannot be changed",
            code=code,
            period=key,
            status=status_label(status),
        )
    return None
