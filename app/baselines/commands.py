"""Baseline commands: snapshot create, list and verify (docs/interfaces.md section 3)."""

from __future__ import annotations

import datetime as dt
import sys

import click

from app import db
from app.baselines import services
from app.cli import domain_command, fail
from app.db import transaction


def parse_date(value: str, option: str) -> dt.date:
    """Parse YYYY-MM-DD or exit with a one-line message."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date in YYYY-MM-DD form")
        raise  # unreachable: fail() exits


@click.group("snapshot", help="Freeze, list and verify baselines.")
def snapshot() -> None:
    """Group the baseline commands."""


@snapshot.command("create")
@click.argument("label")
@click.option("--as-of", "as_of", required=True, help="date the baseline stands for (YYYY-MM-DD)")
@domain_command
def create(label: str, as_of: str) -> None:
    """Freeze the current portfolio, needs and approved values; print the content hash."""
    day = parse_date(as_of, "--as-of")
    with transaction() as session:
        baseline = services.create_baseline(session, None, label, day)
    click.echo(baseline.content_hash)


@snapshot.command("list")
@domain_command
def list_() -> None:
    """List the baselines: label, as-of date, creation time, hash."""
    baselines = services.list_baselines(db.session())
    if not baselines:
        click.echo("No baseline yet. Freeze one with: snapshot create LABEL --as-of YYYY-MM-DD")
    for b in baselines:
        click.echo(
            f"{b.label}\t{b.as_of.isoformat()}\t{b.created_at:%Y-%m-%d %H:%M}\t{b.content_hash}"
        )


@snapshot.command("verify")
@click.argument("label")
@domain_command
def verify(label: str) -> None:
    """Recompute the hash of a baseline's stored rows; exit 1 if they changed."""
    baseline = services.get_baseline(db.session(), label)
    if not services.verify_baseline(db.session(), baseline):
        click.echo(
            f"Error: baseline {label!r} no longer matches its hash {baseline.content_hash}",
            err=True,
        )
        sys.exit(1)
    click.echo(f"OK {label} {baseline.content_hash}")


COMMANDS: list[click.Command] = [snapshot]
