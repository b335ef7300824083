"""The baseline report as a PDF: the rendering of the report model every format shares."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.figures.baseline_model import baseline_model
from reports.pdf.baseline import render_baseline


def baseline_pdf(
    session: Session, label: str, compare_label: str | None, reveal_confidential: bool = False
) -> bytes:
    """Render a baseline's report, and its comparison with another baseline, as a PDF."""
    return render_baseline(baseline_model(session, label, compare_label, reveal_confidential))
