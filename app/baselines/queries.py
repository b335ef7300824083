"""Read-only queries of the baselines."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.models.auth import User
from app.models.baselines import Baseline


def baselines_with_creators(session: Session) -> list[Row[Any]]:
    """Return every baseline with its creator's e-mail, newest as-of first, in one query."""
    stmt = (
        select(Baseline, User.email.label("creator"))
        .outerjoin(User, User.id == Baseline.created_by_id)
        .order_by(Baseline.as_of.desc(), Baseline.id)
    )
    return list(session.execute(stmt))
