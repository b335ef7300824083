"""Web import for administrators (issue 13 point 3): upload, preview (`field: old -> new`, or the
problems by row and column), confirm exactly what was previewed; all or nothing, never a 500."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.models.audit import AuditEvent
from app.models.portfolio import Project
from tests.app.imports_support import NEED, csv_bytes, xlsx_bytes
from tests.app.logframe_fixtures import ROLES
from tests.app.portfolio_fingerprint import portfolio_fingerprint

P1 = {
    "code": "P-1", "title": "Border project", "entity": "UNODC", "pillar": "II",
    "scope": "global", "status": "ongoing", "budget_usd": "100", "funded_usd": "40",
}  # fmt: skip
TOKEN = re.compile(r'name="token" type="hidden" value="([A-Za-z0-9_-]{43})"')


@pytest.fixture(autouse=True)
def upload_dir(app, tmp_path) -> Path:
    folder = tmp_path / "uploads"
    app.config["IMPORT_UPLOAD_DIR"] = str(folder)
    yield folder
    app.config.pop("IMPORT_UPLOAD_DIR", None)


def upload(client, data: bytes, kind: str = "projects", name: str = "projects.csv"):
    files = {"kind": kind, "file": (io.BytesIO(data), name)}
    return client.post("/imports", data=files, content_type="multipart/form-data")


def token_of(response) -> str:
    found = TOKEN.search(response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)
    return found[1]


def title_of(session, code: str = "P-1") -> str:
    session.expire_all()
    return session.scalar(select(Project.title).where(Project.code == code))


def test_preview_lists_changes_and_writes_nothing_then_confirm_applies_them(
    as_role, world, db_session
) -> None:
    client = as_role("admin")
    before = portfolio_fingerprint(db_session)
    rows = [{**P1, "title": "Border management"}, {**P1, "code": "P-2", "title": "New one"}]
    preview = upload(client, csv_bytes(rows))
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "<td>Border project</td><td>Border management</td>" in page
    assert "<code>title</code>" in page and "P-2" in page and ">new<" in page
    assert "Not in the file, left as they are:" in page and "<code>countries</code>" in page
    assert portfolio_fingerprint(db_session) == before
    done = client.post("/imports/confirm", data={"token": token_of(preview)})
    assert done.status_code == 302 and done.headers["Location"].endswith("/projects")
    assert title_of(db_session) == "Border management" and title_of(db_session, "P-2") == "New one"
    event = db_session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "import" and event.object_id == "projects.csv"
    assert event.before == {"P-1": {"title": "Border project"}}


def test_needs_upload_in_xlsx(as_role, world, db_session) -> None:
    client = as_role("admin")
    table = [list(NEED), list(NEED.values())]
    preview = upload(client, xlsx_bytes(table), kind="needs", name="needs.xlsx")
    assert preview.status_code == 200 and NEED["code"] in preview.get_data(as_text=True)
    done = client.post("/imports/confirm", data={"token": token_of(preview)})
    assert done.status_code == 302 and done.headers["Location"].endswith("/needs")


def test_problems_are_shown_by_row_and_column_and_nothing_is_written(
    as_role, world, db_session
) -> None:
    client = as_role("admin")
    before = portfolio_fingerprint(db_session)
    rows = [{**P1, "title": "Fine"}, {**P1, "code": "P-2", "budget_usd": "lots"}]
    response = upload(client, csv_bytes(rows))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Nothing was written" in page
    assert '<td class="num">3</td><td><code>budget_usd</code></td>' in page
    assert "/confirm" not in page
    assert portfolio_fingerprint(db_session) == before


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.csv", "the file is empty"),
        (b"PK\x03\x04garbage", "x.xlsx", "not a readable XLSX workbook"),
        (b"\xd0\xcf\x11\xe0old", "x.xls", "old .xls workbooks"),
        (b"\xff\xfe\x00bad", "x.csv", "not UTF-8 text"),
        (b"code,title,unknown\r\n", "x.csv", "unknown column"),
        (b"a" * 2048, "big.csv", "above the import limit"),
    ],
)
def test_bad_files_give_a_message_never_a_500(
    app, as_role, world, db_session, data, name, message
) -> None:
    app.config["IMPORT_MAX_BYTES"], saved = 1024, app.config["IMPORT_MAX_BYTES"]
    try:
        client = as_role("admin")
        before = portfolio_fingerprint(db_session)
        response = upload(client, data, name=name)
    finally:
        app.config["IMPORT_MAX_BYTES"] = saved
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert portfolio_fingerprint(db_session) == before


def test_no_file_is_a_message(as_role, world) -> None:
    response = as_role("admin").post("/imports", data={"kind": "projects"})
    assert response.status_code == 422 and "Choose a file" in response.get_data(as_text=True)


def test_confirm_refuses_when_the_data_changed_since_the_preview(
    as_role, world, db_session
) -> None:
    client = as_role("admin")
    preview = upload(client, csv_bytes([{**P1, "title": "From the file"}]))
    db_session.execute(update(Project).where(Project.code == "P-1").values(title="Meanwhile"))
    db_session.commit()
    before = portfolio_fingerprint(db_session)
    again = client.post("/imports/confirm", data={"token": token_of(preview)})
    page = again.get_data(as_text=True)
    assert again.status_code == 200 and "changed since your preview" in page
    assert "<td>Meanwhile</td><td>From the file</td>" in page
    assert portfolio_fingerprint(db_session) == before and title_of(db_session) == "Meanwhile"


def test_a_preview_is_applied_once_and_only_by_its_uploader(as_role, world, db_session) -> None:
    client = as_role("admin")
    preview = upload(client, csv_bytes([{**P1, "title": "Once"}]))
    token = token_of(preview)
    other = world.make_user("admin")
    db_session.commit()
    client.post("/logout")
    client.post("/login", data={"email": other.email, "password": "correct horse battery"})
    before = portfolio_fingerprint(db_session)
    refused = client.post("/imports/confirm", data={"token": token}, follow_redirects=True)
    assert "expired or was already used" in refused.get_data(as_text=True)
    assert portfolio_fingerprint(db_session) == before
    as_role("admin")
    assert client.post("/imports/confirm", data={"token": token}).status_code == 302
    assert title_of(db_session) == "Once"
    twice = client.post("/imports/confirm", data={"token": token}, follow_redirects=True)
    assert "expired or was already used" in twice.get_data(as_text=True)


def test_a_stored_upload_changed_on_disk_is_refused(as_role, world, db_session, upload_dir) -> None:
    client = as_role("admin")
    token = token_of(upload(client, csv_bytes([{**P1, "title": "Previewed"}])))
    (upload_dir / f"{token}.bin").write_bytes(csv_bytes([{**P1, "title": "Swapped"}]))
    refused = client.post("/imports/confirm", data={"token": token}, follow_redirects=True)
    assert "expired or was already used" in refused.get_data(as_text=True)
    assert title_of(db_session) == "Border project"


def test_cancel_forgets_the_upload(as_role, world, db_session, upload_dir) -> None:
    client = as_role("admin")
    token = token_of(upload(client, csv_bytes([{**P1, "title": "Never"}])))
    assert client.post("/imports/cancel", data={"token": token}).status_code == 302
    assert list(upload_dir.iterdir()) == []
    assert client.post("/imports/confirm", data={"token": token}).status_code == 302
    assert title_of(db_session) == "Border project"


def test_upload_and_confirm_need_the_csrf_token(app, as_role, world, db_session) -> None:
    client = as_role("admin")
    token = token_of(upload(client, csv_bytes([{**P1, "title": "Forged"}])))
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        refused = upload(client, csv_bytes([{**P1, "title": "Forged"}]))
        confirm = client.post("/imports/confirm", data={"token": token})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert refused.status_code == 400 and "/confirm" not in refused.get_data(as_text=True)
    assert confirm.status_code == 400 and title_of(db_session) == "Border project"


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_only_administrators_import(as_role, world, db_session, role) -> None:
    client = as_role(role)
    before = portfolio_fingerprint(db_session)
    expected = 302 if role == "anonymous" else 403
    assert client.get("/imports").status_code == expected
    assert upload(client, csv_bytes([{**P1, "title": "Not mine"}])).status_code == expected
    fake = "a" * 43
    assert client.post("/imports/confirm", data={"token": fake}).status_code == expected
    assert client.post("/imports/cancel", data={"token": fake}).status_code == expected
    assert portfolio_fingerprint(db_session) == before


def test_a_long_preview_is_bounded_and_confirm_still_applies_every_row(
    as_role, world, db_session, monkeypatch
) -> None:
    from app.portfolio import import_views

    monkeypatch.setattr(import_views, "MAX_SHOWN", 1)
    client = as_role("admin")
    rows = [{**P1, "code": f"P-{k}", "title": f"T{k}"} for k in range(2, 5)]
    preview = upload(client, csv_bytes(rows))
    page = preview.get_data(as_text=True)
    assert "P-2" in page and "P-3" not in page and "and 2 more rows" in page
    client.post("/imports/confirm", data={"token": token_of(preview)})
    assert [title_of(db_session, f"P-{k}") for k in range(2, 5)] == ["T2", "T3", "T4"]


def test_an_unknown_kind_is_refused_on_the_form(as_role, world) -> None:
    response = upload(as_role("admin"), csv_bytes([P1]), kind="users")
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)
