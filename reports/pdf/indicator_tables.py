"""The quarterly report's indicator tables: figures and status, the IPTT, and the methods page.

The achievement column is computed against the target shown beside it ("Target to date"), so
that a reader can redo the division; the methods page states the rules and thresholds from the
code that applies them (`indicators.achievement`), never a copy.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Table  # type: ignore[import-untyped]

from indicators.achievement import status_thresholds
from indicators.i18n import N_
from reports.content import HIGHLIGHTS_PER_PILLAR, IPTT_QUARTERS, IndicatorLine
from reports.formatting import fmt_measured, fmt_pct, indicator_status_word, status_word
from reports.localized import gettext
from reports.pdf import styles as s
from reports.pdf.blocks import (
    _wrapped,
    cell,
    code_cell,
    fit_headers,
    heading,
    house_table,
    markup,
    para,
    text_rows,
    widen,
    widen_to,
    widest_line,
)

MUTED = "#5F6B73"
INDICATOR_HEADERS = [
    N_("Code"),
    N_("Indicator (unit)"),
    N_("Baseline"),
    N_("Target to date"),
    N_("Life target"),
    N_("Actual to date (approved)"),
    N_("Achieve\u00adment"),
    N_("Status"),
]


def split_width(fractions: Sequence[float]) -> list[float]:
    """Share the frame width among columns in proportion to the fractions."""
    total = sum(fractions)
    return [s.FRAME_WIDTH * f / total for f in fractions]


INDICATOR_WIDTHS = split_width([0.08, 0.34, 0.09, 0.09, 0.09, 0.10, 0.09, 0.12])


def _indicator_name(row: IndicatorLine) -> Paragraph:
    """Show an indicator's name and unit, its latest text, what a roll-up adds up, pending."""
    text = markup(row.name)
    if row.projects is None:  # a roll-up's name already names its unit
        text += f" <font color='{MUTED}'>({markup(row.unit)})</font>"
    if row.members:
        text += f"<br/><font color='{MUTED}'>{markup(row.members)}</font>"
    if row.latest_text:
        latest = gettext("Latest approved text: \u201c%(text)s\u201d", text="\ue000")
        text += "<br/>" + markup(latest).replace("\ue000", markup(row.latest_text))
        if row.text_source:
            text += f" <font color='{MUTED}'>({markup(row.text_source)})</font>"
    if row.target_basis == "life":
        life = markup(gettext("No period target yet: assessed on the life target."))
        text += f"<br/><font color='{MUTED}'>{life}</font>"
    if row.pending:
        pending = gettext("Submitted, not yet approved: %(value)s", value="\ue000")
        text += "<br/><i>" + markup(pending).replace("\ue000", markup(row.pending)) + "</i>"
    plain = f"{row.name} {row.unit} {row.members or ''} {row.latest_text or ''} {row.pending or ''}"
    return Paragraph(text, _wrapped(s.CELL, plain))


def _status(row: IndicatorLine) -> Paragraph:
    """Show the status word, and for a row not assessed, why."""
    word = indicator_status_word(row.status, row.measure)
    text = f"<b>{markup(word)}</b>"
    if row.reason and row.measure != "qualitative":
        text += f"<br/><font size='6.5'>{markup(row.reason)}</font>"
    return Paragraph(text, s.CELL)


def indicator_table(rows: Sequence[IndicatorLine]) -> Table:
    """Lay out indicators; status shows both as a coloured mark and as a word."""
    headers = [gettext(h) for h in INDICATOR_HEADERS]
    widths = fit_headers(INDICATOR_WIDTHS, headers, flex=1)
    widths = widen(widths, 0, [r.code for r in rows], flex=1)  # codes whole, or cut at hyphens
    words = [indicator_status_word(r.status, r.measure) for r in rows]
    widths = widen_to(widths, 7, widest_line(words, s.BOLD_FONT) + 3, flex=1)  # + colour mark
    data: list[list[object]] = text_rows(headers, [], widths)
    for row in rows:
        data.append(
            [
                code_cell(row.code, widths[0]),
                _indicator_name(row),
                fmt_measured(row.baseline, row.measure),
                fmt_measured(row.target_to_date, row.measure),
                fmt_measured(row.life_target, row.measure),
                fmt_measured(row.actual, row.measure),
                fmt_pct(row.achievement_pct),
                _status(row),
            ]
        )
    extra: list[tuple[object, ...]] = [
        ("ALIGN", (7, 0), (7, -1), "LEFT"),
        *_status_marks(rows),
    ]
    return house_table(data, widths, numeric_from=2, extra=extra)


def _status_marks(rows: Sequence[IndicatorLine]) -> list[tuple[object, ...]]:
    """Colour the status column: one command per run of rows sharing a status."""
    marks: list[tuple[object, ...]] = []
    start = 1
    for end in range(1, len(rows) + 1):
        if end < len(rows) and rows[end].status == rows[start - 1].status:
            continue
        colour = s.STATUS_COLOURS[rows[start - 1].status]
        marks.append(("TEXTCOLOR", (7, start), (7, end), colour))
        marks.append(("LINEBEFORE", (7, start), (7, end), 3, colour))
        start = end + 1
    return marks


IPTT_WIDTHS = split_width([0.10, 0.26] + [0.08] * (2 * IPTT_QUARTERS))


def iptt_table(rows: Sequence[IndicatorLine]) -> Table | None:
    """Lay out targets to date against approved actuals to date for the last quarters."""
    tracked = [r for r in rows if r.iptt and r.measure != "qualitative"]
    if not tracked:
        return None
    headers = [gettext("Code"), gettext("Indicator (unit)")]
    for item in tracked[0].iptt:
        headers += [
            gettext("%(period)s target", period=item.period_key),
            gettext("%(period)s actual", period=item.period_key),
        ]
    body = []
    for row in tracked:
        line = [row.code, row.name if row.projects is not None else f"{row.name} ({row.unit})"]
        for item in row.iptt:
            line += [fmt_measured(item.target, row.measure), fmt_measured(item.actual, row.measure)]
        body.append(line)
    widths = widen(IPTT_WIDTHS[: len(headers)], 0, [r.code for r in tracked], flex=1)
    body = [
        [
            code_cell(line[0], widths[0]),
            *(cell(v, w) for v, w in zip(line[1:], widths[1:], strict=True)),
        ]
        for line in body
    ]
    header = [cell(h, w, s.CELL_HEAD) for h, w in zip(headers, widths, strict=True)]
    return house_table([header, *body], widths, numeric_from=2)


def methods_page() -> list[Flowable]:
    """State how the indicator tables are computed: values, cumulation, roll-ups, status."""
    title = gettext("How the indicator figures are computed")
    flow: list[Flowable] = [heading(title, s.H1, 0, "methods")]
    for title, text in METHODS:
        flow += [para(gettext(title), s.H3), para(methods_text(text))]
    flow.append(para(gettext("Status"), s.H3))
    for status, rule in status_thresholds():
        flow.append(para(gettext("%(status)s: %(rule)s.", status=status_word(status), rule=rule)))
    word = indicator_status_word(status, "qualitative")
    flow.append(para(gettext("%(status)s: %(rule)s", status=word, rule=gettext(QUALITATIVE))))
    return flow


def methods_text(text: str) -> str:
    """Translate a methods paragraph and fill in its figures."""
    return gettext(text, quarters=IPTT_QUARTERS, highlights=HIGHLIGHTS_PER_PILLAR)


QUALITATIVE = N_("a qualitative indicator is reported by its latest approved text, never scored.")
METHODS: tuple[tuple[str, str], ...] = (
    (
        N_("Approved values only"),
        N_(
            "Every actual counts only values a reviewer approved, for the report's quarter and "
            "the quarters before it; a later quarter's value never appears. A value submitted "
            "and not yet approved is shown apart, labelled as such, and never counted."
        ),
    ),
    (
        N_("How values cumulate"),
        N_(
            "Each indicator states its rule. Non-cumulative: the actual to date is the sum of "
            "the quarters (a percentage adds up numerators and denominators, never percentages). "
            "Cumulative (a running total, or a level): the latest quarter's figure stands."
        ),
    ),
    (
        N_("Which target the achievement uses"),
        N_(
            "Achievement = (actual to date - baseline) / (target to date - baseline). The target "
            "to date is the sum of the quarters' targets so far for non-cumulative counts, and the "
            "latest quarter's target so far otherwise; when no quarter has a target yet, the life "
            "target is used and the row says so. The life target is shown for reference and is "
            "never the sum of the quarters' targets."
        ),
    ),
    (
        N_("How roll-ups combine"),
        N_(
            "A roll-up row adds up the output indicators of one outcome (or of one pillar, when "
            "they serve no outcome) that share a unit and a measure, and is named by what it "
            "adds up and how many projects contribute. Numbers sum; percentages combine "
            "numerators and denominators, and their baseline and targets are weighted by each "
            "indicator's denominator; qualitative indicators are counted and the newest approved "
            "text is quoted. Only indicators with an approved value, a baseline and a target are "
            "counted, so every figure of the row, and its achievement, covers the same "
            "indicators; the row says how many were left out."
        ),
    ),
    (
        N_("When a row is not assessed"),
        N_(
            "A row is not assessed when it has no approved value up to the quarter, no baseline, "
            "no target, or a target equal to its baseline; the status cell gives the reason. "
            "Outcome indicators are assessed only on values approved for them directly, never "
            "on their outputs' figures."
        ),
    ),
    (
        N_("The indicator tracking table"),
        N_(
            "For the last %(quarters)s quarters, each row's target to date and approved "
            "actual to date as of the end of that quarter, computed by the same rules."
        ),
    ),
    (
        N_("Highlights"),
        N_(
            "Each pillar shows at most %(highlights)s project narratives of the quarter, "
            "newest approval first, among those a reviewer approved and marked as a highlight."
        ),
    ),
)
