"""Small builders of live data for tests (the imports have their own tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.portfolio import CtedNeed, Project, ProjectCountry
from app.models.reference import Entity


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


def period(session: Session, key: str = "2019Q3", status: str = "open") -> Any:
    """Add a reporting period for a quarter key like 2019Q3."""
    from app.models.progress import ReportingPeriod
    from indicators.periods import PeriodKey

    quarter = PeriodKey.parse(key)
    item = ReportingPeriod(
        key=key,
        starts_on=quarter.start(),
        ends_on=quarter.end(),
        entry_opens_on=quarter.end(),
        due_on=quarter.end() + dt.timedelta(days=30),
        status=status,
    )
    session.add(item)
    session.flush()
    return item


def indicator(session: Session, project_: Project, code: str, **fields: Any) -> Any:
    """Add an output (if the project has none) and an indicator on it."""
    from app.models.logframe import Indicator, Output

    output = session.scalar(select(Output).where(Output.project_id == project_.id))
    if output is None:
        output = Output(project_id=project_.id, code=f"{project_.code}-O1", title="Output one")
        session.add(output)
        session.flush()
    values: dict[str, Any] = {
        "name": f"Indicator {code}",
        "unit": "people",
        "measure": "number",
        "baseline_value": Decimal(0),
        "life_target": Decimal(100),
    }
    values.update(fields)
    item = Indicator(code=code, output_id=output.id, **values)
    session.add(item)
    session.flush()
    return item


def report(
    session: Session,
    project_: Project,
    period_: Any,
    status: str = "approved",
    narrative: str = "",
    values: dict[Any, Any] | None = None,
    highlight: bool = False,
) -> Any:
    """Add a progress report with values {indicator: Decimal | (numerator, denominator)}."""
    from app.models.progress import IndicatorValue, ProgressReport

    item = ProgressReport(
        project_id=project_.id,
        period_id=period_.id,
        status=status,
        narrative=narrative,
        is_highlight=highlight,
    )
    session.add(item)
    session.flush()
    for ind, value in (values or {}).items():
        num, den = value if isinstance(value, tuple) else (None, None)
        amount = (
            Decimal(num) * 100 / Decimal(den) if den else Decimal(value) if num is None else None
        )
        session.add(
            IndicatorValue(
                report_id=item.id, indicator_id=ind.id, value=amount, numerator=num, denominator=den
            )
        )
    session.flush()
    return item
