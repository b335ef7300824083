"""The quarterly report to Member States: cover, contents, summary, pillars, annexes."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import (  # type: ignore[import-untyped]
    CondPageBreak,
    Flowable,
    Spacer,
)

from indicators.i18n import N_, locale
from indicators.shares import share_or_none
from indicators.types import ProjectStatus, Scope
from reports import counted
from reports.chart_data import PanelChart
from reports.chart_data import counts as count_chart
from reports.content import PillarSection, QuarterlyReport
from reports.formatting import fmt_long_date, fmt_millions, fmt_pct
from reports.localized import gettext
from reports.pdf import sections
from reports.pdf import styles as s
from reports.pdf.blocks import chart, heading, narrative, para, section_break
from reports.pdf.document import PageMeta, build_pdf
from reports.pdf.evidence_annex import evidence_annex
from reports.pdf.front import contents_page, cover, state_text, summary
from reports.pdf.gender import gender
from reports.pdf.indicator_tables import indicator_table, iptt_table, methods_page
from reports.pdf.logframe import outcome_section
from reports.pdf.messages import key_messages
from reports.sentence_words import label, state_word

TABLE_NOTE = N_(
    "Approved values only. Achievement is computed against the target to date shown beside it; "
    "the methods page gives the rules and the status thresholds."
)


def render_quarterly(report: QuarterlyReport) -> bytes:
    """Render the quarterly report as PDF bytes; the same report always gives the same bytes.

    Its words are in the current language (`indicators.i18n`), and the file says which.
    """
    language = locale()
    s.register_fonts()
    meta = PageMeta(
        title=report.title,
        header_right=f"{report.period_key} \u2013 {report.scope_label}",
        footer_left=gettext(
            "%(scope)s \u2013 figures as of %(date)s",
            scope=report.scope_label,
            date=fmt_long_date(report.as_of),
        ),
        draft=report.draft,
        doc_title=gettext(
            "Quarterly report %(period)s - %(scope)s",
            period=report.period_key,
            scope=scope_short(report.scope_label),
        ),
        subject=gettext(
            "Quarterly progress report to Member States, %(period)s, %(scope)s; %(state)s",
            period=report.period_key,
            scope=report.scope_label,
            state=state_text(report),
        ),
        issued=report.issue_date,
        lang=language,
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


def pillar_facts(section: PillarSection) -> str:
    """Summarise a pillar's portfolio in one sentence."""
    funded = fmt_pct(share_or_none(section.funded, section.budget))
    return gettext(
        "%(projects)s; budget %(budget)s, funded %(funded)s (%(share)s).",
        projects=counted.project_figure(section.project_count),
        budget=fmt_millions(section.budget),
        funded=fmt_millions(section.funded),
        share=funded,
    )


def pillar(section: PillarSection) -> list[Flowable]:
    """Make one pillar's section: chart, outcomes, indicator table and highlights."""
    key = f"pillar-{section.pillar.value}"
    title = gettext(
        "Pillar %(pillar)s: %(title)s", pillar=section.pillar.value, title=section.title_en
    )
    flow: list[Flowable] = [heading(title, s.H1, 0, key)]
    if section.title_zh:
        flow.append(para(section.title_zh, s.H3))
    flow.append(para(pillar_facts(section)))
    flow += pillar_chart(section)
    flow += outcome_section(section.pillar.value, section.outcomes, key)
    flow.append(CondPageBreak(80))
    title = gettext("Pillar %(pillar)s: indicators", pillar=section.pillar.value)
    flow.append(heading(title, s.H2, 1, f"{key}-ind"))
    if section.rows:
        flow.append(
            para(gettext(TABLE_NOTE), s.SMALL)
        )  # the heading keeps with it, the table splits
        flow.append(indicator_table(section.rows))
    else:
        flow.append(para(gettext("No indicator under this pillar has an approved value yet.")))
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


def one_bar(value: str, count: int) -> str:
    """Say in words what a chart of one bar would show: "All 3 projects are ongoing."."""
    state = state_word(value)
    if count == 1:
        return gettext("The project is %(state)s.", state=state)
    if count == 2:
        return gettext("Both projects are %(state)s.", state=state)
    projects = counted.project_figure(count)
    return gettext("All %(projects)s are %(state)s.", projects=projects, state=state)


def tracking(section: PillarSection, key: str) -> list[Flowable]:
    """Make the pillar's indicator tracking table (IPTT), when a row has quarters to show."""
    table = iptt_table(section.rows)
    if table is None:
        return []
    title = gettext(
        "Pillar %(pillar)s: targets and actuals by quarter", pillar=section.pillar.value
    )
    note = gettext("Target to date and approved actual to date as of the end of each quarter.")
    return [CondPageBreak(80), heading(title, s.H2, 1, f"{key}-iptt"), para(note, s.SMALL), table]


def pillar_chart(section: PillarSection) -> list[Flowable]:
    """Chart the pillar's projects by scope and by status; a one-bar panel becomes a sentence."""
    panels, single = {}, []
    for name, counts in pillar_panels(section).items():  # the panels' names are translated
        if len(counts) > 1:
            panels[name] = {label(k.lower()): n for k, n in counts.items()}
        elif counts:
            ((value, count),) = counts.items()
            single.append(one_bar(value.lower(), count))
    flow: list[Flowable] = [para(" ".join(single))] if single else []
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
        heading(
            gettext("Pillar %(pillar)s: highlights", pillar=section.pillar.value),
            s.H2,
            1,
            f"{key}-hl",
        ),
    ]
    for item in section.highlights:
        flow.append(para(f"{item.project_code} \u2013 {item.title}", s.H3))  # keeps with next
        flow += narrative(item.text)
    return flow
