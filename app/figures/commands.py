"""The report command group (docs/interfaces.md section 4) and its baseline figures."""

from __future__ import annotations

import click

from app import db
from app.cli import domain_command, fail, write_output
from app.figures import exports
from app.figures.baseline_model import baseline_model
from app.report_language import for_data, for_pdf, language_option, say_pdf_language


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
@language_option
@domain_command
def baseline(
    label: str, compare_label: str | None, fmt: str, out: str | None, language: str
) -> None:
    """Print or write a baseline's report, optionally compared with another baseline.

    The PDF is written in --language; JSON and CSV are data, always in English.
    """
    if fmt == "pdf" and out is None:
        fail("--out: a PDF needs a file, e.g. --out baseline.pdf")
    if fmt != "pdf":
        with for_data():
            model = baseline_model(db.session(), label, compare_label, reveal_confidential=False)
            write_output(exports.render_model(model, fmt), out)
        return
    with for_pdf(language):
        model = baseline_model(db.session(), label, compare_label, reveal_confidential=False)
        from reports.pdf.baseline import render_baseline  # ReportLab: only for a PDF

        write_output(render_baseline(model), out)
    say_pdf_language(language)


COMMANDS: list[click.Command] = [report]
