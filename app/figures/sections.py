"""Report sections shared by the baseline and the quarterly report, from aggregate queries.

Pillars (projects, budget, scope and status mixes), funding by entity with the Multi-Year
Appeal, CTED need coverage, the gender marker and the annex of projects. The quarterly report
adds its indicator rows and highlights to the pillar sections; the baseline report shows them
without.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.figures import section_queries as q
from app.figures.data_source import Source
from app.marks import N_
from app.models.reference import Pillar
from indicators.coverage import Coverage, NeedCoverage
from indicators.types import Pillar as PillarCode
from indicators.types import ProjectStatus, Scope
from reports import content as m

GENDER = {
    0: N_("Does not contribute to gender equality"),
    1: N_("Contributes in a limited way"),
    2: N_("Gender equality is a significant objective"),
    3: N_("Gender equality is the principal objective"),
}
# Paragraph 67's target is for projects whose principal objective is gender equality.
TARGET_MARKER = 3


def pillars(
    session: Session,
    source: Source,
    indicators: Mapping[str, Sequence[m.IndicatorLine]] | None = None,
    highlights: Mapping[str, Sequence[m.Highlight]] | None = None,
) -> list[m.PillarSection]:
    """Return one section per pillar, in the Strategy's order, with its portfolio figures."""
    rows = q.pillar_rows(session, source)
    found = session.scalars(select(Pillar).order_by(Pillar.position)).all()
    return [
        _pillar(
            p,
            [r for r in rows if r[0] == p.code],
            (indicators or {}).get(p.code, ()),
            (highlights or {}).get(p.code, ()),
        )
        for p in found
    ]


def _pillar(
    pillar: Pillar,
    rows: list[q.PillarRow],
    indicators: Sequence[m.IndicatorLine],
    highlights: Sequence[m.Highlight],
) -> m.PillarSection:
    by_scope: dict[Scope, int] = defaultdict(int)
    by_status: dict[ProjectStatus, int] = defaultdict(int)
    for _, scope, status, count, _, _ in rows:
        by_scope[Scope(scope)] += count
        by_status[ProjectStatus(status)] += count
    return m.PillarSection(
        pillar=PillarCode(pillar.code),
        title_en=pillar.title_en,
        title_zh=pillar.title_zh,
        project_count=sum(r[3] for r in rows),
        budget=sum((Decimal(r[4] or 0) for r in rows), Decimal(0)),
        funded=sum((Decimal(r[5] or 0) for r in rows), Decimal(0)),
        rows=list(indicators),
        highlights=list(highlights),
        by_scope=dict(by_scope),
        by_status=dict(by_status),
    )


def funding(session: Session, source: Source) -> m.FundingSection:
    """Return active budget and funding by entity, and the Multi-Year Appeal's totals."""
    rows = [m.EntityFunding(e, b, f, n) for e, b, f, n in q.entity_rows(session, source)]
    count, requirement, funded = q.appeal_row(session, source)
    return m.FundingSection(rows, m.MultiYearAppeal(count, requirement, funded))


def coverage(needs: NeedCoverage) -> m.NeedCoverageSection:
    """Return need coverage by pillar, Member State and area; confidential needs only counted."""

    def rows(groups: Mapping[str, Coverage]) -> list[m.CoverageRow]:
        return [
            m.CoverageRow(k, c.total, c.addressed) for k, c in groups.items() if k != "confidential"
        ]

    hidden = needs.by_member_state.get("confidential")
    return m.NeedCoverageSection(
        total=m.CoverageRow(N_("All needs"), needs.total, needs.addressed),
        by_pillar=rows(needs.by_pillar),
        by_member_state=rows(needs.by_member_state),
        by_thematic_area=rows(needs.by_thematic_area),
        confidential_needs=hidden.total if hidden else 0,
        confidential_covered=hidden.addressed if hidden else 0,
    )


def gender(session: Session, source: Source) -> m.GenderSection:
    """Return projects and budget by gender marker; only marker 3 counts toward the target."""
    shares = [
        m.GenderShare(
            f"GEN-{g}" if g is not None else "Unknown",
            GENDER.get(g, N_("Not marked")) if g is not None else N_("Not marked"),
            n,
            b,
            counts_toward_target=g == TARGET_MARKER,
        )
        for g, n, b in sorted(
            q.gender_rows(session, source), key=lambda r: -1 if r[0] is None else r[0]
        )
    ]
    return m.GenderSection(shares)


def annex(session: Session, source: Source) -> list[m.AnnexProject]:
    """Return every portfolio project for the annex, by pillar and code."""
    return [
        m.AnnexProject(
            code,
            title,
            entity,
            PillarCode(pillar),
            Scope(scope),
            ProjectStatus(status),
            Decimal(budget),
            Decimal(funded),
        )
        for code, title, entity, pillar, scope, status, budget, funded in q.annex_rows(
            session, source
        )
    ]
