"""The baseline report (`report baseline --format pdf`): Annex II's tables and the comparison.

It renders `reports.baseline_content.BaselineModel`, the object every other format renders.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, NextPageTemplate, Spacer, Table  # type: ignore[import-untyped]

from indicators.i18n import locale
from reports.baseline_content import BaselineChanges, BaselineModel
from reports.baseline_text import fmt_change, fmt_figure
from reports.content import ProjectRef
from reports.formatting import fmt_long_date, fmt_number
from reports.localized import gettext
from reports.pdf import baseline_tables as t
from reports.pdf import sections
from reports.pdf import styles as s
from reports.pdf.blocks import (
    digest_para,
    heading,
    house_table,
    para,
    section_break,
    text_rows,
    widen,
)
from reports.pdf.document import PageMeta, build_pdf
from reports.pdf.front import COMPACT
from reports.pdf.gender import gender
from reports.pdf.messages import key_messages
from reports.pdf.seed_funding import seed_funding
from reports.sentence_words import label as status


def render_baseline(report: BaselineModel) -> bytes:
    """Render a baseline's report, with its comparison when it has one, as PDF bytes."""
    s.register_fonts()
    meta = PageMeta(
        title=report.title,
        header_right=gettext("Baseline %(label)s", label=report.label),
        footer_left=gettext(
            "Baseline %(label)s \u2013 as of %(date)s",
            label=report.label,
            date=fmt_long_date(report.as_of),
        ),
        draft=report.draft,
        doc_title=gettext("Baseline report - %(label)s", label=report.label),
        subject=baseline_subject(report),
        issued=report.issue_date,
        lang=locale(),
    )
    story = cover(report) + key_messages(report.key_messages) + headlines(report)
    story += t.pillars(report) + t.entity_pillar(report)
    story += t.scope_and_status(report) + t.finance(report) + [section_break()]
    if report.funding is not None:
        story += sections.funding(report.funding)
    if report.coverage is not None:
        story += sections.coverage(report.coverage)
    if report.gender is not None:
        story += gender(report.gender)
    story += t.pve(report) + seed_funding(report.seed_funding)
    if report.comparison is not None:
        story += comparison(report, report.comparison)
    return build_pdf(story, meta)


def baseline_subject(report: BaselineModel) -> str:
    """Say in one line what the file holds, for the PDF's Subject."""
    values = {"label": report.label, "date": fmt_long_date(report.as_of)}
    if report.comparison is not None:
        return gettext(
            "Annex II figures of the frozen baseline %(label)s, as of %(date)s, compared with "
            "%(other)s",
            other=report.comparison.name,
            **values,
        )
    return gettext("Annex II figures of the frozen baseline %(label)s, as of %(date)s", **values)


def cover(report: BaselineModel) -> list[Flowable]:
    """Make the first page's title block: label, dates and the hash that proves the freeze."""
    facts = [
        (gettext("Baseline"), report.label),
        (gettext("Portfolio as of"), fmt_long_date(report.as_of)),
        (gettext("Frozen on"), fmt_long_date(report.frozen_on)),
        (gettext("Issued"), fmt_long_date(report.issue_date)),
    ]
    if report.comparison is not None:
        facts.append((gettext("Compared with"), report.comparison.name))
    rows = [[para(k, s.BODY), para(v, s.BODY)] for k, v in facts]
    rows.insert(4, [para("SHA-256", s.BODY), digest_para(report.sha256)])
    table = Table(rows, colWidths=[4 * 28.35, s.FRAME_WIDTH - 4 * 28.35], hAlign="LEFT")
    return [
        para(gettext(COMPACT), s.COVER_KICKER),
        para(report.title, s.COVER_TITLE),
        table,
        Spacer(1, 12),
        NextPageTemplate("body"),
    ]


def headlines(report: BaselineModel) -> list[Flowable]:
    """Make the headline figures; with a comparison, its value and the change beside each."""
    flow: list[Flowable] = [heading(gettext("Headline figures"), s.H1, 0, "figures")]
    cmp = report.comparison
    if cmp is None:
        w = t.widths(0.7, 0.3)
        rows = [[f.label, fmt_figure(f.value, f.kind)] for f in report.headlines]
        headers = [gettext("Figure"), gettext("Value")]
        return [*flow, house_table(text_rows(headers, rows, w), w, 1)]
    w = t.widths(0.37, 0.21, 0.21, 0.21)
    headers = [
        gettext("Figure"),
        gettext("Baseline %(label)s", label=report.label),
        cmp.name,
        gettext("Change since %(name)s", name=cmp.name),
    ]
    rows = [
        [d.label, fmt_figure(d.this, d.kind), fmt_figure(d.other, d.kind),
         fmt_change(d.change, d.kind)]
        for d in cmp.deltas
    ]  # fmt: skip
    return [*flow, house_table(text_rows(headers, rows, w), w, 1)]


def _projects(title: str, key: str, refs: list[list[str]], extra: str = "") -> list[Flowable]:
    """List projects under a subheading, by code."""
    flow: list[Flowable] = [heading(title, s.H2, 1, key)]
    if not refs:
        return [*flow, para(gettext("None."))]
    fractions = (0.18, 0.52, 0.14, 0.16) if extra else (0.18, 0.62, 0.20)
    headers = [gettext("Project"), gettext("Title"), gettext("Entity")]
    headers += [extra] if extra else []
    w = widen(t.widths(*fractions), 0, [r[0] for r in refs], 1)
    return [*flow, house_table(text_rows(headers, refs, w), w)]


def _row(r: ProjectRef) -> list[str]:
    return [r.code, r.title, r.entity]


def framing(report: BaselineModel) -> str:
    """Say what changed the way the Secretary-General's report frames it (paragraphs 56, 60)."""
    cmp = report.comparison
    if cmp is None:
        return ""
    label, removed, added = report.label, len(cmp.removed), len(cmp.added)
    cancelled = sum(1 for r in cmp.removed if r.reason == "cancelled")
    now = cmp.carried_over + added
    later = report.as_of >= cmp.as_of
    values = {
        "label": label, "now": fmt_number(now), "other": cmp.name,
        "then": fmt_number(cmp.projects), "carried": fmt_number(cmp.carried_over),
        "removed": fmt_number(removed), "cancelled": fmt_number(cancelled),
        "unreported": fmt_number(removed - cancelled), "added": fmt_number(added),
    }  # fmt: skip
    if later:
        return gettext(
            "Baseline %(label)s holds %(now)s projects compared to %(then)s projects in "
            "%(other)s. Of those %(then)s projects, %(carried)s are carried over and %(removed)s "
            "are no longer in the portfolio (%(cancelled)s cancelled, %(unreported)s not "
            "reported); %(added)s projects are new. Every change is baseline %(label)s minus "
            "%(other)s.",
            **values,
        )
    return gettext(
        "Baseline %(label)s holds %(now)s projects compared to %(then)s projects in %(other)s. "
        "Of those %(then)s projects, %(carried)s are carried over and %(removed)s were not yet "
        "in the portfolio (%(cancelled)s cancelled, %(unreported)s not reported); %(added)s "
        "projects left the portfolio afterwards. Every change is baseline %(label)s minus "
        "%(other)s.",
        **values,
    )


def comparison(report: BaselineModel, cmp: BaselineChanges) -> list[Flowable]:
    """Make the comparison: framing, status transitions, then each project listed once."""
    label = report.label
    flow: list[Flowable] = [
        section_break(),
        heading(
            gettext("Baseline %(label)s compared with %(other)s", label=label, other=cmp.name),
            s.H1,
            0,
            "comparison",
        ),
        para(framing(report)),
        heading(gettext("Status transitions"), s.H2, 1, "transitions"),
    ]
    w = t.widths(0.4, 0.4, 0.2)
    rows = [[status(x.before.value), status(x.after.value), fmt_number(x.count)]
            for x in cmp.transitions]  # fmt: skip
    headers = [
        gettext("Status in %(label)s", label=cmp.label),
        gettext("Status in %(label)s", label=label),
        gettext("Projects"),
    ]
    none = para(gettext("None."))
    flow.append(house_table(text_rows(headers, rows, w), w, 2) if rows else none)
    added = gettext("Projects added (%(count)s)", count=fmt_number(len(cmp.added)))
    flow += _projects(added, "added", [_row(r) for r in cmp.added])
    removed = [[*_row(r.ref), status(r.reason)] for r in cmp.removed]
    title = gettext("Projects removed (%(count)s)", count=fmt_number(len(removed)))
    flow += _projects(title, "removed", removed, gettext("Why"))
    changes = gettext("Status changes (%(count)s)", count=fmt_number(len(cmp.status_changes)))
    flow.append(heading(changes, s.H2, 1, "st"))
    w = widen(t.widths(0.18, 0.50, 0.16, 0.16), 0, [c.code for c in cmp.status_changes], 1)
    rows = [[c.code, c.title, status(c.before.value), status(c.after.value)]
            for c in cmp.status_changes]  # fmt: skip
    if rows:
        headers = [
            gettext("Project"),
            gettext("Title"),
            gettext("In %(label)s", label=cmp.label),
            gettext("In %(label)s", label=label),
        ]
        flow.append(house_table(text_rows(headers, rows, w), w))
    else:
        flow.append(para(gettext("None.")))
    return flow
