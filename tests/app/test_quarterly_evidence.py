"""The quarterly PDF lists by name the evidence behind the quarter's approved figures."""

from __future__ import annotations

import hashlib

from app.models.evidence import Evidence
from app.quarterly.services import render_pdf
from tests.app import factories
from tests.app.evidence_data import PDF
from tests.app.test_quarterly_report import pdf_text, squash


def _file(session, report, name: str, indicator=None) -> Evidence:
    item = Evidence(
        report_id=report.id, indicator_id=indicator.id if indicator else None, kind="file",
        name=name, content_type="application/pdf", size=len(PDF),
        sha256=hashlib.sha256(name.encode() + PDF).hexdigest(), content=PDF,
    )  # fmt: skip
    session.add(item)
    session.flush()
    return item


def test_the_annex_names_the_approved_reports_evidence_only(db_session) -> None:
    approved_project = factories.project(db_session, "UNODC-0001", pillar_code="II")
    pending_project = factories.project(db_session, "UNOCT-0002", entity="UNOCT")
    trained = factories.indicator(db_session, approved_project, "IND-TRAINED")
    q3 = factories.period(db_session, "2019Q3")
    approved = factories.report(db_session, approved_project, q3, values={trained: 12})
    pending = factories.report(db_session, pending_project, q3, status="submitted")
    counted = _file(db_session, approved, "Attendance list Tashkent.pdf", trained)
    _file(db_session, pending, "Unreviewed draft list.pdf")
    db_session.add(
        Evidence(report_id=approved.id, kind="link", name="Assessment report",
                 url="https://example.org/assessment", content=None)
    )  # fmt: skip
    db_session.flush()
    text = pdf_text(render_pdf(db_session, "2019Q3", None, draft=True))
    assert "Annex:evidencebehindtheapprovedfigures" in text
    assert squash("Attendance list Tashkent.pdf") in text and counted.sha256[:32] in text
    assert "IND-TRAINED" in text and squash("https://example.org/assessment") in text
    assert "Unreviewed" not in text
    entity = pdf_text(render_pdf(db_session, "2019Q3", "UNOCT", draft=True))
    assert "Tashkent" not in entity


def test_the_compact_wide_report_gives_the_womens_share(db_session) -> None:
    """Issue 14 point 4: the Compact-wide report gives the women's share where indicators allow."""
    from decimal import Decimal

    from app.models.progress import ValuePart

    project = factories.project(db_session, "UNODC-0001", pillar_code="II")
    trained = factories.indicator(db_session, project, "IND-TRAINED")
    trained.disaggregation = "sex"
    q3 = factories.period(db_session, "2019Q3")
    report = factories.report(db_session, project, q3, values={trained: 50})
    [value] = report.values
    value.parts = [
        ValuePart(category=c, value=Decimal(v))
        for c, v in (("women", 18), ("men", 27), ("not_recorded", 5))
    ]
    db_session.flush()
    text = pdf_text(render_pdf(db_session, "2019Q3", None, draft=True))
    assert (
        squash("Women are 40.0 % of the people") in text and squash("18 women and 27 men") in text
    )
    assert squash("5 whose sex was not recorded are left out of the share.") in text
    entity = pdf_text(render_pdf(db_session, "2019Q3", "UNODC", draft=True))
    assert squash("Women are") not in entity
