"""The gender marker section: budget shares against the target, and the women's share of the
people the quarter's approved figures count by sex."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable, Spacer  # type: ignore[import-untyped]

from reports.chart_data import ChartData, Kind
from reports.content import ZERO, GenderSection
from reports.formatting import fmt_money, fmt_number, fmt_pct
from reports.localized import gettext
from reports.pdf import styles as s
from reports.pdf.blocks import chart, heading, house_table, para, section_break, text_rows


def share_widths(*fractions: float) -> list[float]:
    """Share the frame width among columns in proportion to the fractions."""
    total = sum(fractions)
    return [s.FRAME_WIDTH * f / total for f in fractions]


def gender(section: GenderSection) -> list[Flowable]:
    """Make the gender marker section: budget shares against the target."""
    reached = section.toward_target_pct
    met = reached is not None and reached >= section.target_pct
    flow: list[Flowable] = [
        heading(gettext("Gender marker"), s.H1, 0, "gender"),
        para(marker_text(section, reached, met)),
        *_women(section),
    ]
    pcts = [section.pct(share) or ZERO for share in section.shares]
    if len(section.shares) > 1:  # one marker's bar is the table's one row
        shares = ChartData(
            gettext("Share of budget by gender marker (%)"),
            tuple(share.marker for share in section.shares),
            (("", tuple(pcts)),),
            Kind.PERCENT,
            target=section.target_pct,
        )
        flow += [chart(shares, size=(6.3, 2.6)), Spacer(1, 6)]  # the table below has its figures
    headers = [gettext("Marker"), gettext("Description"), gettext("Projects"),
               gettext("Budget (US$)"), gettext("Share"), gettext("Counts to target")]  # fmt: skip
    widths = share_widths(0.10, 0.40, 0.10, 0.16, 0.10, 0.14)
    data = [
        [
            g.marker,
            g.description,
            fmt_number(g.project_count),
            fmt_money(g.budget),
            fmt_pct(p, 1),
            gettext("Yes") if g.counts_toward_target else gettext("No"),
        ]
        for g, p in zip(section.shares, pcts, strict=True)
    ]
    flow.append(house_table(text_rows(headers, data, widths), widths, 2))
    return [*flow, section_break()]


def _women(section: GenderSection) -> list[Flowable]:
    """Say what share of the people counted by sex in the quarter were women, if any were."""
    women = section.women
    if women is None or women.percent is None:
        return []
    text = gettext(
        "Women are %(share)s of the people the quarter's approved figures count by sex "
        "(%(women)s women and %(men)s men).",
        share=fmt_pct(women.percent, 1),
        women=fmt_number(women.women),
        men=fmt_number(women.men),
    )
    return [para(f"{text} {women.caveat}".strip())]


def marker_text(section: GenderSection, reached: Decimal | None, met: bool) -> str:
    """Say the budget share of marker 3 against the target, and marker 2's beside it."""
    values = {
        "reached": fmt_pct(reached, 1),
        "target": fmt_pct(section.target_pct),
        "marker2": fmt_pct(section.marker_pct("GEN-2"), 1),
    }
    if met:
        return gettext(
            "%(reached)s of the budget goes to projects whose principal objective is gender "
            "equality (marker 3), against the target of %(target)s (target met). Projects "
            "where it is a significant objective (marker 2) take %(marker2)s, shown beside it "
            "and not counted toward the target.",
            **values,
        )
    return gettext(
        "%(reached)s of the budget goes to projects whose principal objective is gender "
        "equality (marker 3), against the target of %(target)s (target not met). Projects "
        "where it is a significant objective (marker 2) take %(marker2)s, shown beside it and "
        "not counted toward the target.",
        **values,
    )
