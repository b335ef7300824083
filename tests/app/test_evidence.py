"""Evidence on a report (issue 14, point 3): files checked by content and stored with their
SHA-256 in the database, links, who may attach, remove and download, audit, backup."""

from __future__ import annotations

import hashlib
import html
import io

import pytest
from sqlalchemy import func, select

from app.models.audit import AuditEvent
from app.models.evidence import Evidence
from app.progress import evidence_files, workflow
from app.progress import services as entry
from tests.app.evidence_data import DOCX, EXE, PDF
from tests.app.progress_data import report_of, world
from tests.app.test_progress_workflow import complete, scope_of


def _draft(db_session, w, focal):
    entry.save_draft(db_session, focal, scope_of(db_session, w), complete(w), 0)
    db_session.commit()
    return report_of(db_session, w)


def _attach(client, report_id: int, content: bytes = PDF, name: str = "list.pdf", **fields):
    data = {"file": (io.BytesIO(content), name)} if content else {}
    return client.post(
        f"/reports/{report_id}/evidence", data=data | fields, content_type="multipart/form-data"
    )


def audit_events(db_session, action: str) -> list[AuditEvent]:
    stmt = select(AuditEvent).where(
        AuditEvent.object_type == "evidence", AuditEvent.action == action
    )
    return list(db_session.scalars(stmt.order_by(AuditEvent.id)))


def _stored(db_session) -> list[Evidence]:
    db_session.expire_all()
    return list(db_session.scalars(select(Evidence).order_by(Evidence.id)))


def test_a_focal_point_attaches_a_file_the_reviewer_downloads(client, db_session, make_user, login):
    """Measured: there was no way to attach the evidence a reviewer asks for."""
    w, focal = world(db_session), make_user("focal_point", "UNODC")
    report = _draft(db_session, w, focal)
    login(focal)
    response = _attach(client, report.id, name="../lists/Attendance list.pdf",
                       indicator=str(w.number.id))  # fmt: skip
    assert response.status_code == 302 and response.headers["Location"].endswith("#evidence")
    [item] = _stored(db_session)
    assert item.sha256 == hashlib.sha256(PDF).hexdigest() and item.size == len(PDF)
    assert item.name == "Attendance list.pdf" and item.indicator_id == w.number.id
    page = html.unescape(client.get(w.url).get_data(as_text=True))
    assert "Attendance list.pdf" in page and item.sha256[:12] in page and w.number.code in page
    [event] = audit_events(db_session, "add_evidence")
    assert event.after["sha256"] == item.sha256 and event.user_id == focal.id
    client.post(w.url, data=w.form(report_of(db_session, w).version, action="submit"))
    login(make_user("reviewer"))
    review = client.get(f"/reports/{report.id}/review").get_data(as_text=True)
    assert "Attendance list.pdf" in review
    got = client.get(f"/reports/{report.id}/evidence/{item.id}")
    assert got.status_code == 200 and got.data == PDF and got.mimetype == "application/pdf"
    assert got.headers["Content-Disposition"].startswith(
        'attachment; filename="Attendance list.pdf"'
    )
    assert got.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "content,name,problem",
    [
        (EXE, "list.pdf", "is not a PDF, PNG, JPEG"),
        (b"", "", "Choose a file, or give a link."),
        (PDF * 400, "big.pdf", "the limit is 2 KB"),
    ],
)
def test_a_bad_file_is_refused_beside_the_field_and_nothing_is_stored(
    client, db_session, make_user, login, monkeypatch, content, name, problem
):
    monkeypatch.setattr(evidence_files, "MAX_BYTES", 2048)
    w, focal = world(db_session), make_user("focal_point", "UNODC")
    report = _draft(db_session, w, focal)
    login(focal)
    response = _attach(client, report.id, content, name)
    assert response.status_code == 422
    assert problem in html.unescape(response.get_data(as_text=True))
    assert _stored(db_session) == [] and audit_events(db_session, "add_evidence") == []


def test_links_are_kept_and_unsafe_ones_refused(client, db_session, make_user, login):
    w, focal = world(db_session), make_user("focal_point", "UNODC")
    report = _draft(db_session, w, focal)
    login(focal)
    bad = _attach(client, report.id, b"", url="javascript:alert(1)")
    assert bad.status_code == 422 and "must start with https://" in bad.get_data(as_text=True)
    good = _attach(client, report.id, b"", url="https://example.org/report.pdf",
                   title="Assessment report")  # fmt: skip
    assert good.status_code == 302
    [item] = _stored(db_session)
    assert (item.kind, item.name, item.content) == ("link", "Assessment report", None)


def test_a_report_holds_a_bounded_number_of_items(
    client, db_session, make_user, login, monkeypatch
):
    monkeypatch.setattr(evidence_files, "MAX_PER_REPORT", 2)
    w, focal = world(db_session), make_user("focal_point", "UNODC")
    report = _draft(db_session, w, focal)
    login(focal)
    assert [_attach(client, report.id, DOCX, f"{n}.docx").status_code for n in "ab"] == [302] * 2
    third = _attach(client, report.id, DOCX, "c.docx")
    assert third.status_code == 422 and "at most 2 files and links" in third.get_data(as_text=True)
    assert len(_stored(db_session)) == 2


def test_who_may_attach_remove_and_download(client, db_session, make_user, login):
    w, focal = world(db_session), make_user("focal_point", "UNODC")
    report = _draft(db_session, w, focal)
    login(focal)
    _attach(client, report.id)
    [item] = _stored(db_session)
    url = f"/reports/{report.id}/evidence/{item.id}"
    for user in (make_user("focal_point", "UNDP"), make_user("viewer"), make_user("reviewer")):
        login(user)
        assert _attach(client, report.id).status_code == 403
        assert client.post(f"{url}/delete").status_code == 403
    login(make_user("viewer"))
    assert client.get(url).status_code == 403  # not approved yet
    assert client.get(f"/reports/{report.id + 1}/evidence/{item.id}").status_code in (403, 404)
    login(focal)
    assert client.post(f"{url}/delete").status_code == 302
    assert _stored(db_session) == []
    assert audit_events(db_session, "remove_evidence")[0].before["name"] == "list.pdf"


def test_approved_evidence_is_for_every_reader_and_can_no_longer_change(
    client, db_session, make_user, login
):
    w, focal = world(db_session), make_user("focal_point", "UNODC")
    report = _draft(db_session, w, focal)
    login(focal)
    _attach(client, report.id)
    [item] = _stored(db_session)
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w), report.version)
    report = report_of(db_session, w)
    workflow.approve(db_session, make_user("reviewer"), report, report.version)
    db_session.commit()
    assert _attach(client, report.id).status_code == 403
    assert client.post(f"/reports/{report.id}/evidence/{item.id}/delete").status_code == 403
    login(make_user("viewer"))
    assert client.get(f"/reports/{report.id}/evidence/{item.id}").data == PDF
    count = db_session.scalar(select(func.count()).select_from(Evidence))
    assert count == 1


def test_the_demo_has_evidence_on_unodc_reports(app, db_session) -> None:
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    items = _stored(db_session)
    assert {i.kind for i in items} == {"file", "link"}
    assert {i.report.status for i in items} == {"approved", "draft", "returned"}
    files = [i for i in items if i.kind == "file"]
    assert all(hashlib.sha256(i.content).hexdigest() == i.sha256 for i in files)


def test_the_project_page_lists_the_evidence_its_reader_may_open(
    client, db_session, make_user, login
):
    """Issue 14 point 7: the project page shows each report's evidence to its readers."""
    w, focal = world(db_session), make_user("focal_point", "UNODC")
    report = _draft(db_session, w, focal)
    login(focal)
    _attach(client, report.id, name="Attendance list.pdf")
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w), report.version)
    db_session.commit()
    login(make_user("viewer"))
    page = html.unescape(client.get(f"/projects/{w.project.id}").get_data(as_text=True))
    assert "Attendance list.pdf" not in page  # submitted, not yet approved
    report = report_of(db_session, w)
    workflow.approve(db_session, make_user("reviewer"), report, report.version)
    db_session.commit()
    page = html.unescape(client.get(f"/projects/{w.project.id}").get_data(as_text=True))
    [item] = _stored(db_session)
    assert "Attendance list.pdf" in page
    assert f"/reports/{report.id}/evidence/{item.id}" in page
