"""Deliver messages over SMTP with the standard library (smtplib, email.message).

Nothing here ever raises to the caller: a missing MAIL_SERVER means nothing is sent (and the log
says so, at INFO), and a server that refuses or cannot be reached is logged and forgotten, so
that the user's action, already committed, stands.
"""

from __future__ import annotations

import html
import logging
import re
import smtplib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

log = logging.getLogger("app.mail")
LINK = re.compile(r"https?://[^\s<>\"]+")


@dataclass(frozen=True)
class Mail:
    """One message to one address, already in its reader's language."""

    to: str
    subject: str
    text: str
    html: str = ""


def as_email(mail: Mail, sender: str) -> EmailMessage:
    """Build the MIME message: plain text, with the HTML alternative when there is one."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, mail.to, mail.subject
    message["Date"], message["Message-ID"] = formatdate(localtime=False), make_msgid()
    message.set_content(mail.text)
    message.add_alternative(mail.html or html_of(mail.text), subtype="html")
    return message


def html_of(text: str) -> str:
    """Return the simple HTML alternative of a plain text: its paragraphs, links made links."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    return "".join(f"<p>{_linked(p)}</p>\n" for p in paragraphs)


def _linked(paragraph: str) -> str:
    escaped = html.escape(paragraph, quote=True)
    linked = LINK.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
    return linked.replace("\n", "<br>\n")


def deliver(config: Mapping[str, Any], mails: Sequence[Mail]) -> list[Mail]:
    """Send the messages over one connection; return those the server accepted."""
    if not mails:
        return []
    server = str(config.get("MAIL_SERVER") or "")
    if not server:
        log.info("MAIL_SERVER is not set: %d e-mail(s) not sent", len(mails))
        return []
    try:
        return _send(config, server, mails)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("E-mail not sent (%s:%s): %s", server, config.get("MAIL_PORT"), error)
        return []


def _send(config: Mapping[str, Any], server: str, mails: Sequence[Mail]) -> list[Mail]:
    sent: list[Mail] = []
    port, timeout = int(config.get("MAIL_PORT") or 25), int(config.get("MAIL_TIMEOUT") or 10)
    with smtplib.SMTP(server, port, timeout=timeout) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(str(config["MAIL_USERNAME"]), str(config.get("MAIL_PASSWORD") or ""))
        for mail in mails:
            try:
                smtp.send_message(as_email(mail, str(config["MAIL_FROM"])))
            except smtplib.SMTPRecipientsRefused as error:
                log.warning("E-mail to %s refused: %s", mail.to, error)
                continue
            sent.append(mail)
    log.info("Sent %d e-mail(s) through %s:%s", len(sent), server, port)
    return sent
