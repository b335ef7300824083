"""`flask --app app export iati [--entity ACRONYM] [--baseline LABEL] --out FILE.xml`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click
from flask import current_app

from app import db
from app.cli import domain_command, fail
from app.iati.services import UnknownChoice, export_iati


@click.group("export", help="Export the portfolio to other systems' formats.")
def export() -> None:
    """Group the export commands."""


@export.command("iati")
@click.option("--entity", default=None, help="only this entity's projects (its acronym)")
@click.option("--baseline", default=None, help="the projects a frozen baseline holds (its label)")
@click.option("--out", required=True, help="the IATI 2.03 XML file to write")
@domain_command
def iati(entity: str | None, baseline: str | None, out: str) -> None:
    """Write one IATI 2.03 iati-activity per project to --out.

    An unknown entity or baseline exits with status 2 and writes no file."""
    target = Path(out)
    if not target.parent.is_dir():
        fail(f"--out: the folder {target.parent} does not exist")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".iati-", suffix=".xml")
    try:
        with os.fdopen(handle, "wb") as stream:
            count = export_iati(
                db.session(),
                stream,
                current_app.config["IATI_REPORTING_ORG_REF"],
                current_app.config["IATI_BASE_URL"],
                entity,
                baseline,
            )
        os.replace(temporary, target)
    except UnknownChoice as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    click.echo(f"Wrote {count} IATI activities to {out}.")


COMMANDS = (export,)
