"""Files a focal point might attach, built in memory."""

from __future__ import annotations

import io
import zipfile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00" + b"\x00" * 64  # a program, whatever its name says


def office(main_part: str) -> bytes:
    """Return a minimal Office Open XML package holding the given main part."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return out.getvalue()


DOCX = office("word/document.xml")
XLSX = office("xl/workbook.xml")
PLAIN_ZIP = b"PK\x03\x04" + b"\x00" * 40
