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
from collections.abc import Iterator
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

    Plain tuples through the Core connection (the ORM's row objects cost more than the hash),
    and only the Decimal and date columns converted.
    """
    _name, model, columns, key_length = table
    selected = [getattr(model, c) for c in columns]
    stmt = (
        select(*selected)
        .where(model.baseline_id == baseline_id)
        .order_by(*selected[:key_length])
        .execution_options(yield_per=CHUNK)
    )
    convert = [i for i, c in enumerate(selected) if isinstance(c.type, Numeric | Date)]
    for partition in connection.execute(stmt).partitions():
        lines = []
        for row in partition:
            values = list(row)
            for i in convert:
                values[i] = canonical_value(values[i])
            lines.append(_ENCODE(values))
        yield ("\n".join(lines) + "\n").encode()


# One encoder for every line: json.dumps with options would build a new one per call.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
CHUNK = 5000


def _line(values: list[Any]) -> bytes:
    return _ENCODE(values).encode() + b"\n"


def content_hash(session: Session, baseline: Baseline) -> str:
    """Return "sha256:<hex>" of the baseline's canonical form."""
    digest = hashlib.sha256()
    for line in canonical_lines(session, baseline):
        digest.update(line)
    return "sha256:" + digest.hexdigest()
