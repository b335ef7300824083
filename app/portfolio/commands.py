"""Portfolio commands: the needs, projects and seed funding imports."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app

from app.cli import domain_command
from app.db import transaction
from app.portfolio.imports.reader import Row
from app.portfolio.imports.result import ImportResult

PROGRESS_MIN_ROWS = 500


@contextmanager
def progress(rows: list[Row]) -> Iterator[Iterable[Row]]:
    """Show a progress bar on stderr for long files when stderr is a terminal."""
    if len(rows) > PROGRESS_MIN_ROWS and sys.stderr.isatty():
        with click.progressbar(rows, label="Checking rows", file=sys.stderr) as bar:
            yield bar
    else:
        yield rows


def _echo(kind: str, result: ImportResult) -> None:
    """Print the counts, the columns the file leaves as they are and, on a dry run, each row
    that would change (`row N: CODE: field: old -> new`)."""
    click.echo(f"{kind}: {result.summary()}.")
    if (line := result.untouched_line()) is not None:
        click.echo(line)
    if result.dry_run:
        for change in result.detail_lines(created=False):
            click.echo(change)


@click.command("import-needs")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check the file and report, write nothing")
@domain_command
def import_needs(path: Path, dry_run: bool) -> None:
    """Import CTED needs from a CSV or XLSX file (all rows or none)."""
    from app.portfolio.imports import import_needs as run
    from app.portfolio.imports.services import limits_from

    with transaction() as session:
        result = run(session, None, path, dry_run, progress, limits_from(current_app.config))
    _echo("Needs", result)


@click.command("import-projects")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check the file and report, write nothing")
@domain_command
def import_projects(path: Path, dry_run: bool) -> None:
    """Import projects from a CSV or XLSX file (all rows or none)."""
    from app.portfolio.imports import import_projects as run
    from app.portfolio.imports.services import limits_from

    with transaction() as session:
        result = run(session, None, path, dry_run, progress, limits_from(current_app.config))
    _echo("Projects", result)


@click.command("import-seed-funding")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="check the file and report, write nothing")
@domain_command
def import_seed_funding(path: Path, dry_run: bool) -> None:
    """Import the projects the Trust Fund seed-funded from a CSV or XLSX file (all rows or none)."""
    from app.portfolio.imports import import_seed_funding as run
    from app.portfolio.imports.services import limits_from

    with transaction() as session:
        result = run(session, None, path, dry_run, limits_from(current_app.config))
    click.echo(f"Seed funding: {result.summary()}.")


COMMANDS: list[click.Command] = [import_needs, import_projects, import_seed_funding]
