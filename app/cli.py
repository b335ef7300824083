"""Thin command-line commands (CONTRACT.md): parse, call a service, commit once, echo."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup
from sqlalchemy.exc import SQLAlchemyError

from app import db, migrate
from app.errors import DomainError, ValidationFailed


def fail(message: str) -> None:
    """Print a one-line error on stderr and exit 1."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(message: str) -> str:
    """Escape control characters a file put in a message, so each problem stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


def domain_command(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn domain and database errors into one-line messages and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationFailed as error:
            db.session().rollback()
            for problem in error.problems:
                click.echo(one_line(problem), err=True)
            sys.exit(1)
        except DomainError as error:
            db.session().rollback()
            fail(one_line(str(error)))
        except SQLAlchemyError as error:
            db.session().rollback()
            fail(
                f"database: {str(error.orig if hasattr(error, 'orig') else error).splitlines()[0]}"
            )

    return wrapper


def engine() -> Any:
    """Return the app's engine."""
    return current_app.extensions["db_engine"]


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


@click.command("seed-reference")
@domain_command
def seed_reference() -> None:
    """Load the four pillars, the Compact entities and the PVE priority areas."""
    from app.portfolio.reference import seed_reference as load

    counts = load(db.session())
    db.session().commit()
    click.echo(
        "Reference data: " + ", ".join(f"{v} {k} added or updated" for k, v in counts.items())
    )


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="admin, focal_point, reviewer, viewer or cted")
@click.option("--entity", "entity", default=None, help="entity acronym (focal points)")
@click.option("--name", default="", help="display name")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@domain_command
def create_user(email: str, role: str, entity: str | None, name: str, password_stdin: bool) -> None:
    """Create a user; prompt for the password or read it from standard input."""
    from app.auth.services import create_user as create

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    user = create(db.session(), email, password, role, entity, name)
    db.session().commit()
    click.echo(f"Created {user.role} {user.email}.")


COMMANDS: list[click.Command] = [db_group, seed_reference, create_user]


COMMAND_MODULES = (
    "app.portfolio.commands",
    "app.baselines.commands",
    "app.analysis.commands",
    "app.perf_commands",
)


def register(app: Flask) -> None:
    """Add every command to the app's CLI."""
    from importlib import import_module

    for command in COMMANDS:
        app.cli.add_command(command)
    for module in COMMAND_MODULES:
        for command in import_module(module).COMMANDS:
            app.cli.add_command(command)


def main() -> None:
    """Run the `compact` console script (same commands as `flask --app app`)."""
    from app import create_app

    FlaskGroup(create_app=create_app)(prog_name="compact")
