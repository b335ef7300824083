"""The outcome of an import: counts, and per row the fields that change (`field: old -> new`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

# (old, new) as the file would write them, per changed column.
FieldChanges = dict[str, tuple[str, str]]


def file_text(value: Any) -> str:
    """Write a value as an import file's cell says it: lists joined by ';', yes/no, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, frozenset | set | list | tuple):
        return ";".join(sorted(str(item) for item in value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def field_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], columns: Iterable[str]
) -> FieldChanges:
    """Return (old, new) as file text for each of the columns whose value differs."""
    return {
        name: (file_text(old.get(name)), file_text(new.get(name)))
        for name in columns
        if old.get(name) != new.get(name)
    }


@dataclass
class RowChange:
    """One row of the file that creates a record or changes some of its fields."""

    row: int
    code: str
    fields: FieldChanges = field(default_factory=dict)
    created: bool = False

    def line(self) -> str:
        """Return `row N: CODE: field: old -> new; ...` (or `new`)."""
        if self.created:
            return f"row {self.row}: {self.code}: new"
        shown = "; ".join(
            f"{name}: {_shown(old)} -> {_shown(new)}" for name, (old, new) in self.fields.items()
        )
        return f"row {self.row}: {self.code}: {shown}"


def _shown(text: str) -> str:
    return text if text else "(empty)"


@dataclass
class ImportResult:
    """What an import created, updated and left as it was, and which columns it did not touch."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False
    changes: list[RowChange] = field(default_factory=list)
    untouched: tuple[str, ...] = ()

    def add(self, change: RowChange) -> None:
        """Count a created or changed row and keep its changes."""
        (self.created if change.created else self.updated).append(change.code)
        self.changes.append(change)

    def summary(self) -> str:
        """Return the counts as one line."""
        numbers = {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            return _(
                "%(created)s created, %(updated)s updated, %(unchanged)s unchanged"
                " (dry run: nothing written)",
                **numbers,
            )
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged", **numbers)

    def untouched_line(self) -> str | None:
        """Say which optional columns the file lacks, so that their fields stay as they are."""
        if not self.untouched:
            return None
        return _(
            "Not in the file, left as they are: %(columns)s.", columns=", ".join(self.untouched)
        )

    def detail_lines(self, created: bool = True) -> list[str]:
        """Return one line per changed (and, unless told not to, created) row, in file order."""
        shown = (c for c in self.changes if created or not c.created)
        return [change.line() for change in sorted(shown, key=lambda c: c.row)]

    def audit_before(self) -> dict[str, Any]:
        """Return the old value of each changed field, by code (for the audit event)."""
        return {
            c.code: {k: old for k, (old, _) in c.fields.items()} for c in self.changes if c.fields
        }

    def audit_changes(self) -> dict[str, Any]:
        """Return the new value of each changed field, by code (for the audit event)."""
        return {
            c.code: {k: new for k, (_, new) in c.fields.items()} for c in self.changes if c.fields
        }

    def digest(self) -> str:
        """Return a SHA-256 of what the import does: created, changed field by field, unchanged."""
        content = [self.created, self.updated, self.unchanged, self.detail_lines(), self.untouched]
        return hashlib.sha256(json.dumps(content).encode()).hexdigest()
