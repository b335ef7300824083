"""The baseline report (`report baseline --format pdf`): a frozen baseline and its comparison."""

from __future__ import annotations

from reportlab.platypus import Flowable, NextPageTemplate, Spacer, Table  # type: ignore[import-untyped]

from reports.content import BaselineComparison, BaselineReport, ProjectRef
from reports.formatting import fmt_any, fmt_date, fmt_number, plural
from reports.pdf import styles as s
from reports.pdf.blocks import (
    digest_para,
    heading,
    headline_table,
    house_table,
    para,
    section_break,
    text_rows,
    widen,
)
from reports.pdf.document import PageMeta, build_pdf
from reports.pdf.quarterly import COMPACT


def render_baseline(report: BaselineReport) -> bytes:
    """Render a baseline's headline figures and optional comparison as PDF bytes."""
    s.register_fonts()
    meta = PageMeta(
        title=report.title,
        header_right=f"Baseline {report.label}",
        footer_left=f"Baseline {report.label} \u2013 as of {fmt_date(report.as_of)}",
        draft=report.draft,
        doc_title=f"Baseline report - {report.label}",
        subject=baseline_subject(report),
        issued=report.issue_date,
    )
    story = cover(report) + figures(report)
    if report.comparison is not None:
        story += comparison(report.label, report.comparison)
    return build_pdf(story, meta)


def baseline_subject(report: BaselineReport) -> str:
    """Say in one line what the file holds, for the PDF's Subject."""
    subject = f"Headline figures of the frozen baseline {report.label}"
    subject += f", as of {fmt_date(report.as_of)}"
    if report.comparison is not None:
        subject += f", compared with {report.comparison.against_label}"
    return subject


def cover(report: BaselineReport) -> list[Flowable]:
    """Make the first page's title block: label, dates and the hash that proves the freeze."""
    facts = [
        ("Baseline", report.label),
        ("Portfolio as of", fmt_date(report.as_of)),
        ("Frozen on", fmt_date(report.frozen_on)),
        ("Issued", fmt_date(report.issue_date)),
    ]
    rows = [[para(k, s.BODY), para(v, s.BODY)] for k, v in facts]
    rows.append([para("SHA-256", s.BODY), digest_para(report.sha256)])
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
    flow: list[Flowable] = [heading("Headline figures", s.H1, 0, "figures")]
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
    rows = [[r.code, r.title, r.entity] for r in refs]
    widths = widen([s.FRAME_WIDTH * f for f in (0.18, 0.62, 0.20)], 0, [r.code for r in refs], 1)
    return [*flow, house_table(text_rows(["Project", "Title", "Entity"], rows, widths), widths)]


def comparison(label: str, cmp: BaselineComparison) -> list[Flowable]:
    """Make the comparison: figure deltas, added, removed, carried over and status changes."""
    flow: list[Flowable] = [
        section_break(),
        heading(f"Baseline {label} compared with {cmp.against_label}", s.H1, 0, "comparison"),
        para(
            f"{plural(cmp.carried_over, 'project')} {'is' if cmp.carried_over == 1 else 'are'} "
            "carried over from one side to the other."
        ),
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
    codes = [c.code for c in cmp.status_changes]
    widths = widen([s.FRAME_WIDTH * f for f in (0.18, 0.50, 0.16, 0.16)], 0, codes, 1)
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
