"""Sample reports, clearly labelled as such, for the app's demo and the renderer tests."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from indicators.types import AchievementStatus, Pillar, ProjectStatus, ReportStatus, Scope
from reports.baseline_content import (
    MONEY,
    PCT,
    BaselineChanges,
    BaselineModel,
    Figure,
    FigureDelta,
    RemovedProject,
    StatusTransition,
)
from reports.content import (
    AnnexProject,
    CoverageRow,
    EntityFunding,
    EntityReportStatus,
    FundingSection,
    GenderSection,
    GenderShare,
    Highlight,
    IndicatorLine,
    MultiYearAppeal,
    NeedCoverageSection,
    PillarSection,
    ProjectRef,
    QuarterlyReport,
    StatusChange,
    SummaryFigure,
)

PILLAR_TITLES = {
    Pillar.I: (
        "Measures to address the conditions conducive to the spread of terrorism",
        "消除恐怖主义蔓延条件的措施",
    ),
    Pillar.II: ("Measures to prevent and combat terrorism", "防止和打击恐怖主义的措施"),
    Pillar.III: (
        "Measures to build States' capacity to prevent and combat terrorism",
        "建立各国防止和打击恐怖主义的能力的措施",
    ),
    Pillar.IV: (
        "Measures to ensure respect for human rights and the rule of law",
        "确保尊重人权和法治的措施",
    ),
}
ENTITIES = ("UNOCT", "UNODC", "UNDP", "UNESCO", "OHCHR", "UN Women", "INTERPOL", "ICAO", "IOM")
M = Decimal(1_000_000)


def headlines() -> list[SummaryFigure]:
    """Return the sample's headline figures."""
    return [
        SummaryFigure("Projects in the portfolio", 412, "+12", "+37"),
        SummaryFigure("Budget (US$ million)", Decimal("684.2"), "+21.4", "+58.9"),
        SummaryFigure("Funded (US$ million)", Decimal("431.7"), "+9.8", "+40.2"),
        SummaryFigure("CTED-identified needs covered", "61 %", "+2 points", "+9 points"),
        SummaryFigure("Indicators on track", "58 %", "+4 points", None),
    ]


def indicator_rows(pillar: Pillar) -> list[IndicatorLine]:
    """Return three sample indicator rows for a pillar, one per traffic-light colour."""
    p = pillar.value
    return [
        IndicatorLine(
            f"{p}.1.1",
            "Officials trained in the use of the Strategy's guidance",
            "persons",
            Decimal(0),
            Decimal(1200),
            Decimal(300),
            Decimal(1040),
            Decimal("86.7"),
            AchievementStatus.ON_TRACK,
        ),
        IndicatorLine(
            f"{p}.1.2",
            "Member States with a national action plan adopted",
            "States",
            Decimal(12),
            Decimal(30),
            Decimal(18),
            Decimal(22),
            Decimal("55.6"),
            AchievementStatus.AT_RISK,
            pending="24 (2019Q3)",
        ),
        IndicatorLine(
            f"{p}.2.1",
            "Share of requests answered within 60 days",
            "%",
            Decimal(40),
            Decimal(80),
            Decimal(60),
            Decimal("46.5"),
            Decimal("16.3"),
            AchievementStatus.OFF_TRACK,
        ),
        IndicatorLine(
            f"{p}.2.2",
            "Regional workshops held on the Compact's priorities",
            "workshops",
            Decimal(4),
            Decimal(4),
            None,
            None,
            None,
            AchievementStatus.NOT_ASSESSED,
        ),
    ]


def pillar(pillar: Pillar, index: int) -> PillarSection:
    """Return a sample pillar section."""
    title_en, title_zh = PILLAR_TITLES[pillar]
    return PillarSection(
        pillar=pillar,
        title_en=title_en,
        title_zh=title_zh,
        project_count=80 + 17 * index,
        budget=Decimal(150 + 20 * index) * M,
        funded=Decimal(90 + 15 * index) * M,
        rows=indicator_rows(pillar),
        highlights=[
            Highlight(
                f"{ENTITIES[index]}-2019-0{index + 1}",
                "Support to national strategies",
                "Two Member States adopted national strategies with the project's support."
                "\n\nA third strategy is before parliament.",
            ),
        ],
        by_scope={
            Scope.GLOBAL: 20 + index,
            Scope.INTERREGIONAL: 8,
            Scope.REGIONAL: 25,
            Scope.NATIONAL: 27 + 16 * index,
        },
        by_status={
            ProjectStatus.PIPELINE: 10,
            ProjectStatus.ONGOING: 55 + 15 * index,
            ProjectStatus.SUSPENDED: 3,
            ProjectStatus.COMPLETED: 12 + 2 * index,
        },
    )


def coverage() -> NeedCoverageSection:
    """Return sample CTED need coverage, with confidential needs as a count only."""
    return NeedCoverageSection(
        total=CoverageRow("All needs", 552, 337),
        by_pillar=[
            CoverageRow(f"Pillar {p.value}", 100 + 20 * i, 60 + 15 * i)
            for i, p in enumerate(Pillar)
        ],
        by_member_state=[
            CoverageRow("Member State A", 24, 18),
            CoverageRow("Member State B", 17, 9),
        ],
        by_thematic_area=[
            CoverageRow("Border management", 88, 60),
            CoverageRow("Countering the financing of terrorism", 74, 41),
        ],
        confidential_needs=31,
        confidential_covered=12,
    )


def annex(count: int, seed: int = 2019) -> list[AnnexProject]:
    """Return count sample annex projects, the same ones for the same seed."""
    rnd = random.Random(seed)
    out = []
    for n in range(1, count + 1):
        budget = Decimal(rnd.randrange(100, 20_000)) * 1000
        entity = ENTITIES[n % len(ENTITIES)]
        out.append(
            AnnexProject(
                f"{entity.replace(' ', '')}-{n:04d}",
                f"Project {n}: capacity building for "
                f"{rnd.choice(['border security', 'prison management', 'victims of terrorism'])}",
                entity,
                list(Pillar)[n % 4],
                list(Scope)[n % 4],
                list(ProjectStatus)[n % 4],
                budget,
                (budget * rnd.randrange(0, 101) / 100).quantize(Decimal(1)),
            )
        )
    return out


def funding() -> FundingSection:
    """Return sample funding by entity and Multi-Year Appeal totals."""
    rows = [
        EntityFunding(e, Decimal(30 + 11 * i) * M, Decimal(18 + 6 * i) * M, i % 3)
        for i, e in enumerate(ENTITIES)
    ]
    return FundingSection(rows, MultiYearAppeal(14, Decimal(96) * M, Decimal("41.5") * M))


def gender() -> GenderSection:
    """Return sample gender marker shares."""
    return GenderSection(
        [
            GenderShare("GEN-0", "No contribution to gender equality", 61, Decimal(120) * M),
            GenderShare("GEN-1", "Limited contribution", 190, Decimal(380) * M),
            GenderShare(
                "GEN-2", "Gender equality is a significant objective", 130, Decimal(150) * M, False
            ),
            GenderShare(
                "GEN-3", "Gender equality is the principal objective", 31, Decimal("34.2") * M, True
            ),
        ]
    )


def sample_quarterly(*, draft: bool = False, annex_size: int = 40) -> QuarterlyReport:
    """Return a complete, Compact-wide sample quarterly report for 2019Q3."""
    return QuarterlyReport(
        title="Quarterly progress report to Member States, third quarter 2019 (sample)",
        period_key="2019Q3",
        as_of=date(2019, 9, 30),
        issue_date=date(2019, 10, 15),
        scope_label="Compact-wide",
        draft=draft,
        headlines=headlines(),
        pillars=[pillar(p, i) for i, p in enumerate(Pillar)],
        funding=funding(),
        baseline_label="2019-08 baseline",
        coverage=coverage(),
        gender=gender(),
        annex=annex(annex_size),
    )


def sample_entity_quarterly(*, draft: bool = True) -> QuarterlyReport:
    """Return a sample per-entity report with the status of each project's progress report."""
    base = sample_quarterly(draft=draft, annex_size=6)
    statuses = list(ReportStatus)
    return QuarterlyReport(
        **{
            **base.__dict__,
            "scope_label": "UNOCT - United Nations Office of Counter-Terrorism",
            "entity_status": [
                EntityReportStatus(f"UNOCT-{n:04d}", f"Project {n}", statuses[n % 4])
                for n in range(1, 6)
            ],
        },
    )


def sample_baseline() -> BaselineModel:
    """Return a sample baseline report compared with the live portfolio."""
    return BaselineModel(
        title="Baseline of the Compact portfolio, August 2019 (sample)",
        label="2019-08",
        as_of=date(2019, 8, 31),
        frozen_on=date(2019, 9, 3),
        issue_date=date(2019, 10, 15),
        sha256="9f2c" * 16,
        headlines=[
            Figure("projects", "Projects mapped", 412),
            Figure("budget_usd", "Budget (US$)", Decimal("684200000"), MONEY),
            Figure("cted_needs_coverage_pct", "Need coverage", Decimal("60.5"), PCT),
        ],
        comparison=BaselineChanges(
            label="live portfolio on 2019-10-01",
            as_of=date(2019, 10, 1),
            projects=400,
            added=[ProjectRef("UNODC-0413", "Maritime security in the Gulf of Guinea", "UNODC")],
            removed=[
                RemovedProject(ProjectRef("UNDP-0102", "Early-warning pilot", "UNDP"), "cancelled")
            ],
            carried_over=399,
            transitions=[StatusTransition(ProjectStatus.PIPELINE, ProjectStatus.ONGOING, 1)],
            status_changes=[
                StatusChange(
                    "UNOCT-0007",
                    "Victims support hub",
                    ProjectStatus.PIPELINE,
                    ProjectStatus.ONGOING,
                )
            ],
            deltas=[
                FigureDelta("projects", "Projects mapped", 412, 400),
                FigureDelta(
                    "budget_usd", "Budget (US$)", Decimal("684200000"), Decimal("625300000"), MONEY
                ),
                FigureDelta(
                    "cted_needs_coverage_pct",
                    "Need coverage",
                    Decimal("60.5"),
                    Decimal("58.0"),
                    PCT,
                ),
            ],
        ),
    )
