"""File downloads: bytes as a named attachment that is never cached."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from flask import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMETYPES = {"csv": "text/csv", "xlsx": XLSX, "json": "application/json", "pdf": "application/pdf"}


def download(data: bytes, mimetype: str, filename: str) -> Response:
    """Return bytes as an attachment with a fixed filename, never cached."""
    return _attachment(data, mimetype, filename)


def streamed_download(chunks: Iterable[bytes], mimetype: str, filename: str) -> Response:
    """Stream chunks as an attachment. They are read once the request has ended (its context
    popped, its database session closed): chunks that read the database bring a session of
    their own (`app.db.session_factory`) and close it."""
    return _attachment(iter(chunks), mimetype, filename)


def _attachment(body: bytes | Iterator[bytes], mimetype: str, filename: str) -> Response:
    """Send bytes, or an iterator of bytes (streamed, without a Content-Length), as an
    attachment with a fixed filename, never cached."""
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def file_chunks(file: IO[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """Yield a file's bytes from the start, then close it (a temporary file is then removed)."""
    with file:
        file.seek(0)
        while chunk := file.read(size):
            yield chunk


def spooled_download(write: Callable[[IO[bytes]], None], mimetype: str, filename: str) -> Response:
    """Have `write` fill a temporary file (memory stays flat), then stream it as an attachment."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 - file_chunks closes it once it is sent
    try:
        write(out)
    except BaseException:
        out.close()
        raise
    # The file is complete: sending it needs neither the request nor its database session.
    return _attachment(file_chunks(out), mimetype, filename)
