"""Aggregate queries behind every figure: a fixed number of GROUP BYs, whatever the size."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.analysis.sources import CANCELLED, Source
from indicators.coverage import NeedFacts
from indicators.portfolio import PortfolioTally, ProjectFacts
from indicators.types import ACTIVE_STATUSES, ProjectStatus

ACTIVE = tuple(s.value for s in ACTIVE_STATUSES)
COMPLETED = ProjectStatus.COMPLETED.value


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
    by_entity = dict(
        session.execute(
            select(p.c.entity, func.count()).where(in_portfolio).group_by(p.c.entity)
        ).all()
    )
    by_gender = {
        ("unknown" if g is None else str(g)): n
        for g, n in session.execute(
            select(p.c.gender_marker, func.count()).where(in_portfolio).group_by(p.c.gender_marker)
        )
    }
    return _tally_from_rows(rows, by_entity, by_gender)


def _tally_from_rows(
    rows: list,
    by_entity: dict[str, int],
    by_gender: dict[str, int],  # type: ignore[type-arg]
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


def need_facts(session: Session, source: Source) -> tuple[list[NeedFacts], frozenset[str]]:
    """Return the source's needs and the codes of those a portfolio project addresses."""
    n = source.needs()
    facts, addressed = [], set()
    for code, state, pillar, area, confidential, linked in session.execute(select(n)):
        facts.append(NeedFacts(code, state, pillar, area, bool(confidential)))
        if linked:
            addressed.add(code)
    return facts, frozenset(addressed)


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
