"""An issued quarterly report rebuilt from the same figures is the same file, dated by its issue."""

from __future__ import annotations

import io

from pypdf import PdfReader

from app.quarterly.build import build_quarterly
from app.quarterly.services import issue_report
from reports.pdf.quarterly import render_quarterly
from tests.app import factories


def test_an_issued_report_rebuilt_gives_the_same_bytes_and_carries_its_issue_date(
    db_session,
) -> None:
    project = factories.project(db_session, "UNODC-0001", pillar_code="II")
    trained = factories.indicator(db_session, project, "IND-TRAINED", name="Officers trained")
    q3 = factories.period(db_session, "2019Q3")
    factories.report(db_session, project, q3, values={trained: 50})
    issued = issue_report(db_session, None, "2019Q3", None)
    report = build_quarterly(db_session, "2019Q3", None, draft=False)
    assert render_quarterly(report) == issued.content
    info = PdfReader(io.BytesIO(issued.content)).metadata
    assert info is not None
    stamp = f"D:{report.issue_date:%Y%m%d}000000+00'00'"
    assert info["/CreationDate"] == info["/ModDate"] == stamp
    assert info["/Title"] == "Quarterly report 2019Q3 - Compact-wide"
