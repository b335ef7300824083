"""Compact-wide sections of the quarterly report: needs, funding, gender, status, annex."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, Table  # type: ignore[import-untyped]

from indicators.i18n import gettext
from indicators.shares import share_or_none
from reports.chart_data import ChartData
from reports.content import (
    ZERO,
    AnnexProject,
    CoverageRow,
    EntityReportStatus,
    FundingSection,
    NeedCoverageSection,
)
from reports.formatting import fmt_millions, fmt_money, fmt_number, fmt_pct, plural
from reports.pdf import styles as s
from reports.pdf.blocks import (
    CELL_PAD,
    cell,
    chart,
    clean,
    heading,
    house_table,
    para,
    section_break,
    text_rows,
    widen,
    widest_line,
    widest_token,
)
from reports.pdf.gender import share_widths
from reports.pdf.paged import PagedTable, RowPainter, RowStyle, plain, row_height, wrap_lines

COVERAGE_HEADERS = ["", "Needs identified", "Needs covered", "Coverage"]


def _widths(*fractions: float) -> list[float]:
    """Share the frame width among columns in proportion to the fractions."""
    return share_widths(*fractions)


def coverage_table(first: str, rows: Sequence[CoverageRow]) -> Table:
    """Lay out need coverage rows under a first-column heading."""
    widths = _widths(0.52, 0.16, 0.16, 0.16)
    data = [
        [r.label, fmt_number(r.needs), fmt_number(r.covered), fmt_pct(r.coverage_pct)] for r in rows
    ]
    return house_table(text_rows([first, *COVERAGE_HEADERS[1:]], data, widths), widths, 1)


def coverage_sentence(cov: NeedCoverageSection) -> str:
    """Say how many needs are answered, and by whose projects (the entity's, in its report)."""
    share = fmt_pct(cov.total.coverage_pct)
    if cov.entity is None:
        return (
            f"{cov.total.covered:,} of the {cov.total.needs:,} technical assistance needs "
            f"identified by CTED are answered by at least one Compact project ({share})."
        )
    return (
        f"{cov.total.covered:,} of the {cov.total.needs:,} technical assistance needs identified "
        f"by CTED (all needs, a Compact-wide total) are answered by at least one of "
        f"{cov.entity}'s projects ({share}). Every table below counts needs Compact-wide and "
        f"needs covered by {cov.entity}'s projects."
    )


def coverage(cov: NeedCoverageSection) -> list[Flowable]:
    """Make the CTED need coverage section; confidential needs appear only as a count."""
    flow: list[Flowable] = [
        heading("Coverage of CTED-identified needs", s.H1, 0, "coverage"),
        para(coverage_sentence(cov)),
    ]
    states = list(cov.by_member_state)
    if cov.confidential_row is not None:
        states.append(cov.confidential_row)
    for title, first, rows in (
        ("By pillar", "Pillar", cov.by_pillar),
        ("By Member State", "Member State", states),
        ("By thematic area", "Thematic area", cov.by_thematic_area),
    ):
        if rows:
            key = "coverage-" + first.lower().replace(" ", "-")
            flow += [heading(title, s.H2, 1, key), coverage_table(first, rows)]
    return [*flow, section_break()]


def funding(section: FundingSection) -> list[Flowable]:
    """Make the funding section: budget, funded and shortfall by entity, and the appeal."""
    flow: list[Flowable] = [heading("Funding and shortfall by entity", s.H1, 0, "funding")]
    rows = section.rows
    if len(rows) > 1:  # one entity's three bars are its table row
        data = ChartData(
            gettext("Budget, funding and shortfall by entity (US$ million)"),
            tuple(r.entity for r in rows),
            (
                (gettext("Budget"), tuple(r.budget / Decimal(1_000_000) for r in rows)),
                (gettext("Funded"), tuple(r.funded / Decimal(1_000_000) for r in rows)),
                (gettext("Shortfall"), tuple(r.shortfall / Decimal(1_000_000) for r in rows)),
            ),
        )
        flow += [chart(data), Spacer(1, 6)]  # the funding table below has its figures
    if rows:
        flow.append(funding_table(section))
    else:
        flow.append(para("No entity reports a budget for this period."))
    if section.appeal is not None:
        a = section.appeal
        flow += [
            heading("Multi-Year Appeal", s.H2, 1, "appeal"),
            para(
                f"{plural(a.project_count, 'project')} of the portfolio (any status but "
                f"cancelled) {'is' if a.project_count == 1 else 'are'} in the Multi-Year Appeal, "
                "as the MYA column counts them. Requirement "
                f"{fmt_millions(a.requirement)}; funded {fmt_millions(a.funded)} "
                f"({fmt_pct(share_or_none(a.funded, a.requirement))}); shortfall "
                f"{fmt_millions(a.shortfall)}."
            ),
        ]
    return [*flow, section_break()]


def funding_table(section: FundingSection) -> Table:
    """Lay out budget, funded, shortfall and appeal projects by entity, with a total."""
    headers = [
        "Entity",
        "Budget (US$)",
        "Funded (US$)",
        "Shortfall (US$)",
        "Funded",
        "MYA projects",
    ]
    widths = _widths(0.25, 0.17, 0.17, 0.17, 0.11, 0.13)
    data = [
        [
            r.entity,
            fmt_money(r.budget),
            fmt_money(r.funded),
            fmt_money(r.shortfall),
            fmt_pct(share_or_none(r.funded, r.budget)),
            fmt_number(r.mya_count),
        ]
        for r in section.rows
    ]
    budget = sum((r.budget for r in section.rows), ZERO)
    funded = sum((r.funded for r in section.rows), ZERO)
    shortfall = sum((r.shortfall for r in section.rows), ZERO)
    mya = sum(r.mya_count for r in section.rows)
    data.append(
        [
            "Total",
            fmt_money(budget),
            fmt_money(funded),
            fmt_money(shortfall),
            fmt_pct(share_or_none(funded, budget)),
            fmt_number(mya),
        ]
    )
    total = [
        ("FONT", (0, -1), (-1, -1), s.BOLD_FONT, 7.5, 9.5),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, s.NAVY),
    ]
    return house_table(text_rows(headers, data, widths), widths, 1, total)


def entity_status(scope: str, rows: Sequence[EntityReportStatus]) -> list[Flowable]:
    """Make the per-entity table of progress report statuses for the period."""
    headers = ["Project", "Title", "Progress report"]
    widths = widen(_widths(0.15, 0.65, 0.20), 0, [r.project_code for r in rows], 1)
    data = [[r.project_code, r.title, r.status.capitalize()] for r in rows]
    flow: list[Flowable] = [heading(f"Progress reports: {scope}", s.H1, 0, "entity-status")]
    if data:
        flow.append(house_table(text_rows(headers, data, widths), widths))
    else:
        flow.append(para("No project of this entity is due to report in this period."))
    return [*flow, section_break()]


ANNEX_HEADERS = [
    "Code",
    "Title",
    "Entity",
    "Pillar",
    "Scope",
    "Status",
    "Budget (US$)",
    "Funded (US$)",
]
ANNEX_WIDTHS = _widths(0.10, 0.34, 0.10, 0.06, 0.11, 0.10, 0.10, 0.10)
TITLE_COLUMN = 1
TITLE_MAX_CHARS = 500


def annex_widths(rows: Sequence[Sequence[str]]) -> list[float]:
    """Give every column but the title the width of its widest cell; the title takes the rest.

    Codes, entities, scopes and amounts are one line each and never cut; titles wrap.
    """
    widths = list(ANNEX_WIDTHS)
    for k in range(len(ANNEX_HEADERS)):
        if k != TITLE_COLUMN:
            column = [ANNEX_HEADERS[k], *(row[k] for row in rows)]
            widths[k] = max(widest_token(column), widest_token([ANNEX_HEADERS[k]], s.BOLD_FONT))
            if k < 6:  # text columns: a whole cell is one line
                widths[k] = max(widths[k], widest_line(row[k] for row in rows))
    rest = s.FRAME_WIDTH - sum(widths) + widths[TITLE_COLUMN]
    widths[TITLE_COLUMN] = max(rest, s.FRAME_WIDTH / 5)
    return widths


def annex(projects: Sequence[AnnexProject]) -> list[Flowable]:
    """Make the annex listing every project, header repeated on every page; titles wrap."""
    texts = [annex_texts(p) for p in projects]
    widths = annex_widths(texts)
    painter = RowPainter(widths, 6, RowStyle(s.BASE_FONT, 7.5, CELL_PAD, s.INK, s.ZEBRA, s.RULE))
    header = [cell(h, w, s.CELL_HEAD) for h, w in zip(ANNEX_HEADERS, widths, strict=True)]
    rows: list[list[object]] = [header, *(annex_cells(row, widths) for row in texts)]
    heights = [row_height(r, widths, CELL_PAD) for r in rows]

    def page(part: list[list[object]], part_heights: list[float]) -> Table:
        return house_table(part, widths, numeric_from=6, row_heights=part_heights)

    return [
        heading("Annex: projects of the Compact entities", s.H1, 0, "annex"),
        para(f"{plural(len(projects), 'project')}."),
        PagedTable(rows, heights, page, painter),
    ]


def annex_texts(p: AnnexProject) -> list[str]:
    """Return one annex line's texts, in the order of ANNEX_HEADERS."""
    return [
        clean(p.code), clean(" ".join(p.title.split())), clean(p.entity), p.pillar.value,
        p.scope.value.capitalize(), p.status.value.capitalize(),
        fmt_money(p.budget), fmt_money(p.funded),
    ]  # fmt: skip


def annex_cells(texts: list[str], widths: Sequence[float]) -> list[object]:
    """Make one annex line: plain one-line strings, and a wrapping title when it is long."""
    out: list[object] = list(texts)
    title = texts[TITLE_COLUMN]
    if len(title) > TITLE_MAX_CHARS:  # no real title is this long; a row stays under a page
        title = title[:TITLE_MAX_CHARS].rstrip() + "\u2026"
    out[TITLE_COLUMN] = title
    if not plain(title):  # the CJK font and break-anywhere wrapping: a paragraph
        out[TITLE_COLUMN] = cell(title)
    elif not fits_line(title, widths[TITLE_COLUMN]):
        out[TITLE_COLUMN] = wrap_lines(title, widths[TITLE_COLUMN] - 2 * CELL_PAD, s.BASE_FONT, 7.5)
    for k, text in enumerate(texts):
        if k != TITLE_COLUMN and not plain(text):
            out[k] = cell(text)
    return out


def fits_line(text: str, width: float) -> bool:
    """Tell whether text fits one line of a column of this width in the annex's font."""
    return bool(stringWidth(text, s.BASE_FONT, 7.5) <= width - 2 * CELL_PAD)
