"""Load the pillars, the Compact entities, the PVE priority areas and the seed-funded projects of
the Secretary-General's report (idempotent)."""

from __future__ import annotations

import csv
from decimal import Decimal
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.reference import Entity, Pillar, PveArea
from app.reference.seed_funding import plan_seed_funding, same_title, write_seed_funding


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("app.reference").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def seed_reference(session: Session) -> dict[str, int]:
    """Insert or correct the reference rows; return how many were added or changed."""
    counts = {"pillars": 0, "entities": 0, "pve_areas": 0, "seed_funding_projects": 0}
    for position, row in enumerate(_rows("pillars.csv"), start=1):
        counts["pillars"] += _upsert(
            session,
            Pillar,
            {"code": row["code"]},
            {"position": position, "title_en": row["title_en"], "title_zh": row["title_zh"]},
        )
    for row in _rows("entities.csv"):
        counts["entities"] += _upsert(
            session, Entity, {"acronym": row["acronym"]}, {"name": row["name"]}
        )
    for row in _rows("pve_priority_areas.csv"):
        counts["pve_areas"] += _upsert(
            session, PveArea, {"number": int(row["number"])}, {"name": row["priority_area"]}
        )
    session.flush()
    counts["seed_funding_projects"] = _seed_funding(session)
    return counts


def _seed_funding(session: Session) -> int:
    """Load the projects the Trust Fund seed-funded in 2018 and 2019; return how many changed."""
    records = [
        {
            "year": int(row["year"]),
            "title": same_title(row["title"]),
            "cost_usd": Decimal(row["cost_usd"]),
        }
        for row in _rows("seed_funding_projects.csv")
    ]
    plan = plan_seed_funding(session, records)
    write_seed_funding(session, plan)
    return plan.changed


def _upsert(session: Session, model: type[Any], key: dict[str, Any], values: dict[str, Any]) -> int:
    column, value = next(iter(key.items()))
    obj = session.scalar(select(model).where(getattr(model, column) == value))
    if obj is None:
        session.add(model(**key, **values))
        return 1
    stale = {k: v for k, v in values.items() if getattr(obj, k) != v}
    for name, new in stale.items():
        setattr(obj, name, new)
    return int(bool(stale))
