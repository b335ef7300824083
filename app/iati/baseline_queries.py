"""Load a frozen baseline as IATI records: its projects, needs' areas and approved values."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.iati.queries import ValuesByIndicator, figure, outputs_by_code, results_of
from app.models.baselines import (
    Baseline,
    BaselineLink,
    BaselineNeed,
    BaselineProject,
    BaselineValue,
)
from app.models.logframe import Indicator
from app.models.reference import Entity, Pillar
from reports.iati import types as t


def baseline_projects(
    session: Session, baseline: Baseline, entity: str | None
) -> list[t.ProjectRecord]:
    """Return the baseline's projects (of one entity, if given), as they were frozen.

    The logframe (outputs, indicators, targets) is today's, matched by code; the actuals are
    the approved values the baseline froze; evidence is not frozen, so none is listed."""
    query = select(BaselineProject).where(BaselineProject.baseline_id == baseline.id)
    if entity is not None:
        query = query.where(BaselineProject.entity == entity)
    rows = list(session.scalars(query.order_by(BaselineProject.code)))
    codes = [r.code for r in rows]
    names = dict(session.execute(select(Entity.acronym, Entity.name)).all())
    pillars = dict(session.execute(select(Pillar.code, Pillar.title_en)).all())
    areas = _areas(session, baseline.id)
    outputs = outputs_by_code(session, codes)
    actuals = _actuals(session, baseline.id)
    return [
        t.ProjectRecord(
            code=r.code,
            title=r.title,
            entity_acronym=r.entity,
            entity_name=names.get(r.entity, r.entity),
            pillar=r.pillar,
            pillar_title=pillars.get(r.pillar, ""),
            scope=r.scope,
            status=r.status,
            start_date=r.start_date,
            end_date=r.end_date,
            budget_usd=r.budget_usd,
            gender_marker=r.gender_marker,
            recorded_on=baseline.as_of,
            countries=tuple(c for c in r.countries.split(";") if c),
            thematic_areas=tuple(areas.get(r.code, [])),
            results=results_of(outputs.get(r.code, []), r.code, actuals),
        )
        for r in rows
    ]


def _areas(session: Session, baseline_id: int) -> dict[str, list[str]]:
    """Return the thematic areas of each project's frozen non-confidential needs."""
    query = (
        select(BaselineLink.project_code, BaselineNeed.thematic_area)
        .join(
            BaselineNeed,
            (BaselineNeed.baseline_id == BaselineLink.baseline_id)
            & (BaselineNeed.code == BaselineLink.need_code),
        )
        .where(BaselineLink.baseline_id == baseline_id, BaselineNeed.confidential.is_(False))
        .order_by(BaselineLink.need_code)
    )
    found: dict[str, list[str]] = defaultdict(list)
    for project, area in session.execute(query):
        found[project].append(area)
    return found


def _actuals(session: Session, baseline_id: int) -> ValuesByIndicator:
    """Return the frozen approved values by (project code, indicator code)."""
    v = BaselineValue
    query = (
        select(
            v.project_code,
            v.indicator_code,
            Indicator.measure,
            v.period_key,
            v.value,
            v.numerator,
            v.denominator,
            v.text,
        )  # fmt: skip
        .join(Indicator, Indicator.code == v.indicator_code)
        .where(v.baseline_id == baseline_id)
    )
    found: ValuesByIndicator = defaultdict(list)
    for project, code, measure, key, value, num, den, text in session.execute(query):
        found[(project, code)].append(t.Actual(key, figure(measure, value, num, den), text))
    return found
