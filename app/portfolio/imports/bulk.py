"""Write validated rows in bulk: COPY on PostgreSQL, one executemany elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys, in the session's transaction.

    On PostgreSQL through psycopg's COPY (a fraction of an INSERT's cost per row); elsewhere
    through SQLAlchemy's Core insert with a list, which is the driver's executemany. The rows
    must carry every value the table's Python-side defaults would add: COPY applies none.
    """
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    columns = ", ".join(f'"{name}"' for name in names)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[name] for name in names])
    finally:
        cursor.close()
