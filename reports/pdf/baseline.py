"""The baseline report (`report baseline --format pdf`): a frozen baseline and its comparison."""

from __future__ import annotations

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Spacer, Table  # type: ignore[import-untyped]

from reports.content import BaselineComparison, BaselineReport, ProjectRef
from reports.formatting import fmt_any, fmt_number
from reports.pdf import styles as s
from reports.pdf.blocks import heading, headline_table, house_table, para, text_rows
from reports.pdf.document import PageMeta, build_pdf
from reports.pdf.messages import key_messages
from reports.pdf.quarterly import COMPACT


def render_baseline(report: BaselineReport) -> bytes:
    """Render a baseline's headline figures and optional comparison as PDF bytes."""
    meta = PageMeta(
        title=report.title,
        header_right=f"Baseline {report.label}",
        footer_left=f"Baseline {report.label} \u2013 as of {report.as_of.isoformat()}",
        draft=report.draft,
    )
    story = cover(report) + key_messages(report.key_messages) + figures(report)
    if report.comparison is not None:
        story += comparison(report.label, report.comparison)
    return build_pdf(story, meta)


def cover(report: BaselineReport) -> list[Flowable]:
    """Make the first page's title block: label, dates and the hash that proves the freeze."""
    facts = [
        ("Baseline", report.label),
        ("Portfolio as of", report.as_of.isoformat()),
        ("Frozen on", report.frozen_on.isoformat()),
        ("Issued", report.issue_date.isoformat()),
        ("SHA-256", report.sha256),
    ]
    rows = [[para(k, s.BODY), para(v, s.BODY)] for k, v in facts]
    table = Table(rows, colWidths=[4 * 28.35, s.FRAME_WIDTH - 4 * 28.35], hAlign="LEFT")
    return [
        para(COMPACT, s.COVER_KICKER),
        para(report.title, s.COVER_TITLE),
        table,
        Spacer(1, 12),
        NextPageTemplate("body"),
    ]


def figures(report: BaselineReport) -> list[Flowable]:
    """Make the table of the baseline's headline figures."""
    flow: list[Flowable] = [heading("SummaryFigure figures", s.H1, 0, "figures")]
    if report.headlines:
        flow.append(headline_table(report.headlines, "previous baseline", None))
    else:
        flow.append(para("This baseline holds no headline figures."))
    return flow


def _projects(title: str, key: str, refs: tuple[ProjectRef, ...]) -> list[Flowable]:
    """List added or removed projects under a subheading."""
    flow: list[Flowable] = [heading(f"{title} ({len(refs):,})", s.H2, 1, key)]
    if not refs:
        return [*flow, para("None.")]
    widths = [s.FRAME_WIDTH * f for f in (0.18, 0.62, 0.20)]
    rows = [[r.code, r.title, r.entity] for r in refs]
    return [*flow, house_table(text_rows(["Project", "Title", "Entity"], rows, widths), widths)]


def comparison(label: str, cmp: BaselineComparison) -> list[Flowable]:
    """Make the comparison: figure deltas, added, removed, carried over and status changes."""
    flow: list[Flowable] = [
        PageBreak(),
        heading(f"Baseline {label} compared with {cmp.against_label}", s.H1, 0, "comparison"),
        para(f"{cmp.carried_over:,} projects are carried over from one side to the other."),
    ]
    if cmp.deltas:
        widths = [s.FRAME_WIDTH * f for f in (0.40, 0.20, 0.20, 0.20)]
        headers = ["Figure", f"Baseline {label}", cmp.against_label, "Change"]
        rows = [[d.label, fmt_any(d.before), fmt_any(d.after), d.change] for d in cmp.deltas]
        flow += [
            heading("Changes in figures", s.H2, 1, "deltas"),
            house_table(text_rows(headers, rows, widths), widths, 1),
        ]
    flow += _projects("Projects added", "added", tuple(cmp.added))
    flow += _projects("Projects removed", "removed", tuple(cmp.removed))
    flow.append(heading(f"Status changes ({fmt_number(len(cmp.status_changes))})", s.H2, 1, "st"))
    widths = [s.FRAME_WIDTH * f for f in (0.18, 0.50, 0.16, 0.16)]
    rows = [
        [c.code, c.title, c.before.value.capitalize(), c.after.value.capitalize()]
        for c in cmp.status_changes
    ]
    if rows:
        headers = ["Project", "Title", "Before", "After"]
        flow.append(house_table(text_rows(headers, rows, widths), widths))
    else:
        flow.append(para("None."))
    return flow
