"""E-mail: review notices and reminder digests delivered through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import logging
import socket
from collections.abc import Iterator
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from flask_babel import force_locale, gettext
from sqlalchemy import func, select

from app import config
from app.models.mail import MailLog
from app.progress import services as entry
from app.progress import workflow
from tests.app.progress_data import period, report_of, world
from tests.app.test_progress_workflow import complete, scope_of


class Inbox:
    """The aiosmtpd handler: keeps every message that arrived."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def inbox(app) -> Iterator[Inbox]:
    """Start an SMTP server on a free port and point the app's MAIL_* settings at it."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    saved = {k: app.config[k] for k in ("MAIL_SERVER", "MAIL_PORT", "BASE_URL")}
    app.config.update(
        MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, BASE_URL="https://tracker.example.org"
    )
    yield handler
    app.config.update(saved)
    controller.stop()


def body(message: Message, kind: str = "text/plain") -> str:
    [part] = [p for p in message.walk() if p.get_content_type() == kind]
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(message.get_content_charset() or "utf-8")


def submitted(db_session, w, focal):
    entry.submit(db_session, focal, scope_of(db_session, w), complete(w), 0)
    db_session.commit()
    return report_of(db_session, w)


def test_submit_tells_each_reviewer_once_with_the_link(db_session, make_user, inbox):
    w = world(db_session)
    focal = make_user("focal_point", "UNODC")
    reviewers = [make_user("reviewer"), make_user("admin")]
    make_user("viewer")
    report = submitted(db_session, w, focal)
    assert sorted(m["To"] for m in inbox.messages) == sorted(r.email for r in reviewers)
    assert not inbox.to(focal.email)
    text = body(inbox.to(reviewers[0].email)[0])
    link = f"https://tracker.example.org/reports/{report.id}/review"
    assert link in text
    assert f'<a href="{link}">' in body(inbox.to(reviewers[0].email)[0], "text/html")
    assert "P-1" in inbox.messages[0]["Subject"]


def test_return_tells_the_focal_point_with_the_comment(db_session, make_user, inbox):
    w = world(db_session)
    focal, colleague = make_user("focal_point", "UNODC"), make_user("focal_point", "UNODC")
    other_entity = make_user("focal_point", "UNDP")
    reviewer = make_user("reviewer")
    report = submitted(db_session, w, focal)
    inbox.messages.clear()
    workflow.return_report(db_session, reviewer, report, report.version, "Explain the 12 officers.")
    assert not inbox.messages  # nothing before the commit
    db_session.commit()
    assert sorted(m["To"] for m in inbox.messages) == sorted([focal.email, colleague.email])
    assert not inbox.to(other_entity.email) and not inbox.to(reviewer.email)
    text = body(inbox.to(focal.email)[0])
    assert "Explain the 12 officers." in text
    assert "Explain the 12 officers." in body(inbox.to(focal.email)[0], "text/html")
    assert f"https://tracker.example.org/projects/{w.project.id}/reports/{w.period.key}" in text


def test_approval_tells_the_focal_point(db_session, make_user, inbox):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    inbox.messages.clear()
    workflow.approve(db_session, reviewer, report, report.version, "Well evidenced.")
    db_session.commit()
    [message] = inbox.to(focal.email)
    assert "approved" in message["Subject"].lower()
    assert "Well evidenced." in body(message) and "Report approved." in body(message)


def test_a_rolled_back_decision_sends_nothing(db_session, make_user, inbox):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    inbox.messages.clear()
    workflow.approve(db_session, reviewer, report, report.version)
    db_session.rollback()
    db_session.commit()
    assert not inbox.messages


def test_without_mail_server_nothing_is_sent_and_the_log_says_so(
    app, db_session, make_user, caplog
):
    assert not app.config["MAIL_SERVER"]
    w = world(db_session)
    make_user("reviewer")
    with caplog.at_level(logging.INFO, logger="app.mail"):
        report = submitted(db_session, w, make_user("focal_point", "UNODC"))
    assert report.status == "submitted"
    assert "MAIL_SERVER is not set" in caplog.text


def test_a_server_that_is_down_never_fails_the_decision(app, client, db_session, make_user, caplog):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    report = submitted(db_session, w, focal)
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())  # nobody listens there
    try:
        client.post("/login", data={"email": reviewer.email, "password": "correct horse battery"})
        with caplog.at_level(logging.WARNING, logger="app.mail"):
            answer = client.post(
                f"/reports/{report.id}/approve", data={"version": report.version, "comment": ""}
            )
    finally:
        app.config.update(MAIL_SERVER="", MAIL_PORT=25)
    assert answer.status_code in (302, 303)
    assert report_of(db_session, w).status == "approved"
    assert "E-mail not sent" in caplog.text


def test_a_french_reader_gets_the_message_in_french(db_session, make_user, inbox):
    w = world(db_session)
    focal, reviewer = make_user("focal_point", "UNODC"), make_user("reviewer")
    focal.language = "fr"
    db_session.flush()
    report = submitted(db_session, w, focal)
    workflow.approve(db_session, reviewer, report, report.version)
    db_session.commit()
    with force_locale("fr"):
        french = gettext("Report approved.")
    assert french != "Report approved."
    assert french in body(inbox.to(focal.email)[0])


def test_reminders_one_digest_per_focal_point_once_a_day(app, db_session, make_user, inbox):
    today = dt.date.today()
    w = world(db_session)  # 2019Q3, due in 10 days
    late = period(db_session, "2019Q2", due_in_days=-5)
    far = period(db_session, "2020Q1", due_in_days=40)  # beyond the 14 days
    focal, colleague = make_user("focal_point", "UNODC"), make_user("focal_point", "UNODC")
    make_user("focal_point", "UNDP")  # nothing due for that entity
    db_session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["send-reminders", "--today", today.isoformat()])
    assert first.exit_code == 0, first.output
    assert sorted(m["To"] for m in inbox.messages) == sorted([focal.email, colleague.email])
    text = body(inbox.to(focal.email)[0])
    assert w.period.key in text and late.key in text and far.key not in text
    assert text.index(late.key) < text.index(w.period.key)  # overdue listed first
    assert "1 due soon, 1 overdue" in inbox.messages[0]["Subject"]
    again = runner.invoke(args=["send-reminders", "--today", today.isoformat()])
    assert again.exit_code == 0 and len(inbox.messages) == 2
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    runner.invoke(args=["send-reminders", "--today", tomorrow])
    assert len(inbox.messages) == 4
    assert db_session.scalar(select(func.count()).select_from(MailLog)) == 4


def test_reminders_refuse_a_malformed_day(app):
    result = app.test_cli_runner().invoke(args=["send-reminders", "--today", "03/12/2026"])
    assert result.exit_code == 1 and "YYYY-MM-DD" in result.output


def test_send_reminders_without_mail_server_says_so_and_records_nothing(app, db_session, make_user):
    world(db_session)
    make_user("focal_point", "UNODC")
    db_session.commit()
    result = app.test_cli_runner().invoke(args=["send-reminders"])
    assert result.exit_code == 0
    assert "MAIL_SERVER is not set" in result.output and "Sent 0 reminder(s)" in result.output
    assert db_session.scalar(select(func.count()).select_from(MailLog)) == 0


def test_mail_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("MAIL_PORT", "587")
    monkeypatch.setenv("MAIL_USE_TLS", "true")
    monkeypatch.setenv("MAIL_FROM", "tracker@example.org")
    built = config.build(str(tmp_path), {"SECRET_KEY": "k" * 40})
    assert (built["MAIL_SERVER"], built["MAIL_PORT"], built["MAIL_USE_TLS"]) == (
        "smtp.example.org", 587, True,
    )  # fmt: skip
    assert built["MAIL_FROM"] == "tracker@example.org" and built["REMINDER_DAYS"] == 14
    monkeypatch.setenv("MAIL_PORT", "five")
    with pytest.raises(config.ConfigError, match="MAIL_PORT"):
        config.build(str(tmp_path), {"SECRET_KEY": "k" * 40})
