"""Read-only queries of the logframe."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.logframe import Indicator, Output


def project_outputs(session: Session, project_id: int) -> list[Output]:
    """Return a project's outputs with activities, outcome, indicators and targets loaded."""
    stmt = (
        select(Output)
        .where(Output.project_id == project_id)
        .order_by(Output.code)
        .options(
            selectinload(Output.activities),
            selectinload(Output.outcome),
            selectinload(Output.indicators).selectinload(Indicator.targets),
        )
    )
    return list(session.scalars(stmt))
