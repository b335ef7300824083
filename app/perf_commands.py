"""Performance commands: seed a large, deterministic Compact."""

from __future__ import annotations

import time

import click

from app import db
from app.cli import domain_command


@click.command("seed-scale")
@click.option("--projects", "projects", type=int, default=20_000, show_default=True)
@click.option("--seed", type=int, default=2019, show_default=True, help="random seed")
@domain_command
def seed_scale(projects: int, seed: int) -> None:
    """Fill an empty database with a large Compact (refuses if projects exist)."""
    from app.portfolio.scale import seed_scale as generate

    started = time.perf_counter()
    counts = generate(db.session(), projects, seed)
    db.session().commit()
    elapsed = time.perf_counter() - started
    click.echo(", ".join(f"{n} {table}" for table, n in counts.items()))
    click.echo(f"Seeded {projects} projects in {elapsed:.1f} s (seed {seed}).")


COMMANDS: list[click.Command] = [seed_scale]
