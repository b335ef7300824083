"""Load the pillars, the Compact entities and the PVE priority areas (idempotent)."""

from __future__ import annotations

import csv
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.reference import Entity, Pillar, PveArea


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("app.reference").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def seed_reference(session: Session) -> dict[str, int]:
    """Insert or correct the reference rows; return how many were added or changed."""
    counts = {"pillars": 0, "entities": 0, "pve_areas": 0}
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
    return counts


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
