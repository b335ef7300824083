"""The report command group (docs/interfaces.md section 4) and its baseline figures."""

from __future__ import annotations

import click

from app import db
from app.cli import domain_command, fail, write_output
from app.figures import exports
from app.figures.baseline_pdf import baseline_pdf
from app.figures.baseline_report import baseline_report


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
    if fmt == "pdf":
        write_output(baseline_pdf(db.session(), label, compare_label), out)
        return
    figures = baseline_report(db.session(), label, compare_label, reveal_confidential=False)
    write_output(exports.render_baseline(figures, fmt), out)


COMMANDS: list[click.Command] = [report]
