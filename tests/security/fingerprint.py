"""The state a refused request must leave unchanged: every table's row count and a SHA-256 of
its rows ordered by primary key (RELIABILITY T02, T41, T71)."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Connection, MetaData, select
from sqlalchemy.orm import Session

Fingerprint = dict[str, tuple[int, str]]


def _connection(source: Connection | Session) -> Connection:
    if isinstance(source, Session):
        source.flush()
        return source.connection()
    return source


_SCHEMAS: dict[tuple[str, int], MetaData] = {}


def _schema(conn: Connection) -> MetaData:
    """Reflect the tables once per database and schema size (the schema changes only in
    migration tests, which use databases of their own)."""
    from sqlalchemy import inspect

    names = inspect(conn).get_table_names()
    key = (conn.engine.url.render_as_string(hide_password=True), len(names))
    if key not in _SCHEMAS:
        meta = MetaData()
        meta.reflect(bind=conn)
        _SCHEMAS[key] = meta
    return _SCHEMAS[key]


def fingerprint(source: Connection | Session) -> Fingerprint:
    """Return {table: (row count, sha256 of its rows)} for every table of the database."""
    conn = _connection(source)
    meta = _schema(conn)
    found: Fingerprint = {}
    for table in meta.sorted_tables:
        order: list[Any] = list(table.primary_key.columns) or list(table.columns)
        digest, count = hashlib.sha256(), 0
        for row in conn.execute(select(table).order_by(*order)):
            digest.update(repr(tuple(row)).encode())
            digest.update(b"\x1e")
            count += 1
        found[table.name] = (count, digest.hexdigest())
    return found


def changed(before: Fingerprint, after: Fingerprint) -> list[str]:
    """Name the tables whose rows differ between two fingerprints."""
    names = sorted(set(before) | set(after))
    return [name for name in names if before.get(name) != after.get(name)]
