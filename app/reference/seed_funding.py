"""Write seed-funded projects, keyed by year and title: plan the changes, then write them in bulk.

Shared by `seed-reference` (the Secretary-General's report, 2018 and 2019) and
`import-seed-funding` (later years); both are idempotent: unchanged rows are left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.models.reference import SeedFundingProject

# The columns a record may carry besides its key; a missing one leaves the stored value as it is.
VALUES = ("cost_usd", "entity_id")


def same_title(title: str) -> str:
    """Return a title with its runs of whitespace made single spaces (how titles are keyed)."""
    return " ".join(title.split())


def label(record: dict[str, Any]) -> str:
    """Name a record for messages and the audit trail: "2019 Enhancing Regional ..."."""
    title = str(record["title"])
    return f"{record['year']} {title if len(title) <= 60 else title[:59] + chr(0x2026)}"


@dataclass
class SeedFundingPlan:
    """The rows to insert and update, and how many are already as the file says."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> int:
        """Return how many rows the plan adds or corrects."""
        return len(self.inserts) + len(self.updates)


def plan_seed_funding(session: Session, records: Sequence[dict[str, Any]]) -> SeedFundingPlan:
    """Compare records (year, title, cost_usd[, entity_id]) with the stored rows of their years."""
    years = sorted({int(r["year"]) for r in records})
    stmt = select(
        SeedFundingProject.id,
        SeedFundingProject.year,
        SeedFundingProject.title,
        *(getattr(SeedFundingProject, name) for name in VALUES),
    ).where(SeedFundingProject.year.in_(years))
    stored = {(row["year"], row["title"]): row for row in session.execute(stmt).mappings()}
    plan = SeedFundingPlan()
    for record in records:
        old = stored.get((record["year"], record["title"]))
        if old is None:
            plan.inserts.append(record)
        elif any(old[name] != record[name] for name in VALUES if name in record):
            plan.updates.append({"id": old["id"], **record})
        else:
            plan.unchanged += 1
    return plan


def write_seed_funding(session: Session, plan: SeedFundingPlan) -> None:
    """Insert and update the planned rows in bulk, then flush."""
    if plan.inserts:
        session.execute(insert(SeedFundingProject), _complete(plan.inserts))
    for chunk in _by_columns(plan.updates):
        session.execute(update(SeedFundingProject), chunk)
    session.flush()


def _complete(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # One INSERT for rows with and without an entity: each row names every column.
    return [{"entity_id": None, **row} for row in rows]


def _by_columns(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    # A bulk UPDATE sets the same columns on every row of one statement.
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())
