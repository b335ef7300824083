"""Every command of the app (docs/interfaces.md), gathered from the domains, and the db group."""

from __future__ import annotations

from types import ModuleType

import click
from flask import Flask, current_app
from sqlalchemy import Engine

from app import db, migrate, shared_cache
from app.auth import commands as auth_commands
from app.backup import BackupError, backup, checked_path, missing_guards, restore
from app.baselines import commands as baselines_commands
from app.baselines.services import list_baselines, verify_baseline
from app.cli import domain_command
from app.devdata import commands as devdata_commands
from app.figures import commands as figures_commands
from app.iati import commands as iati_commands
from app.portfolio import commands as portfolio_commands
from app.progress import commands as progress_commands
from app.quarterly import commands as quarterly_commands
from app.quarterly.services import TamperedReport, list_issued, served_content
from app.reference import commands as reference_commands

# The one place outside app/devdata that may name it: the development data commands are
# registered here like any other (tests/test_architecture.py allows exactly this import).
COMMAND_MODULES: tuple[ModuleType, ...] = (
    reference_commands,
    auth_commands,
    portfolio_commands,
    baselines_commands,
    figures_commands,
    quarterly_commands,
    progress_commands,
    iati_commands,
    devdata_commands,
)


def engine() -> Engine:
    """Return the app's engine (app.db.init_app keeps it in the app's extensions)."""
    found: Engine = current_app.extensions["db_engine"]
    return found


@click.group("db", help="Create, migrate, back up and restore the database.")
def db_group() -> None:
    """Group the database commands."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@domain_command
def db_upgrade(revision: str) -> None:
    """Bring the database to the newest revision (creates it when empty)."""
    migrate.upgrade(engine(), revision)
    click.echo(f"Database at revision {revision}.")


@db_group.command("downgrade")
@click.argument("revision", default="-1")
@domain_command
def db_downgrade(revision: str) -> None:
    """Take the database down to a revision; 'base' removes every table."""
    migrate.downgrade(engine(), revision)
    click.echo(f"Database downgraded to {revision}.")


@db_group.command("backup")
@click.argument("path")
@click.option("--force", is_flag=True, help="replace PATH if it exists")
@domain_command
def db_backup(path: str, force: bool) -> None:
    """Write a consistent copy of the database to PATH (a new file, or --force)."""
    backup(engine(), checked_path(path), force)
    click.echo(f"Backed up to {path}.")


@db_group.command("restore")
@click.argument("path")
@domain_command
def db_restore(path: str) -> None:
    """Load a backup from PATH into an empty database, then check its guards and hashes."""
    restore(engine(), checked_path(path))
    shared_cache.clear()  # the restored data version may repeat numbers the store holds
    click.echo(f"Restored from {path}: {restored_integrity()}")


def restored_integrity() -> str:
    """Check that a restored database has every guard trigger and that every baseline and
    issued report matches its hash; return what was checked, or raise BackupError."""
    session = db.session()
    problems = [f"guard trigger {name} is missing" for name in missing_guards(engine())]
    baselines = list_baselines(session)
    problems += [
        f"baseline {b.label!r} does not match its hash"
        for b in baselines
        if not verify_baseline(session, b)
    ]
    reports = list_issued(session)
    for report in reports:
        try:
            served_content(session, report)
        except TamperedReport as error:
            problems.append(str(error))
    if problems:
        raise BackupError("restored, but do not use it yet: " + "; ".join(problems))
    return (
        f"every guard trigger is present; {len(baselines)} baseline(s) and {len(reports)} "
        "issued report(s) match their hashes."
    )


def register(app: Flask) -> None:
    """Add every command to the app's CLI."""
    app.cli.add_command(db_group)
    for module in COMMAND_MODULES:
        for command in module.COMMANDS:
            app.cli.add_command(command)
