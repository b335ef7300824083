"""Portfolio commands: imports and demo data."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app

from app import db
from app.cli import domain_command, fail
from app.portfolio.imports.reader import Row

PROGRESS_MIN_ROWS = 500


@contextmanager
def progress(rows: list[Row]) -> Iterator[Iterable[Row]]:
    """Show a progress bar on stderr for long files when stderr is a terminal."""
    if len(rows) > PROGRESS_MIN_ROWS and sys.stderr.isatty():
        with click.progressbar(rows, label="Checking rows", file=sys.stderr) as bar:
            yield bar
    else:
        yield rows


@click.command("import-needs")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check the file and report, write nothing")
@domain_command
def import_needs(path: Path, dry_run: bool) -> None:
    """Import CTED needs from a CSV or XLSX file (all rows or none)."""
    from app.portfolio.imports import import_needs as run

    result = run(db.session(), None, path, dry_run=dry_run, progress=progress)
    db.session().commit()
    click.echo(f"Needs: {result.summary()}.")


@click.command("import-projects")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check the file and report, write nothing")
@domain_command
def import_projects(path: Path, dry_run: bool) -> None:
    """Import projects from a CSV or XLSX file (all rows or none)."""
    from app.portfolio.imports import import_projects as run

    result = run(db.session(), None, path, dry_run=dry_run, progress=progress)
    db.session().commit()
    click.echo(f"Projects: {result.summary()}.")


@click.command("seed-demo")
@domain_command
def seed_demo() -> None:
    """Load reference data and a realistic demo portfolio (development only)."""
    from app.portfolio.demo import DEMO_PASSWORD
    from app.portfolio.demo import seed_demo as load

    if current_app.config.get("PRODUCTION"):
        fail("seed-demo refuses to run when PRODUCTION is set")
    summary = load(db.session())
    db.session().commit()
    click.echo(summary.message)
    for email, role in summary.sign_ins:
        click.echo(f"  {email:<24} {role:<12} password: {DEMO_PASSWORD}")


COMMANDS: list[click.Command] = [import_needs, import_projects, seed_demo]
