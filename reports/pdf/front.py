"""The quarterly report's front matter: cover, contents and executive summary."""

from __future__ import annotations

from reportlab.platypus import (  # type: ignore[import-untyped]
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from indicators.i18n import N_
from indicators.periods import PeriodKey
from reports.content import QuarterlyReport
from reports.formatting import fmt_long_date
from reports.localized import gettext
from reports.pdf import styles as s
from reports.pdf.blocks import heading, headline_table, narrative, para, section_break
from reports.pdf.document import contents

COMPACT = N_("United Nations Global Counter-Terrorism Coordination Compact")
NO_COMPARISON_NOTE = N_(
    "\u201cno comparison\u201d: no figure to compare with was found, so no change is given."
)
NO_COMPARISON = N_("the previous quarter has no close baseline, and none was chosen")
# The methods text of the state and the comparison (docs/interfaces.md says the same).
STATE_METHOD = N_(
    "How the figures were chosen: a quarter's portfolio figures are those of its close baseline "
    "(the baseline frozen as of the quarter's last day, when the report is issued); while the "
    "quarter runs, of the live portfolio; after it, without a close, of the latest baseline "
    "frozen inside the quarter, else of the live portfolio on the day the report was drawn, as "
    "stated above. Changes are measured against the baseline chosen for the "
    "report, by default the previous quarter's close baseline, and the change column names it. "
    "In a per-entity report every figure counts the entity's projects; CTED needs addressed are "
    "those its projects are linked to, out of all CTED needs (a Compact-wide total)."
)


def previous_period(key: str) -> str:
    """Return the key of the quarter before, e.g. "2019Q2" for "2019Q3"."""
    try:
        return str(PeriodKey.parse(key).previous())
    except ValueError:
        return gettext("previous quarter")


def state_text(report: QuarterlyReport) -> str:
    """Say which state of the portfolio the figures show (reports built before it: the date)."""
    if report.state is not None:
        return report.state.describe()
    return fmt_long_date(report.as_of)


def comparison_text(report: QuarterlyReport) -> str:
    """Say which baseline the changes are measured against, or that there is none."""
    if report.compared_with is not None:
        return report.compared_with.describe()
    if report.state is not None:
        return gettext("none: %(reason)s", reason=gettext(NO_COMPARISON))
    return report.baseline_label or gettext("none (no baseline selected)")


def cover(report: QuarterlyReport) -> list[Flowable]:
    """Make the cover: who reports, on what period, which state, against which baseline."""
    lines = [
        (gettext("Reporting period"), report.period_key),
        (gettext("Figures as of"), state_text(report)),
        (gettext("Compared with"), comparison_text(report)),
        (gettext("Scope"), report.scope_label),
        (gettext("Issued"), fmt_long_date(report.issue_date)),
    ]
    rows = [[para(k, s.COVER_LINE), para(v, s.COVER_LINE)] for k, v in lines]
    facts = Table(rows, colWidths=[5.5 * 28.35, s.FRAME_WIDTH - 5.5 * 28.35], hAlign="LEFT")
    facts.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])
    flow: list[Flowable] = [
        Spacer(1, 60),
        para(gettext(COMPACT), s.COVER_KICKER),
        para(report.title, s.COVER_TITLE),
        Spacer(1, 10),
        facts,
        Spacer(1, 40),
    ]
    if report.draft:
        flow.append(
            para(gettext("DRAFT \u2013 not for circulation. Figures may still change."), s.H2)
        )
    prepared = gettext(
        "Prepared by the Working Group on Resource Mobilization, Monitoring and Evaluation."
    )
    flow += [Spacer(1, 40), para(prepared, s.SMALL)]
    flow.append(para(gettext("Official figures count approved values only."), s.SMALL))
    return [*flow, NextPageTemplate("body"), PageBreak()]


def contents_page() -> list[Flowable]:
    """Make the contents page that multiBuild fills with page numbers."""
    return [para(gettext("Contents"), s.H1), contents(), PageBreak()]


def summary(report: QuarterlyReport) -> list[Flowable]:
    """Make the executive summary: headline figures and their changes."""
    flow: list[Flowable] = [heading(gettext("Executive summary"), s.H1, 0, "summary")]
    if report.no_progress_note:
        flow += narrative(report.no_progress_note)
    flow.append(para(summary_caption(report)))
    if report.headlines:
        if report.state is None:  # a report model built without the state: the old two columns
            table = headline_table(
                report.headlines, previous_period(report.period_key), report.baseline_label
            )
        else:
            table = headline_table(report.headlines, None, None, change_header=report.change_header)
        flow.append(table)
        if _has_change_column(report) and any(
            h.change_since_previous is None for h in report.headlines
        ):
            flow.append(para(gettext(NO_COMPARISON_NOTE), s.SMALL))
    if report.state is not None:
        flow += [Spacer(1, 6), para(gettext(STATE_METHOD), s.SMALL)]
    return [*flow, section_break()]


def _has_change_column(report: QuarterlyReport) -> bool:
    """Tell whether the headline table has a change column (see `summary`)."""
    return report.state is None or report.change_header is not None


def summary_caption(report: QuarterlyReport) -> str:
    """Caption the headline table: period, scope, the state shown and the comparison."""
    values = {"period": report.period_key, "scope": report.scope_label, "state": state_text(report)}
    if report.state is None:
        return gettext("Headline figures for %(period)s, %(scope)s: %(state)s.", **values)
    if report.change_header is None:
        return gettext(
            "Headline figures for %(period)s, %(scope)s: %(state)s. No comparison: %(reason)s.",
            reason=gettext(NO_COMPARISON),
            **values,
        )
    other = report.compared_with
    name = other.name() if other is not None else ""
    if other is None or other.baseline is None:
        return gettext(
            "Headline figures for %(period)s, %(scope)s: %(state)s. Changes are this report's "
            "figures minus those of %(name)s.",
            name=name,
            **values,
        )
    return gettext(
        "Headline figures for %(period)s, %(scope)s: %(state)s. Changes are this report's "
        "figures minus those of baseline %(name)s.",
        name=name,
        **values,
    )
