"""The needs file: columns and per-row rules (docs/interfaces.md section 2)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.portfolio.imports import fields
from app.portfolio.imports.reader import Columns, Row
from app.portfolio.imports.rows import Parser, parse_row, unique_codes

COLUMNS = Columns(
    known=(
        "code",
        "member_state",
        "assessment_date",
        "pillar",
        "thematic_area",
        "description",
        "confidential",
    ),
    required=("code", "member_state", "assessment_date", "pillar", "thematic_area", "description"),
)

PARSERS: dict[str, Parser] = {
    "code": fields.code,
    "member_state": fields.iso3,
    "assessment_date": fields.date,
    "pillar": fields.pillar,
    "thematic_area": lambda v: fields.required_text(v, 200),
    "description": lambda v: fields.required_text(v, 5000),
    "confidential": lambda v: fields.yes_no(v, False),
}

# Database column for each file column (the others share their name).
RENAMED = {"pillar": "pillar_code"}
FILE_NAMES = {db_name: name for name, db_name in RENAMED.items()}
# What a new need gets for an optional column the file does not have.
DEFAULTS: dict[str, Any] = {"confidential": False}


def validate(
    rows: Iterable[Row], every: list[Row], problems: list[str]
) -> list[tuple[int, dict[str, Any]]]:
    """Return (row number, CtedNeed column values of the file's columns) for each valid row;
    append problems for the others."""
    unique_codes(every, problems)
    records = []
    for number, row in rows:
        before = len(problems)
        parsed = parse_row(number, row, PARSERS, problems)
        if len(problems) == before:
            records.append((number, {RENAMED.get(k, k): v for k, v in parsed.items()}))
    return records
