"""The canonical form of a baseline's rows and its SHA-256: the proof it never changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.baselines.models import (
    Baseline,
    BaselineLink,
    BaselineNeed,
    BaselineProject,
    BaselineValue,
)

PROJECT_COLUMNS = (
    "code",
    "title",
    "entity",
    "pillar",
    "scope",
    "status",
    "start_date",
    "end_date",
    "budget_usd",
    "funded_usd",
    "in_multi_year_appeal",
    "gender_marker",
    "origin",
    "countries",
    "pve_areas",
)
NEED_COLUMNS = (
    "code",
    "member_state",
    "assessment_date",
    "pillar",
    "thematic_area",
    "description",
    "confidential",
)
LINK_COLUMNS = ("project_code", "need_code")
VALUE_COLUMNS = (
    "project_code",
    "indicator_code",
    "period_key",
    "value",
    "numerator",
    "denominator",
    "text",
)
TABLES: tuple[tuple[str, type[Any], tuple[str, ...]], ...] = (
    ("projects", BaselineProject, PROJECT_COLUMNS),
    ("needs", BaselineNeed, NEED_COLUMNS),
    ("links", BaselineLink, LINK_COLUMNS),
    ("values", BaselineValue, VALUE_COLUMNS),
)


def canonical_value(value: Any) -> Any:
    """Return a value in a form that is the same whichever database stored it."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical_bytes(session: Session, baseline: Baseline) -> bytes:
    """Serialize a baseline's header and rows, in key order, to canonical JSON bytes."""
    document: dict[str, Any] = {"label": baseline.label, "as_of": baseline.as_of.isoformat()}
    for name, model, columns in TABLES:
        stmt = (
            select(*(getattr(model, c) for c in columns))
            .where(model.baseline_id == baseline.id)
            .order_by(*(getattr(model, c) for c in columns[:3]))
        )
        document[name] = [[canonical_value(v) for v in row] for row in session.execute(stmt)]
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(session: Session, baseline: Baseline) -> str:
    """Return "sha256:<hex>" of the baseline's canonical form."""
    return "sha256:" + hashlib.sha256(canonical_bytes(session, baseline)).hexdigest()
