"""`create-user`: create a user of any role, the password prompted or read from stdin."""

from __future__ import annotations

import sys

import click
from sqlalchemy import select

from app.auth.services import create_user as create
from app.auth.tokens import create_token as make_token
from app.cli import domain_command
from app.db import transaction
from app.errors import NotFound
from app.models.api_tokens import SCOPES
from app.models.auth import User


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


@click.command("create-token")
@click.argument("email")
@click.option("--name", required=True, help="what the token is for (shown in the token list)")
@click.option("--scope", type=click.Choice(SCOPES), default="read", help="read (default) or write")
@click.option("--expires-days", type=int, default=None, help="days until it stops working")
@domain_command
def create_token(email: str, name: str, scope: str, expires_days: int | None) -> None:
    """Create a personal access token for EMAIL and print it once, alone on the last line."""
    with transaction() as session:
        user = session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise NotFound(f"no user with the e-mail {email}")
        token, secret = make_token(session, user, name, scope, expires_days)
    expiry = token.expires_at.date().isoformat() if token.expires_at else "never"
    click.echo(f"Created {scope} token {name!r} for {user.email} (expires: {expiry}).", err=True)
    click.echo(secret)


COMMANDS: list[click.Command] = [create_user, create_token]
