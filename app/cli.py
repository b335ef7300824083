"""What every command shares: one-line errors, exit status 1, output to a file or stdout, main()."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from flask.cli import FlaskGroup
from sqlalchemy.exc import SQLAlchemyError

from app import db
from app.errors import DomainError, ValidationFailed
from reports.errors import ReportError


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
        except ReportError as error:  # a font file missing, a layout that cannot be done
            db.session().rollback()
            fail(one_line(str(error)))
        except SQLAlchemyError as error:
            db.session().rollback()
            fail(
                f"database: {str(error.orig if hasattr(error, 'orig') else error).splitlines()[0]}"
            )

    return wrapper


def write_output(data: bytes, out: str | None) -> None:
    """Write bytes to --out, or to standard output."""
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(out).write_bytes(data)
    except OSError as error:
        fail(f"--out: cannot write {out}: {error.strerror}")


def main() -> None:
    """Run the `compact` console script (same commands as `flask --app app`)."""
    from app import create_app

    FlaskGroup(create_app=create_app)(prog_name="compact")
