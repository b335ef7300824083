"""Development data commands: `seed-demo` (the demo portfolio) and `seed-scale` (a large one)."""

from __future__ import annotations

import time

import click
from flask import current_app

from app.cli import domain_command, fail
from app.db import transaction
from app.devdata.demo import DEMO_PASSWORD
from app.devdata.demo import seed_demo as load
from app.devdata.scale import seed_scale as generate


@click.command("seed-demo")
@domain_command
def seed_demo() -> None:
    """Load reference data and a realistic demo portfolio (development only)."""
    if current_app.config.get("PRODUCTION"):
        fail("seed-demo refuses to run when PRODUCTION is set")
    with transaction() as session:
        summary = load(session)
    click.echo(summary.message)
    for email, role in summary.sign_ins:
        click.echo(f"  {email:<24} {role:<12} password: {DEMO_PASSWORD}")


@click.command("seed-scale")
@click.option("--projects", "projects", type=int, default=20_000, show_default=True)
@click.option("--seed", type=int, default=2019, show_default=True, help="random seed")
@domain_command
def seed_scale(projects: int, seed: int) -> None:
    """Fill an empty database with a large Compact (refuses if projects exist)."""
    started = time.perf_counter()
    with transaction() as session:
        counts = generate(session, projects, seed)
    elapsed = time.perf_counter() - started
    click.echo(", ".join(f"{n} {table}" for table, n in counts.items()))
    click.echo(f"Seeded {projects} projects in {elapsed:.1f} s (seed {seed}).")


COMMANDS: list[click.Command] = [seed_demo, seed_scale]
