"""`report quarterly`: write the quarterly PDF, the issued copy when there is one."""

from __future__ import annotations

import click

from app import db
from app.cli import domain_command, write_output
from app.db import transaction
from app.figures.commands import report
from app.quarterly import services as issued_reports
from app.report_language import language_option, say_pdf_language


@report.command("quarterly")
@click.option("--period", required=True, help="quarter, e.g. 2019Q3")
@click.option("--entity", default=None, help="entity acronym for a per-entity report")
@click.option("--out", required=True, help="PDF file to write")
@click.option("--issue", is_flag=True, help="issue the report: store its bytes for good")
@click.option(
    "--compare",
    default=None,
    metavar="LABEL",
    help="baseline the changes compare with (default: the previous quarter's close baseline)",
)
@language_option
@domain_command
def quarterly(
    period: str, entity: str | None, out: str, issue: bool, compare: str | None, language: str
) -> None:
    """Write the quarterly PDF: the issued copy if there is one, else a draft (or --issue it).

    With --compare and no --issue, a draft with that comparison is written even when the report
    was issued (the issued copy keeps the comparison it was issued with). --language draws the
    draft, or the report being issued, in that language; an issued copy stays as issued.
    """
    session = db.session()
    issued = issued_reports.find_issued(session, period, entity)
    if issue and issued is None:
        with transaction() as session:
            issued = issued_reports.issue_report(
                session, None, period, entity, compare, language=language
            )
        say_pdf_language(language)
    elif compare is not None and not issue:
        issued = None
    if issued is not None:
        write_output(issued_reports.served_content(session, issued), out)
        click.echo(
            f"Wrote the issued report ({issued.sha256[:12]}..., issued in "
            f"{issued.language}) to {out}",
            err=True,
        )
        return
    draft = issued_reports.render_pdf(session, period, entity, True, compare, language=language)
    write_output(draft, out)
    say_pdf_language(language)
    click.echo(f"Wrote a draft of the {period} report to {out}; --issue issues it.", err=True)


COMMANDS: list[click.Command] = []  # the subcommand joins the report group
