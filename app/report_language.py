"""Which language a report is drawn in: PDFs and the report pages follow the reader; data
exports (JSON, CSV, XLSX, the API) are always English, whatever the request's language.

The PDF renderers (reports/pdf) take their words from the current catalogue; this module
chooses it with Flask-Babel's `force_locale`. Arabic PDFs are not offered yet: ReportLab as
installed here neither shapes Arabic letters nor orders right-to-left text (README, "Reports in
six languages"), so an Arabic request gets the English PDF and is told so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.i18n import DEFAULT, LANGUAGES, language
from reports.formatting import locale_free

DATA_LANGUAGE = "en"  # JSON, CSV, XLSX and the API
PDF_LANGUAGES = ("en", "fr", "es", "ru", "zh")  # Arabic: see the module's docstring
NO_ARABIC_PDF = _l(
    "The PDF is in English: Arabic PDFs are not available yet, because the PDF library cannot "
    "yet join and order Arabic letters correctly."
)
NO_ARABIC_PDF_CLI = (
    "the PDF is in English: Arabic PDFs are not available yet (ReportLab as installed neither "
    "joins Arabic letters nor orders right-to-left text; README, Reports in six languages)"
)


def pdf_language(requested: str | None = None) -> str:
    """Return the language a PDF is drawn in: the requested one (default: the reader's), or
    English when that one has no PDF (Arabic)."""
    code = requested or language()
    return code if code in PDF_LANGUAGES else DEFAULT


def falls_back(requested: str | None = None) -> bool:
    """Tell whether a PDF asked for in this language (default: the reader's) comes in English."""
    code = requested or language()
    return code in LANGUAGES and code not in PDF_LANGUAGES


@contextmanager
def in_language(code: str) -> Iterator[None]:
    """Draw everything inside the block in this language (words, and number and date formats)."""
    with force_locale(code):
        yield


@contextmanager
def for_pdf(requested: str | None = None) -> Iterator[str]:
    """Draw a PDF inside the block in `pdf_language(requested)`; yield that language's code."""
    code = pdf_language(requested)
    with force_locale(code):
        yield code


@contextmanager
def for_data() -> Iterator[None]:
    """Build a data export inside the block in English, whatever the request's language (the
    figures' formats too: `reports.formatting.locale_free`)."""
    with force_locale(DATA_LANGUAGE), locale_free():
        yield


def language_option(command: Callable[..., None]) -> Callable[..., None]:
    """Add --language CODE: the PDF's language (en, fr, es, ru, zh; ar gives English)."""
    option = click.option(
        "--language",
        type=click.Choice(list(LANGUAGES)),
        default=DEFAULT,
        show_default=True,
        help="language of the PDF: en, fr, es, ru or zh (ar: not yet, the PDF is in English)",
    )
    return option(command)


def say_pdf_language(language: str) -> None:
    """Tell on standard error when the PDF could not be drawn in the language asked for."""
    if falls_back(language):
        click.echo(f"--language {language}: {NO_ARABIC_PDF_CLI}", err=True)
