"""The report command group (docs/interfaces.md section 4) and its baseline figures."""

from __future__ import annotations

import click

from app import db
from app.cli import domain_command, fail, write_output
from app.figures import exports
from app.figures.baseline_model import baseline_model
from reports.pdf.baseline import render_baseline


@click.group("report", help="Baseline figures and the quarterly report.")
def report() -> None:
    """Group the report commands."""


@report.command("baseline")
@click.argument("label")
@click.option(
    "--compare",
    "compare_label",
    default=None,
    help="label of a baseline to compare with: every change is LABEL minus it",
)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv", "pdf"]), default="json", show_default=True
)
@click.option("--out", default=None, help="file to write (standard output when absent)")
@domain_command
def baseline(label: str, compare_label: str | None, fmt: str, out: str | None) -> None:
    """Print or write a baseline's report, optionally compared with another baseline."""
    if fmt == "pdf" and out is None:
        fail("--out: a PDF needs a file, e.g. --out baseline.pdf")
    model = baseline_model(db.session(), label, compare_label, reveal_confidential=False)
    data = render_baseline(model) if fmt == "pdf" else exports.render_model(model, fmt)
    write_output(data, out)


COMMANDS: list[click.Command] = [report]
