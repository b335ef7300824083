"""The Annex II tables of the baseline report: pillars, entity x pillar, scope, status, money,
Plan of Action priority areas. Every figure comes from the report model, formatted only."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Table  # type: ignore[import-untyped]

from reports.baseline_content import BaselineModel, ShareRow
from reports.formatting import fmt_money, fmt_number, fmt_pct
from reports.localized import gettext, ngettext
from reports.pdf import styles as s
from reports.pdf.blocks import heading, house_table, para, text_rows


def widths(*fractions: float) -> list[float]:
    """Share the frame width among columns in proportion to the fractions."""
    total = sum(fractions)
    return [s.FRAME_WIDTH * f / total for f in fractions]


def share_table(first: str, rows: Sequence[ShareRow]) -> Table:
    """Lay out counts of projects and their shares of the portfolio."""
    w = widths(0.6, 0.2, 0.2)
    data = [[r.label, fmt_number(r.count), fmt_pct(r.share_pct, 1)] for r in rows]
    headers = [first, gettext("Projects"), gettext("Share")]
    return house_table(text_rows(headers, data, w), w, 1)


def pillars(model: BaselineModel) -> list[Flowable]:
    """Make the projects by pillar: counts, shares, budget and funding (paragraph 56)."""
    shares = {r.key: r for r in model.by_pillar}
    w = widths(0.07, 0.45, 0.11, 0.11, 0.14, 0.12)
    headers = [gettext("Pillar"), gettext("Title"), gettext("Projects"), gettext("Share"),
               gettext("Budget (US$)"), gettext("Funded (US$)")]  # fmt: skip
    data = [
        [p.pillar.value, p.title_en, fmt_number(p.project_count),
         fmt_pct(shares[p.pillar.value].share_pct, 1) if p.pillar.value in shares else "\u2013",
         fmt_money(p.budget), fmt_money(p.funded)]
        for p in model.pillars
    ]  # fmt: skip
    return [
        heading(gettext("Projects by pillar"), s.H1, 0, "pillars"),
        house_table(text_rows(headers, data, w), w, 2),
    ]


def entity_pillar(model: BaselineModel) -> list[Flowable]:
    """Make the entity x pillar matrix (paragraph 58), entities with most projects first."""
    w = widths(0.36, 0.128, 0.128, 0.128, 0.128, 0.128)
    data = [[r.entity, *(fmt_number(n) for n in r.counts), fmt_number(r.total)]
            for r in model.entity_pillar]  # fmt: skip
    totals = [sum(r.counts[i] for r in model.entity_pillar) for i in range(4)]
    data.append([gettext("Total"), *(fmt_number(n) for n in totals), fmt_number(sum(totals))])
    bold = [("LINEABOVE", (0, -1), (-1, -1), 0.8, s.NAVY)]
    pillars = [gettext("Pillar %(pillar)s", pillar=p) for p in ("I", "II", "III", "IV")]
    headers = [gettext("Entity"), *pillars, gettext("Total")]
    n = len(model.entity_pillar)
    implement = ngettext(
        "%(count)s entity implements the portfolio's projects.",
        "%(count)s entities implement the portfolio's projects.",
        n,
        count=fmt_number(n),
    )
    return [
        heading(gettext("Projects by implementing entity and pillar"), s.H1, 0, "entity-pillar"),
        para(implement),
        house_table(text_rows(headers, data, w), w, 1, bold),
    ]


def scope_and_status(model: BaselineModel) -> list[Flowable]:
    """Make the scope shares (interregional shown) and the status shares (paragraphs 59-60)."""
    inter = next((r for r in model.by_scope if r.key == "interregional"), None)
    note = (
        gettext(
            "Interregional projects are %(share)s of the portfolio: with them, global, "
            "interregional, regional and national projects make up the whole portfolio.",
            share=fmt_pct(inter.share_pct, 1),
        )
        if inter is not None
        else ""
    )
    return [
        heading(gettext("Projects by scope"), s.H1, 0, "scope"),
        para(note),
        share_table(gettext("Scope"), model.by_scope),
        heading(gettext("Projects by status"), s.H1, 0, "status"),
        share_table(gettext("Status"), model.by_status),
    ]


def finance(model: BaselineModel) -> list[Flowable]:
    """Make the finance table: budget total, active, completed; funded; shortfall (61-62)."""
    f = model.finance
    if f is None:
        return []
    rows = [
        [gettext("Budget, total"), fmt_money(f.budget_total)],
        [gettext("Budget of active projects"), fmt_money(f.budget_active)],
        [gettext("Budget of completed projects"), fmt_money(f.budget_completed)],
        [gettext("Funded, active projects"), fmt_money(f.funded)],
        [gettext("Funding shortfall, active projects"), fmt_money(f.shortfall)],
        [gettext("Shortfall, share of active budget (%)"), fmt_pct(f.shortfall_pct_of_active, 1)],
    ]
    w = widths(0.7, 0.3)
    return [
        heading(gettext("Finance"), s.H1, 0, "finance"),
        house_table(text_rows([gettext("Figure"), gettext("US$")], rows, w), w, 1),
    ]


def pve(model: BaselineModel) -> list[Flowable]:
    """Make the projects by priority area of the Plan of Action to Prevent Violent Extremism."""
    flow: list[Flowable] = [
        heading(gettext("Projects by Plan of Action priority area"), s.H1, 0, "pve"),
        para(
            gettext(
                "A project may serve several priority areas; shares are of the whole portfolio."
            )
        ),
    ]
    if not model.pve:
        return [*flow, para(gettext("No priority area is on record."))]
    w = widths(0.08, 0.62, 0.15, 0.15)
    data = [[str(r.number), r.title, fmt_number(r.projects), fmt_pct(r.share_pct, 1)]
            for r in model.pve]  # fmt: skip
    return [
        *flow,
        house_table(text_rows(pve_headers(), data, w), w, 2),
    ]


def pve_headers() -> list[str]:
    """Head the priority area table."""
    return [gettext("Area"), gettext("Priority area"), gettext("Projects"), gettext("Share")]
