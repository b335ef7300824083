"""The annex listing the evidence behind the quarter's approved figures, by name."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable  # type: ignore[import-untyped]

from indicators.i18n import N_
from reports import counted
from reports.evidence_content import EvidenceLine
from reports.localized import gettext
from reports.pdf import styles as s
from reports.pdf.blocks import clean, heading, house_table, para, text_rows, widen

HEADERS = [N_("Project"), N_("Supports"), N_("Document"), N_("SHA-256 or address")]
FRACTIONS = (0.14, 0.16, 0.38, 0.32)


def evidence_annex(lines: Sequence[EvidenceLine]) -> list[Flowable]:
    """Make the evidence annex: one row per document, header repeated on every page."""
    rows, headers = [_texts(line) for line in lines], [gettext(h) for h in HEADERS]
    widths = [s.FRAME_WIDTH * f for f in FRACTIONS]
    for column in (0, 1):  # codes never break; the document name gives the room
        widths = widen(widths, column, [headers[column], *(r[column] for r in rows)], flex=2)
    text = gettext(
        "%(documents)s attached by the focal points to the quarter's approved reports. A file's "
        "SHA-256 lets a reader check that the copy they hold is the one reviewed.",
        documents=counted.document_figure(len(lines)),
    )
    return [
        heading(gettext("Annex: evidence behind the approved figures"), s.H1, 0, "evidence"),
        para(text),
        house_table(text_rows(headers, rows, widths), widths),
    ]


def _texts(line: EvidenceLine) -> list[str]:
    check = line.sha256 if line.kind == "file" else line.url
    supports = line.supports or gettext("the whole report")
    return [clean(line.project_code), clean(supports), clean(line.name), clean(check)]
