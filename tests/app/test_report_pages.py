"""The quarterly report pages: list, draft preview, issue (admins only), issued downloads."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import func, select

from app.models.quarterly import IssuedReport
from tests.app import factories
from tests.app.tamper import tamper


def issued_count(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(IssuedReport))


def test_preview_is_a_draft_for_any_signed_in_user(client, db_session, make_user, login):
    factories.project(db_session, "P-1")
    factories.period(db_session, "2019Q3")
    login(make_user("viewer"))
    assert "2019Q3" in client.get("/reports").get_data(as_text=True)
    response = client.get("/reports/preview.pdf?period=2019Q3")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert "DRAFT" in PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert client.get("/reports/preview.pdf?period=2019Q9").status_code == 404
    assert client.get("/reports/preview.pdf?period=2019Q3&entity=NOPE").status_code == 404


ISSUE = {"period": "2019Q3", "confirm": "1"}  # as the confirmation page posts it


def test_only_admins_issue_and_issued_bytes_never_change(client, db_session, make_user, login):
    factories.project(db_session, "P-1")
    factories.period(db_session, "2019Q3")
    login(make_user("reviewer"))
    assert client.post("/reports/issue", data=ISSUE).status_code == 403
    assert issued_count(db_session) == 0
    client.post("/logout")
    login(make_user("admin"))
    response = client.post("/reports/issue", data=ISSUE)
    assert response.status_code == 302 and issued_count(db_session) == 1
    report = db_session.scalar(select(IssuedReport))
    first = client.get(f"/reports/issued/{report.id}.pdf").data
    assert first == report.content
    factories.project(db_session, "P-2", budget_usd="999999")
    assert client.get(f"/reports/issued/{report.id}.pdf").data == first
    again = client.post("/reports/issue", data=ISSUE, follow_redirects=True)
    assert "issued already" in again.get_data(as_text=True) and issued_count(db_session) == 1


def test_altered_issued_report_is_not_served(client, db_session, make_user, login):
    factories.period(db_session, "2019Q3")
    admin = make_user("admin")
    login(admin)
    client.post("/reports/issue", data=ISSUE)
    report = db_session.scalar(select(IssuedReport))
    tamper(db_session, "issued_reports", "UPDATE issued_reports SET content = :c", c=b"%PDF-x")
    db_session.expire_all()
    response = client.get(f"/reports/issued/{report.id}.pdf")
    assert response.status_code == 409 and b"%PDF" not in response.data
    assert client.get("/reports/issued/999999.pdf").status_code == 404
