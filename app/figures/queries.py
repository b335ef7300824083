"""Aggregate queries behind every figure: a fixed number of GROUP BYs, whatever the size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, Row, case, func, select, union_all
from sqlalchemy.orm import Session, aliased

from app.figures.data_source import CANCELLED, AnySelect, Source
from app.models.baselines import COMPACT_LEVEL, BaselineValue
from app.models.logframe import Indicator, Outcome, Output
from app.models.outcome_values import OutcomeReport, OutcomeValue
from app.models.portfolio import Project
from app.models.progress import IndicatorValue, ProgressReport, ReportingPeriod
from app.paging import count as count_rows
from indicators.coverage import NeedGroup
from indicators.cumulation import PeriodValue
from indicators.periods import PeriodKey
from indicators.portfolio import PortfolioTally, ProjectFacts
from indicators.types import ACTIVE_STATUSES, ProjectStatus, ReportStatus

ACTIVE = tuple(s.value for s in ACTIVE_STATUSES)
COMPLETED = ProjectStatus.COMPLETED.value
Sum = ColumnElement[Decimal | None]


def tally(session: Session, source: Source) -> PortfolioTally:
    """Count and sum the source's portfolio (cancelled excluded) in three grouped queries."""
    p = source.projects()
    in_portfolio = p.c.status != CANCELLED
    active = p.c.status.in_(ACTIVE)
    rows = session.execute(
        select(
            p.c.pillar,
            p.c.scope,
            p.c.status,
            func.count(),
            func.sum(case((active, p.c.budget_usd), else_=0)),
            func.sum(case((p.c.status == COMPLETED, p.c.budget_usd), else_=0)),
            func.sum(case((active, p.c.funded_usd), else_=0)),
            func.sum(case((p.c.in_multi_year_appeal.is_(True), 1), else_=0)),
        )
        .where(in_portfolio)
        .group_by(p.c.pillar, p.c.scope, p.c.status)
    ).all()
    by_entity = {
        entity: n
        for entity, n in session.execute(
            select(p.c.entity, func.count()).where(in_portfolio).group_by(p.c.entity)
        )
    }
    by_gender = {
        ("unknown" if g is None else str(g)): n
        for g, n in session.execute(
            select(p.c.gender_marker, func.count()).where(in_portfolio).group_by(p.c.gender_marker)
        )
    }
    return _tally_from_rows(rows, by_entity, by_gender)


def _tally_from_rows(
    rows: Sequence[Row[*tuple[Any, ...]]], by_entity: dict[str, int], by_gender: dict[str, int]
) -> PortfolioTally:
    pillar: Counter[str] = Counter()
    scope: Counter[str] = Counter()
    status: Counter[str] = Counter()
    money = [Decimal(0), Decimal(0), Decimal(0)]
    mya = 0
    for pil, sco, sta, count, budget_active, budget_completed, funded_active, in_mya in rows:
        pillar[pil] += count
        scope[sco] += count
        status[sta] += count
        for i, amount in enumerate((budget_active, budget_completed, funded_active)):
            money[i] += Decimal(amount or 0)
        mya += int(in_mya or 0)
    return PortfolioTally(
        projects=sum(status.values()),
        by_pillar=dict(pillar),
        by_scope=dict(scope),
        by_status=dict(status),
        by_entity=by_entity,
        budget_active=money[0],
        budget_completed=money[1],
        funded_active=money[2],
        in_multi_year_appeal=mya,
        by_gender_marker=by_gender,
    )


def need_groups(session: Session, source: Source) -> list[NeedGroup]:
    """Count the source's needs, and those addressed, per pillar, state, area and secrecy."""
    n = source.needs()
    keys = (n.c.pillar, n.c.member_state, n.c.thematic_area, n.c.confidential)
    addressed = func.sum(case((n.c.addressed, 1), else_=0))
    stmt = select(*keys, func.count(), addressed).group_by(*keys)
    return [
        NeedGroup(pillar, state, area, bool(secret), total, int(hit or 0))
        for pillar, state, area, secret, total, hit in session.execute(stmt)
    ]


def project_statuses(session: Session, source: Source) -> dict[str, str]:
    """Return every project code of the source with its status (cancelled included)."""
    p = source.projects()
    return dict(session.execute(select(p.c.code, p.c.status)).tuples().all())


def portfolio_moves(session: Session, old: Source, new: Source) -> tuple[int, int, int]:
    """Count, in one statement, the projects added from `old` to `new`, those removed (a
    cancelled project counts as absent) and the status changes of the projects in both: what
    `indicators.compare.changes` counts, without reading every project's code."""
    o, n = old.projects("old_src"), new.projects("new_src")

    def absent(here: Any, there: Any) -> Any:
        kept = there.c.status != CANCELLED
        joined = here.outerjoin(there, (there.c.code == here.c.code) & kept)
        stmt = select(func.count()).select_from(joined)
        return stmt.where(here.c.status != CANCELLED, there.c.code.is_(None)).scalar_subquery()

    both = n.join(o, o.c.code == n.c.code)
    changed = select(func.count()).select_from(both).where(o.c.status != n.c.status)
    row = session.execute(select(absent(n, o), absent(o, n), changed.scalar_subquery())).one()
    return int(row[0]), int(row[1]), int(row[2])


def project_facts(session: Session, source: Source) -> list[ProjectFacts]:
    """Return every project of the source as facts (for comparisons and drill-downs)."""
    p = source.projects()
    stmt = select(
        p.c.code,
        p.c.entity,
        p.c.pillar,
        p.c.scope,
        p.c.status,
        p.c.budget_usd,
        p.c.funded_usd,
        p.c.in_multi_year_appeal,
        p.c.gender_marker,
    )
    return [
        ProjectFacts(
            code, entity, pillar, scope, status, Decimal(budget), Decimal(funded), bool(mya), gender
        )
        for code, entity, pillar, scope, status, budget, funded, mya, gender in session.execute(
            stmt
        )
    ]


def money_by_entity(session: Session, source: Source) -> dict[str, tuple[Decimal, Decimal]]:
    """Sum the active projects' budget and funding per entity, in one grouped query."""
    p = source.projects()
    stmt = (
        select(p.c.entity, func.sum(p.c.budget_usd), func.sum(p.c.funded_usd))
        .where(p.c.status.in_(ACTIVE))
        .group_by(p.c.entity)
        .order_by(p.c.entity)
    )
    return {
        entity: (Decimal(budget or 0), Decimal(funded or 0))
        for entity, budget, funded in session.execute(stmt)
    }


def project_list(
    session: Session, source: Source, status: str, page: int, per_page: int
) -> tuple[list[Row[Any]], int]:
    """Return one page of the source's projects and the count of the whole list.

    An empty status means the portfolio (cancelled excluded); "active" means pipeline, ongoing
    or suspended; any other value is matched exactly.
    """
    p = source.projects()
    where: ColumnElement[bool]
    if status == "active":
        where = p.c.status.in_(ACTIVE)
    elif status:
        where = p.c.status == status
    else:
        where = p.c.status != CANCELLED
    total = count_rows(session, select(p).where(where))  # kept until a write: the next page's too
    stmt = select(p).where(where).order_by(p.c.code).limit(per_page).offset((page - 1) * per_page)
    return list(session.execute(stmt)), total


def project_titles(session: Session, source: Source, codes: list[str]) -> dict[str, Row[Any]]:
    """Return the source's rows of the given project codes, in one query."""
    if not codes:
        return {}
    p = source.projects()
    return {row.code: row for row in session.execute(select(p).where(p.c.code.in_(codes)))}


def _definitions(pillar: str) -> AnySelect:
    """Select the outcome and output indicators with their pillar, ordered by pillar and code."""
    outcome, output_outcome = aliased(Outcome), aliased(Outcome)
    pillar_of = func.coalesce(outcome.pillar_code, output_outcome.pillar_code, Project.pillar_code)
    stmt = (
        select(
            pillar_of.label("pillar"),
            case((Indicator.outcome_id.is_not(None), "outcome"), else_="output").label("level"),
            Indicator.code,
            Indicator.name,
            Indicator.unit,
            Indicator.measure,
            Indicator.cumulation,
            Indicator.baseline_value,
            Indicator.life_target,
            Indicator.disaggregation,
        )
        .outerjoin(outcome, outcome.id == Indicator.outcome_id)
        .outerjoin(Output, Output.id == Indicator.output_id)
        .outerjoin(output_outcome, output_outcome.id == Output.outcome_id)
        .outerjoin(Project, Project.id == Output.project_id)
        .order_by(pillar_of, Indicator.code, Indicator.id)
    )
    return stmt.where(pillar_of == pillar) if pillar else stmt


def definitions_select(pillar: str) -> AnySelect:
    """Select the indicators indicator_definitions lists, in its order (pillar, code)."""
    return _definitions(pillar)


def indicator_definitions(
    session: Session, pillar: str, limit: int | None = None, offset: int = 0
) -> list[Row[Any]]:
    """Return outcome and output indicators with their pillar (a slice of them), in one query."""
    return list(session.execute(_definitions(pillar).limit(limit).offset(offset)))


def count_indicators(session: Session, pillar: str) -> int:
    """Count the indicators indicator_definitions lists, in one query."""
    listed = _definitions(pillar).order_by(None).subquery()
    return int(session.scalar(select(func.count()).select_from(listed)) or 0)


def approved_values_by_code(
    session: Session, source: Source, codes: Sequence[str] | None = None
) -> dict[str, list[PeriodValue]]:
    """Return the approved values of the source's projects per indicator code and period.

    Unfiltered by entity, scope or Member State, the Working Group's outcome values count too.

    Values of several projects for one indicator and period are added up (numerators and
    denominators separately), in one grouped query; only for `codes` when given.
    """
    stmt = approved_values_select(source, codes)
    found: dict[str, list[PeriodValue]] = {}
    periods: dict[str, PeriodKey] = {}  # a few quarters over many rows: parse each once
    # Plain rows through the connection: the ORM's row processing doubled this query's time.
    for code, key, value, numerator, denominator in session.connection().execute(stmt).all():
        period = periods.get(key) or periods.setdefault(key, PeriodKey.parse(key))
        found.setdefault(code, []).append(PeriodValue(period, value, numerator, denominator))
    return found


def approved_values_select(
    source: Source, codes: Sequence[str] | None = None
) -> AnySelect | CompoundSelect[Any]:
    """Select what approved_values_by_code reads: code, period, value, numerator, denominator."""
    stmt: AnySelect | CompoundSelect[Any] = _project_values(source, codes)
    if source.filters.compact_level:
        stmt = union_all(stmt, _outcome_values(source, codes))
    return stmt


def _project_values(source: Source, codes: Sequence[str] | None) -> AnySelect:
    """Select the source's projects' approved values per indicator code and period."""
    p = source.projects()
    if source.live:
        stmt = (
            select(Indicator.code, ReportingPeriod.key, *_value_sums(IndicatorValue))
            .join(ProgressReport, ProgressReport.id == IndicatorValue.report_id)
            .join(ReportingPeriod, ReportingPeriod.id == ProgressReport.period_id)
            .join(Project, Project.id == ProgressReport.project_id)
            .join(p, p.c.code == Project.code)
            .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
            .where(ProgressReport.status == ReportStatus.APPROVED.value)
            .group_by(Indicator.code, ReportingPeriod.key)
        )
        return stmt if codes is None else stmt.where(Indicator.code.in_(codes))
    bv = BaselineValue  # a baseline froze approved values only
    stmt = (
        select(bv.indicator_code, bv.period_key, *_value_sums(bv))
        .join(p, p.c.code == bv.project_code)
        .where(bv.baseline_id == source.baseline_id)
        .group_by(bv.indicator_code, bv.period_key)
    )
    return stmt if codes is None else stmt.where(bv.indicator_code.in_(codes))


def _outcome_values(source: Source, codes: Sequence[str] | None) -> AnySelect:
    """Select the approved (or frozen) outcome values per indicator code and period."""
    if source.live:
        v = OutcomeValue
        stmt = (
            select(Indicator.code, ReportingPeriod.key, *_value_sums(v))
            .join(OutcomeReport, OutcomeReport.id == v.report_id)
            .join(ReportingPeriod, ReportingPeriod.id == OutcomeReport.period_id)
            .join(Indicator, Indicator.id == v.indicator_id)
            .where(OutcomeReport.status == ReportStatus.APPROVED.value)
            .group_by(Indicator.code, ReportingPeriod.key)
        )
        return stmt if codes is None else stmt.where(Indicator.code.in_(codes))
    bv = BaselineValue
    stmt = (
        select(bv.indicator_code, bv.period_key, *_value_sums(bv))
        .where(bv.baseline_id == source.baseline_id, bv.project_code == COMPACT_LEVEL)
        .group_by(bv.indicator_code, bv.period_key)
    )
    return stmt if codes is None else stmt.where(bv.indicator_code.in_(codes))


def _value_sums(
    model: type[IndicatorValue] | type[OutcomeValue] | type[BaselineValue],
) -> tuple[Sum, Sum, Sum]:
    return (func.sum(model.value), func.sum(model.numerator), func.sum(model.denominator))
