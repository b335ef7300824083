"""The canonical form of a baseline's rows and its SHA-256: the proof it never changed.

The form is a stream of lines, each a compact JSON array: the header (label, as-of date), then
for each table its name and one line per row in key order. It is hashed as it is read, so a
baseline of a million values never has to sit in memory.

Tables added later (``OPTIONAL``: the frozen parts of disaggregated values) come after the
others and only when they hold rows: their name line is written before their first row, so a
baseline without any (every baseline frozen before them) keeps the form, and the hash, it had.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Date, Numeric, select
from sqlalchemy.orm import Session

from app.models.baselines import (
    Baseline,
    BaselineLink,
    BaselineNeed,
    BaselineProject,
    BaselineValue,
    BaselineValuePart,
)

PROJECT_COLUMNS = (
    "code",
    "title",
    "entity",
    "pillar",
    "scope",
    "status",
    "start_date",
    "end_date",
    "budget_usd",
    "funded_usd",
    "in_multi_year_appeal",
    "gender_marker",
    "origin",
    "countries",
    "pve_areas",
)
NEED_COLUMNS = (
    "code",
    "member_state",
    "assessment_date",
    "pillar",
    "thematic_area",
    "description",
    "confidential",
)
LINK_COLUMNS = ("project_code", "need_code")
VALUE_COLUMNS = (
    "project_code",
    "indicator_code",
    "period_key",
    "value",
    "numerator",
    "denominator",
    "text",
)
PART_COLUMNS = (
    "project_code",
    "indicator_code",
    "period_key",
    "category",
    "value",
    "parts_incomplete",
)
Table = tuple[str, type[Any], tuple[str, ...], int]
TABLES: tuple[Table, ...] = (
    ("projects", BaselineProject, PROJECT_COLUMNS, 1),
    ("needs", BaselineNeed, NEED_COLUMNS, 1),
    ("links", BaselineLink, LINK_COLUMNS, 2),
    ("values", BaselineValue, VALUE_COLUMNS, 3),
)
OPTIONAL: tuple[Table, ...] = (("parts", BaselineValuePart, PART_COLUMNS, 4),)


def canonical_value(value: Any) -> Any:
    """Return a value in a form that is the same whichever database stored it."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical_lines(session: Session, baseline: Baseline) -> Iterator[bytes]:
    """Yield the baseline's canonical form, rows in key order, in chunks of whole lines."""
    if session.autoflush:  # as the ORM's own execute would, before reading through Core
        session.flush()
    connection = session.connection()
    yield _line([baseline.label, baseline.as_of.isoformat()])
    for table in TABLES:
        yield _line([table[0]])
        yield from _rows(connection, baseline.id, table)
    for table in OPTIONAL:
        first = True
        for chunk in _rows(connection, baseline.id, table):
            if first:  # an empty optional table adds nothing, not even its name
                yield _line([table[0]])
                first = False
            yield chunk


def _rows(connection: Connection, baseline_id: int, table: Table) -> Iterator[bytes]:
    """Yield one table's rows of the baseline in key order, CHUNK canonical lines at a time.

    Plain tuples from the driver's cursor, in the session's transaction (the ORM's rows cost
    more than the hash); only the columns that need it go through their type's own result
    processor (the one SQLAlchemy would apply) and then canonical_value.
    """
    _name, model, columns, key_length = table
    selected = [getattr(model, c) for c in columns]
    stmt = (
        select(*selected)
        .where(model.baseline_id == int(baseline_id))
        .order_by(*selected[:key_length])
    )
    sql = str(stmt.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = _cursor(connection)
    try:
        cursor.execute(sql)
        convert = _converters(connection, selected, cursor.description)
        while partition := cursor.fetchmany(CHUNK):
            rows = [list(row) for row in partition]
            for values in rows:
                for i, to_canonical in convert:
                    if values[i] is not None:
                        values[i] = to_canonical(values[i])
            yield _lines(rows)
    finally:
        cursor.close()


def _cursor(connection: Connection) -> Any:
    """Open a driver cursor on the connection; on PostgreSQL a server-side one (constant memory)."""
    if connection.dialect.name == "postgresql":
        return connection.connection.cursor(name="baseline_canonical")
    return connection.connection.cursor()


def _then_canonical(process: Callable[[Any], Any] | None) -> Callable[[Any], Any]:
    """Convert a driver value as SQLAlchemy would, then canonically; remember the results.

    A frozen table repeats few distinct values over many rows (quantities, dates), and equal
    driver values (1 and 1.0, Decimal 1.50 and 1.5) have equal canonical forms, so the cache
    is exact; it is emptied when it grows large.
    """
    cache: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        found = cache.get(value)
        if found is None:
            if len(cache) >= CACHE_MAX:
                cache.clear()
            found = cache[value] = canonical_value(value if process is None else process(value))
        return found

    return convert


def _converters(
    connection: Connection, selected: list[Any], description: Any
) -> list[tuple[int, Callable[[Any], Any]]]:
    """Return (position, converter) of the columns whose values need converting."""
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for i, column in enumerate(selected):
        process = column.type.result_processor(connection.dialect, description[i][1])
        if isinstance(column.type, Numeric | Date):
            found.append((i, _then_canonical(process)))
        elif process is not None:
            found.append((i, process))
    return found


def _lines(rows: list[list[Any]]) -> bytes:
    """Encode rows as one canonical line each: the bytes `_line` gives row by row.

    The rows go through the C encoder as one array; between two rows it writes exactly "],[",
    so when the text holds that sequence once per boundary and no more (no cell contains it),
    each boundary becomes a line break. Otherwise, rows are encoded one by one.
    """
    inner = _ENCODE(rows)[1:-1]
    if inner.count("],[") == len(rows) - 1:
        return (inner.replace("],[", "]\n[") + "\n").encode()
    return b"".join(_line(values) for values in rows)


# One encoder for every line: json.dumps with options would build a new one per call.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
CHUNK = 5000
CACHE_MAX = 100_000


def _line(values: list[Any]) -> bytes:
    return _ENCODE(values).encode() + b"\n"


def content_hash(session: Session, baseline: Baseline) -> str:
    """Return "sha256:<hex>" of the baseline's canonical form."""
    digest = hashlib.sha256()
    for line in canonical_lines(session, baseline):
        digest.update(line)
    return "sha256:" + digest.hexdigest()
