"""Every command of the app (docs/interfaces.md), gathered from the domains, and the db group."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import click
from flask import Flask, current_app
from sqlalchemy import Engine

from app import migrate
from app.auth import commands as auth_commands
from app.baselines import commands as baselines_commands
from app.cli import domain_command
from app.devdata import commands as devdata_commands
from app.figures import commands as figures_commands
from app.portfolio import commands as portfolio_commands
from app.quarterly import commands as quarterly_commands
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
@click.argument("path", type=click.Path(dir_okay=False))
@domain_command
def db_backup(path: str) -> None:
    """Write a consistent copy of the database to PATH."""
    from app.backup import backup

    backup(engine(), Path(path))
    click.echo(f"Backed up to {path}.")


@db_group.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@domain_command
def db_restore(path: str) -> None:
    """Load a backup from PATH into an empty database."""
    from app.backup import restore

    restore(engine(), Path(path))
    click.echo(f"Restored from {path}.")


def register(app: Flask) -> None:
    """Add every command to the app's CLI."""
    app.cli.add_command(db_group)
    for module in COMMAND_MODULES:
        for command in module.COMMANDS:
            app.cli.add_command(command)
