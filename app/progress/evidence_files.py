"""What a file of evidence is, told by its content: the name and the browser's type are not
trusted. Accepted: PDF, PNG, JPEG, and the Office Open XML documents (Word, Excel, PowerPoint)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from flask_babel import gettext as _

MAX_BYTES = 10 * 1024 * 1024  # one file; the request limit (MAX_CONTENT_LENGTH) is 16 MiB
MAX_PER_REPORT = 20  # files and links together
MAX_NAME = 200
ACCEPTED = "PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx)"

# The main part each Office Open XML document must hold, with its type and extension.
OOXML = "application/vnd.openxmlformats-officedocument."
OFFICE = (
    ("word/document.xml", OOXML + "wordprocessingml.document", ".docx"),
    ("xl/workbook.xml", OOXML + "spreadsheetml.sheet", ".xlsx"),
    ("ppt/presentation.xml", OOXML + "presentationml.presentation", ".pptx"),
)
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)


@dataclass(frozen=True)
class FileType:
    """A recognised file: its media type and the extension a download gets."""

    content_type: str
    extension: str


def sniff(content: bytes) -> FileType | None:
    """Return the file's type read from its first bytes (and, for Office, its parts), or None."""
    for magic, content_type, extension in SIGNATURES:
        if content.startswith(magic):
            return FileType(content_type, extension)
    if content.startswith(b"PK\x03\x04"):
        return _office(content)
    return None


def _office(content: bytes) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for part, content_type, extension in OFFICE:
        if part in names:
            return FileType(content_type, extension)
    return None


def file_problem(content: bytes, limit: int = MAX_BYTES) -> str | None:
    """Say what is wrong with an uploaded file, or None when it may be stored."""
    if not content:
        return _("The file is empty; choose the document itself.")
    if len(content) > limit:
        size, most = megabytes(len(content)), megabytes(limit)
        return _("The file is %(size)s; the limit is %(limit)s.", size=size, limit=most)
    if sniff(content) is None:
        return _(
            "This file is not a %(accepted)s document (checked by its content).", accepted=ACCEPTED
        )
    return None


def link_problem(url: str) -> str | None:
    """Say what is wrong with a link, or None when it may be stored."""
    url = url.strip()
    if not url.lower().startswith(("https://", "http://")):
        return _("A link must start with https:// or http://.")
    if len(url) > 2000 or any(c.isspace() for c in url):
        return _("A link is one address of at most 2,000 characters, without spaces.")
    return None


def safe_name(given: str, extension: str) -> str:
    """Return a name fit for a download: no path, no control characters, the right extension."""
    base = given.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '"<>:|?*').strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[: MAX_NAME - len(extension)] or "evidence"
    return stem + extension


def megabytes(size: int) -> str:
    """Format a size for people: 2.4 MB, 320 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):,.1f} MB"
    return f"{max(1, round(size / 1024)):,} KB"
