"""Builders of import files (CSV bytes and XLSX workbooks) shared by the import tests."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.audit import AuditEvent
from app.models.portfolio import CtedNeed, Project, ProjectCountry, project_needs, project_pve_areas

NEED = {
    "code": "CTED-KEN-2018-07",
    "member_state": "KEN",
    "assessment_date": "2018-05-02",
    "pillar": "II",
    "thematic_area": "Border security",
    "description": "Establish an advance passenger information system.",
    "confidential": "no",
}

PROJECT = {
    "code": "UNODC-KEN-0042",
    "title": "Border security and management",
    "entity": "UNODC",
    "pillar": "II",
    "scope": "national",
    "countries": "KEN",
    "status": "ongoing",
    "start_date": "2018-01-01",
    "end_date": "2020-12-31",
    "budget_usd": "1000000",
    "funded_usd": "400000.50",
    "in_multi_year_appeal": "yes",
    "cted_needs": "CTED-KEN-2018-07",
    "pve_priority_areas": "2;4",
    "gender_marker": "2",
    "origin": "cted_need",
}


def csv_bytes(rows: list[dict[str, str]], header: list[str] | None = None) -> bytes:
    """Return a CSV file (UTF-8) with the given rows."""
    names = header or list(rows[0])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([row.get(n, "") for n in names] for row in rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[list[Any]]) -> bytes:
    """Return an XLSX workbook whose first sheet holds the given rows (header first)."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def projects(n: int, **changes: str) -> list[dict[str, str]]:
    """Return n valid project rows with distinct codes."""
    return [{**PROJECT, "code": f"UNODC-KEN-{i:05d}", **changes} for i in range(n)]


def counts(session: Session) -> dict[str, int]:
    """Count the rows an import may write."""
    tables = {
        "projects": Project.__table__,
        "needs": CtedNeed.__table__,
        "countries": ProjectCountry.__table__,
        "project_needs": project_needs,
        "pve": project_pve_areas,
        "audit": AuditEvent.__table__,
    }
    return {k: session.scalar(select(func.count()).select_from(t)) for k, t in tables.items()}
