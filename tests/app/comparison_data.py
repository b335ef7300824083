"""A small portfolio with needs, a logframe, approved values and two baselines, for tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.baselines.services import create_baseline
from app.models.logframe import Indicator, Outcome, Output
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from tests.app import factories

ENTITIES = ("UNOCT", "UNODC", "UNDP", "UNESCO", "OHCHR")
PILLARS = ("I", "II", "III", "IV")
SCOPES = ("global", "interregional", "regional", "national")
STATUSES = ("pipeline", "ongoing", "ongoing", "suspended", "completed")
COUNTRIES = ("KEN", "NGA", "IRQ", "MLI", "PHL")
MARKER = "QZX"  # member state of the confidential need only
CANARY = "canary-5e1d"


def add_projects(session: Session, count: int, prefix: str = "P", needs: tuple = ()) -> None:
    """Add projects spread over entities, pillars, scopes, statuses and countries."""
    for i in range(count):
        factories.project(
            session,
            f"{prefix}-{i:03d}",
            title=f"Project {prefix} {i} $5m and $3m",
            entity=ENTITIES[i % len(ENTITIES)],
            pillar_code=PILLARS[i % 4],
            scope=SCOPES[(i // 2) % 4],
            status=STATUSES[i % len(STATUSES)],
            budget_usd=Decimal(1000 + 100 * i),
            funded_usd=Decimal(400 + 10 * i),
            in_multi_year_appeal=i % 3 == 0,
            countries=[COUNTRIES[i % len(COUNTRIES)]],
            needs=[needs[i % len(needs)]] if needs and i % 2 == 0 else [],
        )


def add_needs(session: Session) -> tuple:
    """Add open needs and one confidential need carrying the canary everywhere."""
    open_needs = tuple(
        factories.need(session, f"N-{i}", member_state=COUNTRIES[i % 5], pillar_code=PILLARS[i % 4])
        for i in range(6)
    )
    secret = factories.need(
        session,
        f"N-{CANARY}",
        member_state=MARKER,
        pillar_code="II",
        thematic_area=f"area {CANARY}",
        description=f"description {CANARY}",
        confidential=True,
    )
    return open_needs + (secret,)


def add_logframe(session: Session, project_code: str = "P-001") -> None:
    """Add an outcome indicator with approved and submitted values in two periods."""
    project = session.query(Project).filter_by(code=project_code).one()
    outcome = Outcome(code="OC-1", pillar_code="I", statement="States prosecute terrorism")
    output = Output(project=project, outcome=outcome, code="O-1", title="Training delivered")
    session.add_all([outcome, output])
    session.flush()
    ind = Indicator(code="IND-1", name="Officials trained", outcome=outcome, unit="people",
                    measure="number", cumulation="non_cumulative",
                    baseline_value=Decimal(0), life_target=Decimal(100))  # fmt: skip
    out_ind = Indicator(code="IND-2", name="=HYPERLINK(\"x\") workshops", output=output,
                        unit="workshops", measure="number", cumulation="cumulative_sum",
                        baseline_value=Decimal(0), life_target=Decimal(10))  # fmt: skip
    session.add_all([ind, out_ind])
    for key, start, status, value in (
        ("2019Q2", dt.date(2019, 4, 1), "approved", 40),
        ("2019Q3", dt.date(2019, 7, 1), "approved", 30),
        ("2019Q4", dt.date(2019, 10, 1), "submitted", 999),
    ):
        end = dt.date(start.year, start.month + 2, 30 if start.month in (4, 7) else 31)
        period = ReportingPeriod(key=key, starts_on=start, ends_on=end, entry_opens_on=start,
                                 due_on=end, status="open")  # fmt: skip
        report = ProgressReport(project=project, period=period, status=status)
        report.values = [IndicatorValue(indicator=ind, value=Decimal(value)),
                         IndicatorValue(indicator=out_ind, value=Decimal(value // 10))]  # fmt: skip
        session.add(report)
    session.flush()


def two_baselines(session: Session, count: int = 12) -> None:
    """Build the portfolio, freeze "2018 mapping", change it, freeze "2019 mapping"."""
    needs = add_needs(session)
    add_projects(session, count, needs=needs)
    factories.project(session, "SECRET-LINK", needs=[needs[-1]], entity="UNOCT")
    add_logframe(session)
    create_baseline(session, None, "2018 mapping", dt.date(2018, 12, 31))
    session.execute(update(Project).where(Project.code == "P-001").values(status="completed"))
    session.execute(update(Project).where(Project.code == "P-002").values(status="cancelled"))
    add_projects(session, 3, prefix="NEW")
    create_baseline(session, None, "2019 mapping", dt.date(2019, 9, 30))
    session.execute(update(Project).where(Project.code == "P-000").values(status="completed"))
    add_projects(session, 2, prefix="LIVE")
    session.expire_all()
