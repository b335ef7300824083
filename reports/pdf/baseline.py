"""The baseline report (`report baseline --format pdf`): Annex II's tables and the comparison.

It renders `reports.baseline_content.BaselineModel`, the object every other format renders.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, NextPageTemplate, Spacer, Table  # type: ignore[import-untyped]

from reports.baseline_content import BaselineChanges, BaselineModel
from reports.baseline_text import fmt_change, fmt_figure
from reports.content import ProjectRef
from reports.formatting import fmt_long_date, fmt_number
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
from reports.pdf.gender import gender
from reports.pdf.messages import key_messages
from reports.pdf.quarterly import COMPACT
from reports.pdf.seed_funding import seed_funding


def render_baseline(report: BaselineModel) -> bytes:
    """Render a baseline's report, with its comparison when it has one, as PDF bytes."""
    s.register_fonts()
    meta = PageMeta(
        title=report.title,
        header_right=f"Baseline {report.label}",
        footer_left=f"Baseline {report.label} \u2013 as of {fmt_long_date(report.as_of)}",
        draft=report.draft,
        doc_title=f"Baseline report - {report.label}",
        subject=baseline_subject(report),
        issued=report.issue_date,
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
    subject = f"Annex II figures of the frozen baseline {report.label}"
    subject += f", as of {fmt_long_date(report.as_of)}"
    if report.comparison is not None:
        subject += f", compared with {report.comparison.name}"
    return subject


def cover(report: BaselineModel) -> list[Flowable]:
    """Make the first page's title block: label, dates and the hash that proves the freeze."""
    facts = [
        ("Baseline", report.label),
        ("Portfolio as of", fmt_long_date(report.as_of)),
        ("Frozen on", fmt_long_date(report.frozen_on)),
        ("Issued", fmt_long_date(report.issue_date)),
    ]
    if report.comparison is not None:
        facts.append(("Compared with", report.comparison.name))
    rows = [[para(k, s.BODY), para(v, s.BODY)] for k, v in facts]
    rows.insert(4, [para("SHA-256", s.BODY), digest_para(report.sha256)])
    table = Table(rows, colWidths=[4 * 28.35, s.FRAME_WIDTH - 4 * 28.35], hAlign="LEFT")
    return [
        para(COMPACT, s.COVER_KICKER),
        para(report.title, s.COVER_TITLE),
        table,
        Spacer(1, 12),
        NextPageTemplate("body"),
    ]


def headlines(report: BaselineModel) -> list[Flowable]:
    """Make the headline figures; with a comparison, its value and the change beside each."""
    flow: list[Flowable] = [heading("Headline figures", s.H1, 0, "figures")]
    cmp = report.comparison
    if cmp is None:
        w = t.widths(0.7, 0.3)
        rows = [[f.label, fmt_figure(f.value, f.kind)] for f in report.headlines]
        return [*flow, house_table(text_rows(["Figure", "Value"], rows, w), w, 1)]
    w = t.widths(0.37, 0.21, 0.21, 0.21)
    headers = ["Figure", f"Baseline {report.label}", cmp.name, f"Change since {cmp.name}"]
    rows = [
        [d.label, fmt_figure(d.this, d.kind), fmt_figure(d.other, d.kind),
         fmt_change(d.change, d.kind)]
        for d in cmp.deltas
    ]  # fmt: skip
    return [*flow, house_table(text_rows(headers, rows, w), w, 1)]


def _projects(title: str, key: str, refs: list[list[str]], extra: str = "") -> list[Flowable]:
    """List projects under a subheading, by code."""
    flow: list[Flowable] = [heading(f"{title} ({len(refs):,})", s.H2, 1, key)]
    if not refs:
        return [*flow, para("None.")]
    fractions = (0.18, 0.52, 0.14, 0.16) if extra else (0.18, 0.62, 0.20)
    headers = ["Project", "Title", "Entity", extra] if extra else ["Project", "Title", "Entity"]
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
    gone = "are no longer in the portfolio" if later else "were not yet in the portfolio"
    new = "are new" if later else "left the portfolio afterwards"
    return (
        f"Baseline {label} holds {now:,} projects compared to {cmp.projects:,} projects in "
        f"{cmp.name}. Of those {cmp.projects:,} projects, {cmp.carried_over:,} are carried over "
        f"and {removed:,} {gone} ({cancelled:,} cancelled, {removed - cancelled:,} not "
        f"reported); {added:,} projects {new}. Every change is baseline {label} minus "
        f"{cmp.name}."
    )


def comparison(report: BaselineModel, cmp: BaselineChanges) -> list[Flowable]:
    """Make the comparison: framing, status transitions, then each project listed once."""
    label = report.label
    flow: list[Flowable] = [
        section_break(),
        heading(f"Baseline {label} compared with {cmp.name}", s.H1, 0, "comparison"),
        para(framing(report)),
        heading("Status transitions", s.H2, 1, "transitions"),
    ]
    w = t.widths(0.4, 0.4, 0.2)
    rows = [[x.before.value.capitalize(), x.after.value.capitalize(), fmt_number(x.count)]
            for x in cmp.transitions]  # fmt: skip
    headers = [f"Status in {cmp.label}", f"Status in {label}", "Projects"]
    flow.append(house_table(text_rows(headers, rows, w), w, 2) if rows else para("None."))
    flow += _projects("Projects added", "added", [_row(r) for r in cmp.added])
    removed = [[*_row(r.ref), r.reason.capitalize()] for r in cmp.removed]
    flow += _projects("Projects removed", "removed", removed, "Why")
    flow.append(heading(f"Status changes ({fmt_number(len(cmp.status_changes))})", s.H2, 1, "st"))
    w = widen(t.widths(0.18, 0.50, 0.16, 0.16), 0, [c.code for c in cmp.status_changes], 1)
    rows = [[c.code, c.title, c.before.value.capitalize(), c.after.value.capitalize()]
            for c in cmp.status_changes]  # fmt: skip
    if rows:
        headers = ["Project", "Title", f"In {cmp.label}", f"In {label}"]
        flow.append(house_table(text_rows(headers, rows, w), w))
    else:
        flow.append(para("None."))
    return flow
