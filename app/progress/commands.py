"""`send-reminders`: the daily digest of due and overdue reports, one per focal point."""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app

from app.cli import domain_command, fail
from app.db import transaction
from app.progress.reminders import send_reminders


@click.command("send-reminders")
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="the day to remind for")
@domain_command
def send_reminders_command(today: str | None) -> None:
    """E-mail each focal point one digest of their entity's reports due soon and overdue
    (at most once a day per person; run it daily from cron)."""
    day = dt.date.today()
    if today is not None:
        try:
            day = dt.date.fromisoformat(today)
        except ValueError:
            fail(f"--today: {today!r} is not a date of the form YYYY-MM-DD")
    if not current_app.config.get("MAIL_SERVER"):
        click.echo("MAIL_SERVER is not set: no reminder sent.")
    with transaction() as session:
        sent = send_reminders(session, current_app.config, day)
    click.echo(f"Sent {sent} reminder(s) for {day.isoformat()}.")


COMMANDS: list[click.Command] = [send_reminders_command]
