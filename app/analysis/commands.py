"""Report commands (CONTRACT section 4): baseline figures and the quarterly PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from app import db
from app.analysis import exports
from app.analysis.baseline_report import baseline_report
from app.cli import domain_command, fail


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


@click.group("report", help="Baseline figures and the quarterly report.")
def report() -> None:
    """Group the report commands."""


@report.command("baseline")
@click.argument("label")
@click.option(
    "--compare", "compare_label", default=None, help="label of a baseline to compare with"
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "pdf"]), default="json", show_default=True
)
@click.option("--out", default=None, help="file to write (standard output when absent)")
@domain_command
def baseline(label: str, compare_label: str | None, fmt: str, out: str | None) -> None:
    """Print or write a baseline's figures, optionally compared with another baseline."""
    if fmt == "pdf" and out is None:
        fail("--out: a PDF needs a file, e.g. --out baseline.pdf")
    figures = baseline_report(db.session(), label, compare_label, reveal_confidential=False)
    write_output(exports.render_baseline(figures, fmt), out)


COMMANDS: list[click.Command] = [report]
