"""File downloads: bytes as a named attachment that is never cached."""

from __future__ import annotations

from flask import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMETYPES = {"csv": "text/csv", "xlsx": XLSX, "json": "application/json", "pdf": "application/pdf"}


def download(data: bytes, mimetype: str, filename: str) -> Response:
    """Return bytes as an attachment with a fixed filename, never cached."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response
