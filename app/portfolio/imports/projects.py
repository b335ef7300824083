"""The projects file: columns, per-row and cross-column rules (docs/interfaces.md section 2)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from app.models.columns import choices
from app.models.enums import Origin
from app.models.portfolio import PROJECT_SCALARS
from app.portfolio.imports import fields
from app.portfolio.imports.reader import Columns, Row
from app.portfolio.imports.rows import Parser, parse_row, unique_codes
from indicators.types import ProjectStatus, Scope

COLUMNS = Columns(
    known=(
        "code",
        "title",
        "entity",
        "pillar",
        "scope",
        "countries",
        "status",
        "start_date",
        "end_date",
        "budget_usd",
        "funded_usd",
        "in_multi_year_appeal",
        "cted_needs",
        "pve_priority_areas",
        "gender_marker",
        "origin",
    ),
    required=("code", "title", "entity", "pillar", "scope", "status", "budget_usd", "funded_usd"),
)

SCOPES = tuple(choices(Scope))
STATUSES = tuple(choices(ProjectStatus))
ORIGINS = tuple(choices(Origin))

PARSERS: dict[str, Parser] = {
    "code": fields.code,
    "title": lambda v: fields.required_text(v, 500),
    "entity": lambda v: fields.required_text(v, 20),
    "pillar": fields.pillar,
    "scope": lambda v: fields.choice(v, SCOPES),
    "countries": fields.iso3_list,
    "status": lambda v: fields.choice(v, STATUSES),
    "start_date": lambda v: fields.date(v, required=False),
    "end_date": lambda v: fields.date(v, required=False),
    "budget_usd": fields.amount,
    "funded_usd": fields.amount,
    "in_multi_year_appeal": lambda v: fields.yes_no(v, None),
    "cted_needs": lambda v: frozenset(fields.split_list(v)),
    "pve_priority_areas": lambda v: fields.number_list(v, 1, 7),
    "gender_marker": lambda v: fields.small_int(v, 0, 3),
    "origin": lambda v: fields.choice(v, ORIGINS, required=False),
}

SCALARS = PROJECT_SCALARS


# What a new project gets for an optional column the file does not have.
OPTIONAL_DEFAULTS: dict[str, Any] = {
    name: PARSERS[name]("") for name in COLUMNS.known if name not in COLUMNS.required
}


@dataclass(frozen=True)
class ProjectRecord:
    """One valid row: Project column values, the sets of linked rows, and the row as a whole
    project in the file's terms (the file's cells over what the project has now)."""

    values: dict[str, Any]
    countries: frozenset[str]
    need_ids: frozenset[int]
    pve_areas: frozenset[int]
    row: int = 0
    as_file: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Lookups:
    """Existing rows a projects file refers to, loaded once; `current` are the file's projects
    as they are now, in the file's terms."""

    entities: Mapping[str, int]
    needs: Mapping[str, int]
    current: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def validate(
    rows: Iterable[Row], every: list[Row], lookups: Lookups, problems: list[str]
) -> list[ProjectRecord]:
    """Return each valid row as a ProjectRecord; append problems for the others.

    A column the file does not have keeps the project's current value (a new project gets the
    column's empty value), so cross-column rules see the project as it would be."""
    unique_codes(every, problems)
    records = []
    for number, row in rows:
        before = len(problems)
        parsed = parse_row(number, row, PARSERS, problems)
        if len(problems) == before:
            parsed = {**lookups.current.get(parsed["code"], OPTIONAL_DEFAULTS), **parsed}
            problems += [f"row {number}: {p}" for p in cross_problems(parsed, lookups)]
        if len(problems) == before:
            records.append(_record(number, parsed, lookups))
    return records


def referenced_needs(rows: Iterable[Row]) -> list[str]:
    """Return the distinct need codes the rows name, before any row is validated."""
    return sorted(
        {code for _, row in rows for code in fields.split_list(row.get("cted_needs", ""))}
    )


def cross_problems(parsed: dict[str, Any], lookups: Lookups) -> list[str]:
    """Return `column: problem` for rules that involve several columns or the database."""
    found = []
    if parsed["entity"] not in lookups.entities:
        entity = repr(parsed["entity"])
        found.append(f"entity: {_('%(value)s is not a Compact entity acronym', value=entity)}")
    start, end = parsed["start_date"], parsed["end_date"]
    if start and end and end < start:
        early = _("%(end)s is before start_date %(start)s", end=end, start=start)
        found.append(f"end_date: {early}")
    if parsed["funded_usd"] > parsed["budget_usd"]:
        above = _(
            "%(funded)s is above budget_usd %(budget)s",
            funded=parsed["funded_usd"],
            budget=parsed["budget_usd"],
        )
        found.append(f"funded_usd: {above}")
    if parsed["scope"] == Scope.NATIONAL and not parsed["countries"]:
        found.append(f"countries: {_('required when scope is national')}")
    unknown = sorted(c for c in parsed["cted_needs"] if c not in lookups.needs)
    if unknown:
        found.append(f"cted_needs: {_('no CTED need %(codes)s', codes=', '.join(unknown))}")
    return found


def _record(number: int, parsed: dict[str, Any], lookups: Lookups) -> ProjectRecord:
    values = {name: parsed[name] for name in SCALARS}
    values["entity_id"] = lookups.entities[parsed["entity"]]
    values["pillar_code"] = parsed["pillar"]
    return ProjectRecord(
        values=values,
        countries=parsed["countries"],
        need_ids=frozenset(lookups.needs[c] for c in parsed["cted_needs"]),
        pve_areas=parsed["pve_priority_areas"],
        row=number,
        as_file={name: parsed[name] for name in COLUMNS.known},
    )
