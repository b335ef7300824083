"""Compact-wide sections of the quarterly report: needs, funding, gender, status, annex."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Spacer, Table  # type: ignore[import-untyped]

from indicators.i18n import N_
from indicators.shares import share_or_none
from reports import counted
from reports.chart_data import ChartData
from reports.content import (
    ZERO,
    AnnexProject,
    CoverageRow,
    EntityReportStatus,
    FundingSection,
    MultiYearAppeal,
    NeedCoverageSection,
)
from reports.formatting import fmt_millions, fmt_money, fmt_number, fmt_pct
from reports.localized import gettext, ngettext
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
from reports.sentence_words import label, report_status

COVERAGE_HEADERS = ["", N_("Needs identified"), N_("Needs covered"), N_("Coverage")]


def _widths(*fractions: float) -> list[float]:
    """Share the frame width among columns in proportion to the fractions."""
    return share_widths(*fractions)


def coverage_table(first: str, rows: Sequence[CoverageRow]) -> Table:
    """Lay out need coverage rows under a first-column heading."""
    widths = _widths(0.52, 0.16, 0.16, 0.16)
    data = [
        [r.label, fmt_number(r.needs), fmt_number(r.covered), fmt_pct(r.coverage_pct)] for r in rows
    ]
    return house_table(
        text_rows([first, *(gettext(h) for h in COVERAGE_HEADERS[1:])], data, widths), widths, 1
    )


def coverage_sentence(cov: NeedCoverageSection) -> str:
    """Say how many needs are answered, and by whose projects (the entity's, in its report)."""
    share = fmt_pct(cov.total.coverage_pct)
    values = {
        "covered": fmt_number(cov.total.covered),
        "needs": fmt_number(cov.total.needs),
        "share": share,
        "entity": cov.entity or "",
    }
    if cov.entity is None:
        return gettext(
            "%(covered)s of the %(needs)s technical assistance needs identified by CTED are "
            "answered by at least one Compact project (%(share)s).",
            **values,
        )
    return gettext(
        "%(covered)s of the %(needs)s technical assistance needs identified by CTED (all needs, "
        "a Compact-wide total) are answered by at least one of %(entity)s's projects "
        "(%(share)s). Every table below counts needs Compact-wide and needs covered by "
        "%(entity)s's projects.",
        **values,
    )


def coverage(cov: NeedCoverageSection) -> list[Flowable]:
    """Make the CTED need coverage section; confidential needs appear only as a count."""
    flow: list[Flowable] = [
        heading(gettext("Coverage of CTED-identified needs"), s.H1, 0, "coverage"),
        para(coverage_sentence(cov)),
    ]
    states = list(cov.by_member_state)
    if cov.confidential_row is not None:
        states.append(cov.confidential_row)
    for key, title, first, rows in (
        ("pillar", gettext("By pillar"), gettext("Pillar"), cov.by_pillar),
        ("member-state", gettext("By Member State"), gettext("Member State"), states),
        ("thematic-area", gettext("By thematic area"), gettext("Thematic area"),
         cov.by_thematic_area),
    ):  # fmt: skip
        if rows:
            flow += [heading(title, s.H2, 1, f"coverage-{key}"), coverage_table(first, rows)]
    return [*flow, section_break()]


def funding(section: FundingSection) -> list[Flowable]:
    """Make the funding section: budget, funded and shortfall by entity, and the appeal."""
    flow: list[Flowable] = [heading(gettext("Funding and shortfall by entity"), s.H1, 0, "funding")]
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
        flow.append(para(gettext("No entity reports a budget for this period.")))
    if section.appeal is not None:
        a = section.appeal
        flow += [heading(gettext("Multi-Year Appeal"), s.H2, 1, "appeal"), para(appeal_text(a))]
    return [*flow, section_break()]


def appeal_text(a: MultiYearAppeal) -> str:
    """Say how many projects are in the Multi-Year Appeal, and its requirement and funding."""
    return ngettext(
        "%(projects)s of the portfolio (any status but cancelled) is in the Multi-Year Appeal, "
        "as the MYA column counts them. Requirement %(requirement)s; funded %(funded)s "
        "(%(share)s); shortfall %(shortfall)s.",
        "%(projects)s of the portfolio (any status but cancelled) are in the Multi-Year Appeal, "
        "as the MYA column counts them. Requirement %(requirement)s; funded %(funded)s "
        "(%(share)s); shortfall %(shortfall)s.",
        a.project_count,
        projects=counted.project_figure(a.project_count),
        requirement=fmt_millions(a.requirement),
        funded=fmt_millions(a.funded),
        share=fmt_pct(share_or_none(a.funded, a.requirement)),
        shortfall=fmt_millions(a.shortfall),
    )


def funding_table(section: FundingSection) -> Table:
    """Lay out budget, funded, shortfall and appeal projects by entity, with a total."""
    headers = [
        gettext("Entity"),
        gettext("Budget (US$)"),
        gettext("Funded (US$)"),
        gettext("Shortfall (US$)"),
        gettext("Funded"),
        gettext("MYA projects"),
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
            gettext("Total"),
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
    headers = [gettext("Project"), gettext("Title"), gettext("Progress report")]
    widths = widen(_widths(0.15, 0.65, 0.20), 0, [r.project_code for r in rows], 1)
    data = [[r.project_code, r.title, report_status(r.status)] for r in rows]
    title = gettext("Progress reports: %(scope)s", scope=scope)
    flow: list[Flowable] = [heading(title, s.H1, 0, "entity-status")]
    if data:
        flow.append(house_table(text_rows(headers, data, widths), widths))
    else:
        flow.append(para(gettext("No project of this entity is due to report in this period.")))
    return [*flow, section_break()]


ANNEX_HEADERS = [
    N_("Code"),
    N_("Title"),
    N_("Entity"),
    N_("Pillar"),
    N_("Scope"),
    N_("Status"),
    N_("Budget (US$)"),
    N_("Funded (US$)"),
]
ANNEX_WIDTHS = _widths(0.10, 0.34, 0.10, 0.06, 0.11, 0.10, 0.10, 0.10)
TITLE_COLUMN = 1
TITLE_MAX_CHARS = 500


def annex_widths(rows: Sequence[Sequence[str]]) -> list[float]:
    """Give every column but the title the width of its widest cell; the title takes the rest.

    Codes, entities, scopes and amounts are one line each and never cut; titles wrap.
    """
    widths, headers = list(ANNEX_WIDTHS), [gettext(h) for h in ANNEX_HEADERS]
    for k in range(len(headers)):
        if k != TITLE_COLUMN:
            column = [headers[k], *(row[k] for row in rows)]
            widths[k] = max(widest_token(column), widest_token([headers[k]], s.BOLD_FONT))
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
    headers = [gettext(h) for h in ANNEX_HEADERS]
    header = [cell(h, w, s.CELL_HEAD) for h, w in zip(headers, widths, strict=True)]
    rows: list[list[object]] = [header, *(annex_cells(row, widths) for row in texts)]
    heights = [row_height(r, widths, CELL_PAD) for r in rows]

    def page(part: list[list[object]], part_heights: list[float]) -> Table:
        return house_table(part, widths, numeric_from=6, row_heights=part_heights)

    return [
        heading(gettext("Annex: projects of the Compact entities"), s.H1, 0, "annex"),
        para(gettext("%(projects)s.", projects=counted.project_figure(len(projects)))),
        PagedTable(rows, heights, page, painter),
    ]


def annex_texts(p: AnnexProject) -> list[str]:
    """Return one annex line's texts, in the order of ANNEX_HEADERS."""
    return [
        clean(p.code), clean(" ".join(p.title.split())), clean(p.entity), p.pillar.value,
        label(p.scope.value), label(p.status.value),
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
