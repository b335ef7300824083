"""The seed funding block: projects the Trust Fund seed-funded, per year, with their costs.

`seed_funding(sections)` returns flowables for any report: a summary table (year, projects,
total in US$) and, for each year, its projects with their costs and the year's total.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Table  # type: ignore[import-untyped]

from indicators.i18n import N_
from reports import counted
from reports.content import ZERO, SeedFundingSection
from reports.formatting import fmt_money, fmt_number
from reports.localized import gettext
from reports.pdf import styles as s
from reports.pdf.blocks import heading, house_table, para, text_rows

TITLE = N_("Seed funding from the Trust Fund")
TOTAL_ROW = ("FONT", (0, -1), (-1, -1), s.BOLD_FONT, 7.5, 9.5)


def projects(count: int) -> str:
    """Say "1 project" or "9 projects"."""
    return counted.project_figure(count)


def seed_funding(sections: Sequence[SeedFundingSection]) -> list[Flowable]:
    """Make the seed funding block: the summary by year, then each year's projects."""
    flow: list[Flowable] = [heading(gettext(TITLE), s.H1, 0, "seed-funding")]
    if not sections:
        return [*flow, para(gettext("No seed funding from the Trust Fund is recorded."))]
    flow.append(summary_table(sections))
    with_entity = any(line.entity for section in sections for line in section.projects)
    for section in sections:
        flow.append(
            heading(
                gettext(
                    "%(year)s: %(projects)s, US$ %(total)s",
                    year=str(section.year),
                    projects=projects(section.project_count),
                    total=fmt_money(section.total),
                ),
                s.H2,
                1,
                f"seed-funding-{section.year}",
            )
        )
        flow.append(project_table(section, with_entity))
    return flow


def summary_table(sections: Sequence[SeedFundingSection]) -> Table:
    """Lay out year, projects and total (US$), with a total row over several years."""
    widths = [s.FRAME_WIDTH * f for f in (0.30, 0.30, 0.40)]
    rows = [[str(x.year), fmt_number(x.project_count), fmt_money(x.total)] for x in sections]
    extra: list[tuple[object, ...]] = []
    if len(sections) > 1:
        count = sum(x.project_count for x in sections)
        rows.append(
            [gettext("Total"), fmt_number(count), fmt_money(sum((x.total for x in sections), ZERO))]
        )
        extra.append(TOTAL_ROW)
    headers = [gettext("Year"), gettext("Projects"), gettext("Total (US$)")]
    data = text_rows(headers, rows, widths)
    return house_table(data, widths, numeric_from=1, extra=extra)


def project_table(section: SeedFundingSection, with_entity: bool) -> Table:
    """Lay out one year's projects (title, entity when known, cost) and the year's total."""
    fractions = (0.66, 0.14, 0.20) if with_entity else (0.78, 0.22)
    widths = [s.FRAME_WIDTH * f for f in fractions]
    headers = [gettext("Project"), gettext("Entity"), gettext("Cost (US$)")]
    if not with_entity:
        del headers[1]
    rows = []
    for line in section.projects:
        entity = [line.entity or "\u2013"] if with_entity else []
        rows.append([line.title, *entity, fmt_money(line.cost)])
    blank = [""] if with_entity else []
    total = gettext("Total %(year)s", year=str(section.year))
    rows.append([total, *blank, fmt_money(section.total)])
    data = text_rows(headers, rows, widths)
    return house_table(data, widths, numeric_from=len(widths) - 1, extra=[TOTAL_ROW])
