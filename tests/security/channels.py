"""Turn any response body into searchable text: HTML, JSON, CSV, SVG, every part of an XLSX
(zip) file, and a PDF both as extracted text and as its decompressed raw streams."""

from __future__ import annotations

import io
import re
import zipfile
import zlib


def pdf_text(data: bytes) -> str:
    """Return a PDF's extracted text followed by every stream zlib-decompressed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = [page.extract_text() or "" for page in reader.pages]
    parts.append(str(reader.metadata or ""))
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        raw = match.group(1)
        try:
            parts.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            parts.append(raw.decode("latin-1"))
    parts.append(data.decode("latin-1"))
    return "\n".join(parts)


def zip_text(data: bytes) -> str:
    """Return every part of a zip file (an XLSX workbook) decoded."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
        )


def searchable(data: bytes) -> str:
    """Return the text to search for a marker, whatever the format."""
    if data.startswith(b"%PDF"):
        return pdf_text(data)
    if data.startswith(b"PK"):
        return zip_text(data)
    return data.decode("utf-8", "replace")
