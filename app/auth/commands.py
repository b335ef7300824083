"""`create-user`: create a user of any role, the password prompted or read from stdin."""

from __future__ import annotations

import sys

import click

from app.auth.services import create_user as create
from app.cli import domain_command
from app.db import transaction


@click.command("create-user")
@click.argument("email")
@click.option("--role", required=True, help="admin, focal_point, reviewer, viewer or cted")
@click.option("--entity", "entity", default=None, help="entity acronym (focal points)")
@click.option("--name", default="", help="display name")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@domain_command
def create_user(email: str, role: str, entity: str | None, name: str, password_stdin: bool) -> None:
    """Create a user; prompt for the password or read it from standard input."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with transaction() as session:
        user = create(session, email, password, role, entity, name)
    click.echo(f"Created {user.role} {user.email}.")


COMMANDS: list[click.Command] = [create_user]
