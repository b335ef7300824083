"""Demo review conversation: the returned UNODC report carries a question and its answer."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record
from app.models.auth import User
from app.models.portfolio import Project
from app.models.progress import ProgressReport
from app.models.reference import Entity

# Who says what, hours after the return; the return itself comes first.
CONVERSATION = (
    ("reviewer@demo.example", "return", "Please add sources."),
    (
        "unodc@demo.example",
        "comment",
        "The figures come from the ministry's attendance lists; I will attach them.",
    ),
    (
        "reviewer@demo.example",
        "comment",
        "Thank you. Attach the lists to the report, then submit it again.",
    ),
)


def seed_thread(session: Session, users: dict[str, User]) -> None:
    """Write the conversation of UNODC's first returned report into its audit trail."""
    report = session.scalar(
        select(ProgressReport)
        .join(Project)
        .join(Entity)
        .where(ProgressReport.status == "returned", Entity.acronym == "UNODC")
        .order_by(ProgressReport.id)
        .limit(1)
    )
    if report is None or report.reviewed_at is None:
        return
    for hours, (email, action, text) in enumerate(CONVERSATION):
        event = record(
            session, users[email].id, action, "progress_report", report.id, reason=text,
            project_id=report.project_id, entity_id=report.project.entity_id,
        )  # fmt: skip
        event.occurred_at = report.reviewed_at + dt.timedelta(hours=hours)
    session.flush()
