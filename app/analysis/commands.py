"""Report commands (CONTRACT section 4): baseline figures and the quarterly PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from app import db
from app.analysis import exports
from app.analysis.baseline_report import baseline_report
from app.analysis.pdf import baseline_pdf
from app.baselines import issued as issued_reports
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
    if fmt == "pdf":
        write_output(baseline_pdf(db.session(), label, compare_label), out)
        return
    figures = baseline_report(db.session(), label, compare_label, reveal_confidential=False)
    write_output(exports.render_baseline(figures, fmt), out)


@report.command("quarterly")
@click.option("--period", required=True, help="quarter, e.g. 2019Q3")
@click.option("--entity", default=None, help="entity acronym for a per-entity report")
@click.option("--out", required=True, help="PDF file to write")
@click.option("--issue", is_flag=True, help="issue the report: store its bytes for good")
@domain_command
def quarterly(period: str, entity: str | None, out: str, issue: bool) -> None:
    """Write the quarterly PDF: the issued copy if there is one, else a draft (or --issue it)."""
    session = db.session()
    issued = issued_reports.find_issued(session, period, entity)
    if issue and issued is None:
        issued = issued_reports.issue_report(session, None, period, entity)
        session.commit()
    if issued is not None:
        write_output(issued_reports.verified_content(issued), out)
        click.echo(f"Wrote the issued report ({issued.sha256[:12]}...) to {out}", err=True)
        return
    write_output(issued_reports.render_pdf(session, period, entity, draft=True), out)
    click.echo(f"Wrote a draft of the {period} report to {out}; --issue issues it.", err=True)


COMMANDS: list[click.Command] = [report]
