"""Load the live portfolio as IATI records in a fixed number of queries, whatever its size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.evidence import Evidence, EvidenceKind
from app.models.logframe import Indicator, Output
from app.models.portfolio import CtedNeed, Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from indicators.shares import HUNDRED
from indicators.types import Measure, ReportStatus
from reports.iati import types as t

ValuesByIndicator = dict[tuple[str, str], list[t.Actual]]


def live_projects(session: Session, entity_id: int | None, base_url: str) -> list[t.ProjectRecord]:
    """Return every project (of one entity, if given) with its results and evidence."""
    query = (
        select(Project)
        .options(
            selectinload(Project.entity),
            selectinload(Project.pillar),
            selectinload(Project.countries),
            selectinload(Project.needs),
        )
        .order_by(Project.code)
    )
    if entity_id is not None:
        query = query.where(Project.entity_id == entity_id)
    projects = list(session.scalars(query))
    ids = [p.id for p in projects]
    outputs = outputs_by_project(session, ids)
    actuals = approved_actuals(session, ids)
    evidence = approved_evidence(session, ids, base_url)
    return [
        t.ProjectRecord(
            code=p.code,
            title=p.title,
            entity_acronym=p.entity.acronym,
            entity_name=p.entity.name,
            pillar=p.pillar_code,
            pillar_title=p.pillar.title_en,
            scope=p.scope,
            status=p.status,
            start_date=p.start_date,
            end_date=p.end_date,
            budget_usd=p.budget_usd,
            gender_marker=p.gender_marker,
            recorded_on=p.created_at.date(),
            countries=tuple(c.iso3 for c in p.countries),
            thematic_areas=public_areas(p.needs),
            results=results_of(outputs.get(p.id, []), p.code, actuals),
            evidence=tuple(evidence.get(p.id, [])),
        )
        for p in projects
    ]


def public_areas(needs: Sequence[CtedNeed]) -> tuple[str, ...]:
    """Return the thematic areas of the non-confidential needs only."""
    return tuple(n.thematic_area for n in needs if not n.confidential)


def outputs_by_project(session: Session, ids: list[int]) -> dict[int, list[Output]]:
    """Return the outputs of the projects with their indicators and targets (three queries)."""
    query = (
        select(Output)
        .where(Output.project_id.in_(ids))
        .options(selectinload(Output.indicators).selectinload(Indicator.targets))
        .order_by(Output.code)
    )
    found: dict[int, list[Output]] = defaultdict(list)
    for output in session.scalars(query):
        found[output.project_id].append(output)
    return found


def outputs_by_code(session: Session, codes: list[str]) -> dict[str, list[Output]]:
    """Return the live outputs of projects named by code (a baseline's projects)."""
    query = (
        select(Project.code, Output)
        .join(Output, Output.project_id == Project.id)
        .where(Project.code.in_(codes))
        .options(selectinload(Output.indicators).selectinload(Indicator.targets))
        .order_by(Output.code)
    )
    found: dict[str, list[Output]] = defaultdict(list)
    for code, output in session.execute(query):
        found[code].append(output)
    return found


def results_of(
    outputs: list[Output], project_code: str, actuals: ValuesByIndicator
) -> tuple[t.ResultRecord, ...]:
    """Return the outputs as IATI results; each indicator carries its approved actuals."""
    return tuple(
        t.ResultRecord(
            code=o.code,
            title=o.title,
            indicators=tuple(
                t.IndicatorRecord(
                    code=i.code,
                    name=i.name,
                    measure=i.measure,
                    direction=i.direction,
                    baseline_value=i.baseline_value,
                    baseline_period=i.baseline_period,
                    baseline_note=i.baseline_note,
                    targets={target.period_key: target.target for target in i.targets},
                    actuals=tuple(actuals.get((project_code, i.code), [])),
                )
                for i in o.indicators
            ),
        )
        for o in outputs
    )


def figure(
    measure: str, value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
) -> Decimal | None:
    """Return the figure the project page shows: a share or ratio from its parts, else the value."""
    if measure in (Measure.PERCENTAGE, Measure.RATIO) and numerator is not None:
        if not denominator:
            return None
        scale = HUNDRED if measure == Measure.PERCENTAGE else Decimal(1)
        return numerator / denominator * scale
    return value


def approved_actuals(session: Session, ids: list[int]) -> ValuesByIndicator:
    """Return the approved values of the projects by (project code, indicator code)."""
    query = (
        select(
            Project.code,
            Indicator.code,
            Indicator.measure,
            ReportingPeriod.key,
            IndicatorValue.value,
            IndicatorValue.numerator,
            IndicatorValue.denominator,
            IndicatorValue.text,
        )
        .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
        .join(Project, Project.id == ProgressReport.project_id)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(Project.id.in_(ids), ProgressReport.status == ReportStatus.APPROVED.value)
    )
    found: ValuesByIndicator = defaultdict(list)
    for project, code, measure, key, value, num, den, text in session.execute(query):
        shown = figure(measure, value, num, den)
        found[(project, code)].append(t.Actual(key, shown, text))
    return found


def approved_evidence(
    session: Session, ids: list[int], base_url: str
) -> dict[int, list[t.Evidence]]:
    """Return the evidence of the projects' approved reports, as download addresses."""
    query = (
        select(Evidence, ProgressReport.project_id)
        .join(ProgressReport, ProgressReport.id == Evidence.report_id)
        .where(ProgressReport.project_id.in_(ids))
        .where(ProgressReport.status == ReportStatus.APPROVED.value)
        .order_by(Evidence.id)
    )
    found: dict[int, list[t.Evidence]] = defaultdict(list)
    for item, project_id in session.execute(query):
        url = f"{base_url.rstrip('/')}/reports/{item.report_id}/evidence/{item.id}"
        is_link = item.kind == EvidenceKind.LINK.value
        kind = "text/html" if is_link else (item.content_type or "application/octet-stream")
        found[project_id].append(t.Evidence(url, item.name, kind, item.added_at.date()))
    return found
