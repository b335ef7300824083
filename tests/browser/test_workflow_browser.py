"""In real Chromium: a focal point enters and submits, a reviewer returns, then approves."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from app import create_app, migrate
from app.auth.services import create_user
from app.db import make_engine
from app.reference.services import seed_reference
from tests.app.progress_data import World, world
from tests.conftest import PASSWORD, TEST_KEY

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, World]]:
    """Serve the app on a migrated, committed SQLite database of its own."""
    yield from serve(tmp_path)


@pytest.fixture
def server_by_sex(tmp_path: Path) -> Iterator[tuple[str, World]]:
    """The same, with the number indicator broken down by sex."""
    yield from serve(tmp_path, disaggregation="sex")


def serve(tmp_path: Path, disaggregation: str | None = None) -> Iterator[tuple[str, World]]:
    """Serve the app on a migrated, committed SQLite database of its own."""
    engine = make_engine(f"sqlite:///{tmp_path / 'browser.sqlite'}")
    migrate.upgrade(engine)
    with Session(engine, expire_on_commit=False) as session:
        seed_reference(session)
        w = world(session)
        w.number.disaggregation = disaggregation
        create_user(session, "focal@example.org", PASSWORD, "focal_point", "UNODC")
        create_user(session, "reviewer@example.org", PASSWORD, "reviewer")
        session.commit()
    app = create_app(
        {"DATABASE_URL": str(engine.url), "SECRET_KEY": TEST_KEY, "WTF_CSRF_ENABLED": True}
    )
    httpd = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", w
    httpd.shutdown()
    engine.dispose()


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def sign_out(page) -> None:
    page.click("text=Sign out")


def fill_report(page, w: World, number: str) -> None:
    page.fill(f"[name=ind_{w.number.id}_value]", number)
    page.fill(f"[name=ind_{w.percent.id}_num]", "3")
    page.fill(f"[name=ind_{w.percent.id}_den]", "4")
    page.fill(f"[name=ind_{w.text.id}_text]", "Draft law tabled")
    page.select_option(f"[name=act_{w.activity.id}_status]", "ongoing")
    page.fill(f"[name=act_{w.activity.id}_percent]", "40")


def test_enter_return_fix_and_approve(server, page) -> None:
    """Drive the whole review loop in Chromium (the shared browser fixture of conftest)."""
    from playwright.sync_api import expect

    base, w = server
    sign_in(page, base, "focal@example.org")
    expect(page.locator("h1")).to_contain_text("What's due for UNODC")
    page.click("a.button:has-text('Start')")
    expect(page.locator("h1")).to_contain_text("Quarterly report 2019Q3")
    fill_report(page, w, "NaN")
    page.click("text=Submit for review")
    row = page.locator(f"#ind-{w.number.id}")
    expect(row.locator(".error")).to_contain_text("Enter a plain number")
    expect(page.locator(f"[name=ind_{w.number.id}_value]")).to_have_value("NaN")
    page.fill(f"[name=ind_{w.number.id}_value]", "12")
    page.click("text=Submit for review")
    expect(page.locator(".flash")).to_contain_text("Report submitted for review.")
    expect(page.locator(".badge").first).to_contain_text("submitted, not yet approved")
    sign_out(page)

    sign_in(page, base, "reviewer@example.org")
    expect(page.locator("h1")).to_contain_text("Reports to review")
    expect(page.locator("table")).to_contain_text("focal@example.org")
    page.click("a.button:has-text('Review')")
    page.click("text=Return to focal point")
    expect(page.locator(".error").first).to_contain_text("comment is required")
    page.fill("#comment", "The count of officers looks too low.")
    page.click("text=Return to focal point")
    expect(page.locator(".flash")).to_contain_text("Report returned.")
    sign_out(page)

    sign_in(page, base, "focal@example.org")
    expect(page.locator("table")).to_contain_text("The count of officers looks too low.")
    page.click("a.button:has-text('Fix and resubmit')")
    expect(page.locator(".notice")).to_contain_text("The count of officers looks too low.")
    page.fill(f"[name=ind_{w.number.id}_value]", "15")
    page.click("text=Submit for review")
    expect(page.locator(".flash")).to_contain_text("Report submitted for review.")
    attach_evidence_and_answer(page)
    sign_out(page)

    sign_in(page, base, "reviewer@example.org")
    page.click("a.button:has-text('Review')")
    expect(page.locator("text=P-1-NUM")).to_be_visible()
    expect(page.locator("section.evidence")).to_contain_text("Attendance list.pdf")
    expect(page.locator("section.review-thread")).to_contain_text("Attached the list.")
    page.fill("#approve-comment", "Checked against the list.")
    page.click("button:has-text('Approve')")
    expect(page.locator(".flash")).to_contain_text("Report approved.")
    expect(page.locator(".flash")).to_contain_text("No other report awaits your review.")
    expect(page.locator("main")).to_contain_text("No report is waiting for review.")


def attach_evidence_and_answer(page) -> None:
    """Attach the list the reviewer asked for, and say so in the review conversation."""
    from playwright.sync_api import expect

    from tests.app.evidence_data import EXE, PDF

    files = {"name": "list.pdf", "mimeType": "application/pdf"}
    page.set_input_files("#evidence-file", files | {"buffer": EXE})
    page.click("button:has-text('Attach')")
    expect(page.locator("section.evidence .error")).to_contain_text("not a PDF, PNG, JPEG")
    page.set_input_files("#evidence-file", files | {"name": "Attendance list.pdf", "buffer": PDF})
    page.click("button:has-text('Attach')")
    expect(page.locator(".flash")).to_contain_text("Evidence attached.")
    expect(page.locator("section.evidence")).to_contain_text("SHA-256")
    page.fill("#thread-comment", "Attached the list.")
    page.click("button:has-text('Add comment')")
    expect(page.locator("section.review-thread")).to_contain_text("Attached the list.")


def test_a_value_broken_down_by_sex(server_by_sex, page) -> None:
    """Parts that do not add up are refused beside the total; a blank total is their sum."""
    from playwright.sync_api import expect

    base, w = server_by_sex
    sign_in(page, base, "focal@example.org")
    page.click("a.button:has-text('Start')")
    fill_report(page, w, "12")
    page.fill(f"[name=ind_{w.number.id}_part_women]", "5")
    page.fill(f"[name=ind_{w.number.id}_part_men]", "6")
    page.click("text=Save draft")
    expect(page.locator(f"#ind-{w.number.id} .error")).to_contain_text(
        "add up to 11, not the total 12"
    )
    page.fill(f"[name=ind_{w.number.id}_value]", "")
    page.click("text=Save draft")
    expect(page.locator(".flash")).to_contain_text("Draft saved.")
    expect(page.locator(f"[name=ind_{w.number.id}_value]")).to_have_value("11")
    expect(page.locator(f"[name=ind_{w.number.id}_part_women]")).to_have_value("5")


def test_a_warning_explained_before_submitting(server, page) -> None:
    """An implausible figure saves with a warning; submitting needs its explanation, which the
    reviewer reads beside the figure."""
    from playwright.sync_api import expect

    base, w = server
    sign_in(page, base, "focal@example.org")
    page.click("a.button:has-text('Start')")
    fill_report(page, w, "1250")
    page.click("text=Save draft")
    expect(page.locator(".flash").first).to_contain_text("Draft saved.")
    row = page.locator(f"#ind-{w.number.id}")
    expect(row.locator(".warning")).to_contain_text("far from the life target of 50")
    page.click("text=Submit for review")
    expect(row.locator(".error")).to_be_visible()
    row.locator("textarea").fill("A national campaign reached far more officers than planned.")
    page.click("text=Submit for review")
    expect(page.locator(".flash").first).to_contain_text("Report submitted for review.")
    sign_out(page)
    sign_in(page, base, "reviewer@example.org")
    page.click("a.button:has-text('Review')")
    figure = page.locator(f"#review-ind-{w.number.id}")
    expect(figure).to_contain_text("far from the life target of 50")
    expect(figure).to_contain_text("A national campaign reached far more officers than planned.")


def test_a_workbook_round_trip(server, page, tmp_path) -> None:
    """Download the entity's workbook, change a value, see the preview, confirm; the same file
    uploaded again changes nothing."""
    import openpyxl
    from playwright.sync_api import expect

    from app.progress.workbook import HEADER

    base, w = server
    sign_in(page, base, "focal@example.org")
    with page.expect_download() as download:
        page.click("text=Download these reports as a workbook")
    fetched = tmp_path / "fetched.xlsx"
    download.value.save_as(fetched)
    book = openpyxl.load_workbook(fetched)
    sheet = book.worksheets[0]
    code, value = HEADER.index("indicator_code") + 1, HEADER.index("Value") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, code).value == w.number.code)
    sheet.cell(row, value).value = 14
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    page.click("text=Upload a filled workbook")
    page.set_input_files("input[type=file]", str(filled))
    page.click("main button:has-text('Upload and check')")
    expect(page.locator("h1")).to_contain_text("Preview")
    expect(page.locator("main table")).to_contain_text("14")
    page.click("main button:has-text('Save these changes')")
    expect(page.locator(".flash").first).to_contain_text("Workbook saved as draft in 1 report.")
    page.click("text=Upload a filled workbook")
    page.set_input_files("input[type=file]", str(filled))
    page.click("main button:has-text('Upload and check')")
    expect(page.locator(".flash").first).to_contain_text("no report changed")
