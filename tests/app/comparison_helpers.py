"""Helpers of the comparison and API tests: query counting, reading downloads."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event


@contextmanager
def counted(connection: Connection) -> Iterator[list[str]]:
    """Collect the SQL statements run on the test's connection inside the block."""
    statements: list[str] = []

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(connection, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", before)


def csv_rows(data: bytes) -> list[list[str]]:
    """Parse CSV bytes (a BOM allowed) into rows."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_text(data: bytes) -> str:
    """Return the text of every part of an XLSX file, unzipped."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
