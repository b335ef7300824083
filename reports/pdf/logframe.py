"""A pillar's outcomes in the quarterly report: statement, assumptions and risks, means of
verification (the logframe's other columns), texts escaped and wrapped."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, Table  # type: ignore[import-untyped]

from indicators.i18n import N_
from reports.localized import gettext
from reports.logframe import COLUMN_HEADERS, OutcomeLine
from reports.pdf import styles as s
from reports.pdf.blocks import cell, code_cell, fit_headers, heading, house_table, para, widen
from reports.pdf.indicator_tables import split_width

OUTCOME_HEADERS = [N_("Code"), N_("Outcome"), *COLUMN_HEADERS]
OUTCOME_WIDTHS = split_width([0.10, 0.30, 0.30, 0.30])
NOTE = N_(
    "The logframe of each outcome: what must hold for it to be reached, and how it is checked."
)


def outcome_table(outcomes: Sequence[OutcomeLine]) -> Table:
    """Lay out outcomes one a row with their two other logframe columns."""
    headers = [gettext(h) for h in OUTCOME_HEADERS]
    widths = fit_headers(OUTCOME_WIDTHS, headers, flex=1)
    widths = widen(widths, 0, [o.code for o in outcomes], flex=1)
    data: list[list[object]] = [
        [cell(h, w, s.CELL_HEAD) for h, w in zip(headers, widths, strict=True)]
    ]
    for line in outcomes:
        texts = (line.statement, *line.columns())
        data.append(
            [code_cell(line.code, widths[0])]
            + [cell(t, w) for t, w in zip(texts, widths[1:], strict=True)]
        )
    return house_table(data, widths)


def outcome_section(pillar: str, outcomes: Sequence[OutcomeLine], key: str) -> list[Flowable]:
    """Make a pillar's outcomes table, or nothing when the pillar shows no outcome."""
    if not outcomes:
        return []
    title = gettext("Pillar %(pillar)s: outcomes", pillar=pillar)
    return [
        CondPageBreak(80),
        heading(title, s.H2, 1, f"{key}-outcomes"),
        para(gettext(NOTE), s.SMALL),
        outcome_table(outcomes),
    ]
