"""Small builders of live data for tests (the imports have their own tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.portfolio.models import CtedNeed, Entity, Project, ProjectCountry


def entity_id(session: Session, acronym: str) -> int:
    """Return the id of a reference entity."""
    found = session.scalar(select(Entity.id).where(Entity.acronym == acronym))
    assert found is not None, acronym
    return found


def project(session: Session, code: str, **fields: Any) -> Project:
    """Add a project with sensible defaults; money given as text or Decimal."""
    countries = fields.pop("countries", ())
    needs = fields.pop("needs", ())
    values: dict[str, Any] = {
        "title": f"Title of {code}",
        "pillar_code": "II",
        "scope": "global",
        "status": "ongoing",
        "budget_usd": Decimal("100"),
        "funded_usd": Decimal("40"),
    }
    values.update(fields)
    values["entity_id"] = entity_id(session, values.pop("entity", "UNODC"))
    for key in ("budget_usd", "funded_usd"):
        values[key] = Decimal(str(values[key]))
    item = Project(code=code, **values)
    item.countries = [ProjectCountry(iso3=c) for c in countries]
    item.needs = list(needs)
    session.add(item)
    session.flush()
    return item


def need(session: Session, code: str, **fields: Any) -> CtedNeed:
    """Add a CTED need with sensible defaults."""
    values: dict[str, Any] = {
        "member_state": "KEN",
        "assessment_date": dt.date(2018, 5, 1),
        "pillar_code": "II",
        "thematic_area": "Border security",
        "description": f"Description of {code}",
    }
    values.update(fields)
    item = CtedNeed(code=code, **values)
    session.add(item)
    session.flush()
    return item
