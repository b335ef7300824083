"""Demo outcome values: the Working Group's approved values for 2019Q2 and its 2019Q3 draft."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record
from app.models.auth import User
from app.models.logframe import Indicator
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.progress import ReportingPeriod
from app.progress.outcome_services import outcome_snapshot

# Member States reporting progress (baseline 4, 2019Q2 target 8, 2019Q3 target 12), by pillar:
# the Q2 figures span on track, at risk and off track; the Q3 draft moves each one on.
Q2_VALUES = (9, 8, 7, 6, 5, 8, 4, 10)
Q3_STEP = 2


def seed_outcome_values(session: Session, users: dict[str, User]) -> None:
    """Store the 2019Q2 outcome report as approved by the reviewer, 2019Q3 as the admin's draft."""
    admin, reviewer = users["admin@demo.example"], users["reviewer@demo.example"]
    periods = {
        key: id_ for key, id_ in session.execute(select(ReportingPeriod.key, ReportingPeriod.id))
    }
    indicators = session.scalars(
        select(Indicator).where(Indicator.outcome_id.is_not(None)).order_by(Indicator.code)
    ).all()
    approved_at = dt.datetime(2019, 7, 20, 10, tzinfo=dt.UTC)
    q2 = OutcomeReport(
        period_id=periods["2019Q2"], status="approved", author_id=admin.id,
        submitted_by_id=admin.id, submitted_at=approved_at - dt.timedelta(days=3),
        updated_by_id=admin.id, reviewed_by_id=reviewer.id, reviewed_at=approved_at,
        review_comment="Checked against the Member States' reports.",
    )  # fmt: skip
    q3 = OutcomeReport(
        period_id=periods["2019Q3"], status="draft", author_id=admin.id, updated_by_id=admin.id
    )
    for indicator, value in zip(indicators, Q2_VALUES, strict=False):
        q2.values.append(OutcomeValue(indicator=indicator, value=Decimal(value)))
        q3.values.append(OutcomeValue(indicator=indicator, value=Decimal(value + Q3_STEP)))
    session.add_all([q2, q3])
    session.flush()
    for report, action, user in (
        (q2, "submit", admin),
        (q2, "approve", reviewer),
        (q3, "save", admin),
    ):
        record(
            session, user.id, action, "outcome_report", report.id, after=outcome_snapshot(report)
        )
