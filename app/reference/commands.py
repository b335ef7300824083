"""`seed-reference`: load the pillars, the Compact entities, the PVE priority areas and the
Trust Fund's seed-funded projects of 2018 and 2019."""

from __future__ import annotations

import click

from app.cli import domain_command
from app.db import transaction
from app.reference.services import seed_reference as load


@click.command("seed-reference")
@domain_command
def seed_reference() -> None:
    """Load the pillars, the Compact entities, the PVE priority areas and the seed funding."""
    with transaction() as session:
        counts = load(session)
    click.echo(
        "Reference data: " + ", ".join(f"{v} {k} added or updated" for k, v in counts.items())
    )


COMMANDS: list[click.Command] = [seed_reference]
