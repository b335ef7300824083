"""The quarterly report to Member States: cover, contents, summary, pillars, annexes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from indicators.i18n import gettext
from indicators.periods import PeriodKey
from indicators.shares import share_or_none
from indicators.types import ProjectStatus, Scope
from reports.chart_data import PanelChart
from reports.chart_data import counts as count_chart
from reports.content import PillarSection, QuarterlyReport
from reports.formatting import fmt_long_date, fmt_millions, fmt_pct, plural
from reports.pdf import sections
from reports.pdf import styles as s
from reports.pdf.blocks import (
    chart,
    heading,
    headline_table,
    narrative,
    para,
    section_break,
)
from reports.pdf.document import PageMeta, build_pdf, contents
from reports.pdf.evidence_annex import evidence_annex
from reports.pdf.gender import gender
from reports.pdf.indicator_tables import indicator_table, iptt_table, methods_page
from reports.pdf.logframe import outcome_section
from reports.pdf.messages import key_messages

COMPACT = "United Nations Global Counter-Terrorism Coordination Compact"
WORKING_GROUP = "Working Group on Resource Mobilization, Monitoring and Evaluation"
NO_COMPARISON_NOTE = (
    "\u201cno comparison\u201d: no figure to compare with was found, so no change is given."
)
TABLE_NOTE = (
    "Approved values only. Achievement is computed against the target to date shown beside it; "
    "the methods page gives the rules and the status thresholds."
)
NO_COMPARISON = "the previous quarter has no close baseline, and none was chosen"
# The methods text of the state and the comparison (docs/interfaces.md says the same).
STATE_METHOD = (
    "How the figures were chosen: a quarter's portfolio figures are those of its close baseline "
    "(the baseline frozen as of the quarter's last day, when the report is issued); while the "
    "quarter runs, of the live portfolio; after it, without a close, of the latest baseline "
    "frozen inside the quarter, else of the live portfolio on the day the report was drawn, as "
    "stated above. Changes are measured against the baseline chosen for the "
    "report, by default the previous quarter's close baseline, and the change column names it. "
    "In a per-entity report every figure counts the entity's projects; CTED needs addressed are "
    "those its projects are linked to, out of all CTED needs (a Compact-wide total)."
)


def render_quarterly(report: QuarterlyReport) -> bytes:
    """Render the quarterly report as PDF bytes; the same report always gives the same bytes."""
    s.register_fonts()
    meta = PageMeta(
        title=report.title,
        header_right=f"{report.period_key} \u2013 {report.scope_label}",
        footer_left=f"{report.scope_label} \u2013 figures as of {fmt_long_date(report.as_of)}",
        draft=report.draft,
        doc_title=f"Quarterly report {report.period_key} - {scope_short(report.scope_label)}",
        subject=(
            f"Quarterly progress report to Member States, {report.period_key}, "
            f"{report.scope_label}; {state_text(report)}"
        ),
        issued=report.issue_date,
    )
    return build_pdf(quarterly_story(report), meta)


def scope_short(scope_label: str) -> str:
    """Name the scope briefly for the file's Title: "UNODC" for "UNODC - United Nations ..."."""
    return scope_label.split(" - ", 1)[0]


def quarterly_story(report: QuarterlyReport) -> list[Flowable]:
    """Assemble every section of the quarterly report in reading order."""
    story = cover(report) + contents_page() + key_messages(report.key_messages) + summary(report)
    story += [*methods_page(), section_break()]
    for section in report.pillars:
        story += pillar(section)
    if report.coverage is not None:
        story += sections.coverage(report.coverage)
    story += sections.funding(report.funding)
    if report.gender is not None:
        story += gender(report.gender)
    if report.entity_status is not None:
        story += sections.entity_status(report.scope_label, report.entity_status)
    if report.annex:
        story += sections.annex(report.annex)
    if report.evidence:
        story += evidence_annex(report.evidence)
    return story


def previous_period(key: str) -> str:
    """Return the key of the quarter before, e.g. "2019Q2" for "2019Q3"."""
    try:
        return str(PeriodKey.parse(key).previous())
    except ValueError:
        return "previous quarter"


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
        return f"none: {NO_COMPARISON}"
    return report.baseline_label or "none (no baseline selected)"


def cover(report: QuarterlyReport) -> list[Flowable]:
    """Make the cover: who reports, on what period, which state, against which baseline."""
    lines = [
        ("Reporting period", report.period_key),
        ("Figures as of", state_text(report)),
        ("Compared with", comparison_text(report)),
        ("Scope", report.scope_label),
        ("Issued", fmt_long_date(report.issue_date)),
    ]
    rows = [[para(k, s.COVER_LINE), para(v, s.COVER_LINE)] for k, v in lines]
    facts = Table(rows, colWidths=[5.5 * 28.35, s.FRAME_WIDTH - 5.5 * 28.35], hAlign="LEFT")
    facts.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP")])
    flow: list[Flowable] = [
        Spacer(1, 60),
        para(COMPACT, s.COVER_KICKER),
        para(report.title, s.COVER_TITLE),
        Spacer(1, 10),
        facts,
        Spacer(1, 40),
    ]
    if report.draft:
        flow.append(para("DRAFT \u2013 not for circulation. Figures may still change.", s.H2))
    flow += [Spacer(1, 40), para(f"Prepared by the {WORKING_GROUP}.", s.SMALL)]
    flow.append(para("Official figures count approved values only.", s.SMALL))
    return [*flow, NextPageTemplate("body"), PageBreak()]


def contents_page() -> list[Flowable]:
    """Make the contents page that multiBuild fills with page numbers."""
    return [para("Contents", s.H1), contents(), PageBreak()]


def summary(report: QuarterlyReport) -> list[Flowable]:
    """Make the executive summary: headline figures and their changes."""
    flow: list[Flowable] = [heading("Executive summary", s.H1, 0, "summary")]
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
            flow.append(para(NO_COMPARISON_NOTE, s.SMALL))
    if report.state is not None:
        flow += [Spacer(1, 6), para(STATE_METHOD, s.SMALL)]
    return [*flow, section_break()]


def _has_change_column(report: QuarterlyReport) -> bool:
    """Tell whether the headline table has a change column (see `summary`)."""
    return report.state is None or report.change_header is not None


def summary_caption(report: QuarterlyReport) -> str:
    """Caption the headline table: period, scope, the state shown and the comparison."""
    head = f"Headline figures for {report.period_key}, {report.scope_label}: {state_text(report)}."
    if report.state is None:
        return head
    if report.change_header is None:
        return head + f" No comparison: {NO_COMPARISON}."
    other = report.compared_with
    against = "" if other is None or other.baseline is None else "baseline "
    name = other.name() if other is not None else ""
    return head + f" Changes are this report's figures minus those of {against}{name}."


def pillar_facts(section: PillarSection) -> str:
    """Summarise a pillar's portfolio in one sentence."""
    funded = fmt_pct(share_or_none(section.funded, section.budget))
    return (
        f"{plural(section.project_count, 'project')}; budget {fmt_millions(section.budget)}, "
        f"funded {fmt_millions(section.funded)} ({funded})."
    )


def pillar(section: PillarSection) -> list[Flowable]:
    """Make one pillar's section: chart, outcomes, indicator table and highlights."""
    key = f"pillar-{section.pillar.value}"
    title = f"Pillar {section.pillar.value}: {section.title_en}"
    flow: list[Flowable] = [heading(title, s.H1, 0, key)]
    if section.title_zh:
        flow.append(para(section.title_zh, s.H3))
    flow.append(para(pillar_facts(section)))
    flow += pillar_chart(section)
    flow += outcome_section(section.pillar.value, section.outcomes, key)
    flow.append(CondPageBreak(80))
    flow.append(heading(f"Pillar {section.pillar.value}: indicators", s.H2, 1, f"{key}-ind"))
    if section.rows:
        flow.append(para(TABLE_NOTE, s.SMALL))  # the heading keeps with it, the table splits
        flow.append(indicator_table(section.rows))
    else:
        flow.append(para("No indicator under this pillar has an approved value yet."))
    flow += tracking(section, key)
    flow += highlights(section, key)
    return [*flow, section_break()]


def pillar_panels(section: PillarSection) -> dict[str, dict[str, int]]:
    """Count the pillar's projects by scope and by status, in the order of indicators.types."""
    scopes, statuses = section.by_scope, section.by_status
    return {
        gettext("By scope"): {k.value.capitalize(): scopes[k] for k in Scope if scopes.get(k)},
        gettext("By status"): {
            k.value.capitalize(): statuses[k] for k in ProjectStatus if statuses.get(k)
        },
    }


def one_bar(label: str, count: int) -> str:
    """Say in words what a chart of one bar would show: "all 3 projects are ongoing"."""
    state = "in the pipeline" if label == "pipeline" else label
    if count == 1:
        return f"the project is {state}"
    if count == 2:
        return f"both projects are {state}"
    return f"all {plural(count, 'project')} are {state}"


def tracking(section: PillarSection, key: str) -> list[Flowable]:
    """Make the pillar's indicator tracking table (IPTT), when a row has quarters to show."""
    table = iptt_table(section.rows)
    if table is None:
        return []
    title = f"Pillar {section.pillar.value}: targets and actuals by quarter"
    note = "Target to date and approved actual to date as of the end of each quarter."
    return [CondPageBreak(80), heading(title, s.H2, 1, f"{key}-iptt"), para(note, s.SMALL), table]


def pillar_chart(section: PillarSection) -> list[Flowable]:
    """Chart the pillar's projects by scope and by status; a one-bar panel becomes a sentence."""
    panels, single = {}, []
    for name, counts in pillar_panels(section).items():
        if len(counts) > 1:
            panels[name] = counts
        elif counts:
            ((label, count),) = counts.items()
            single.append(one_bar(label.lower(), count))
    flow: list[Flowable] = [para("; ".join(single).capitalize() + ".")] if single else []
    if panels:
        data = PanelChart(
            gettext("Pillar %(pillar)s: projects", pillar=section.pillar.value),
            tuple(count_chart(name, values) for name, values in panels.items()),
        )  # the chart's figures follow it in words: no table of the report holds them
        flow += [chart(data, size=(6.3, 2.4)), para(data.description(), s.SMALL), Spacer(1, 6)]
    return flow


def highlights(section: PillarSection, key: str) -> Sequence[Flowable]:
    """Make the pillar's project highlights, narratives verbatim."""
    if not section.highlights:
        return []
    flow: list[Flowable] = [
        heading(f"Pillar {section.pillar.value}: highlights", s.H2, 1, f"{key}-hl"),
    ]
    for item in section.highlights:
        flow.append(para(f"{item.project_code} \u2013 {item.title}", s.H3))  # keeps with next
        flow += narrative(item.text)
    return flow
