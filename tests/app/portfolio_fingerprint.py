"""The database fingerprint of the portfolio: a SHA-256 over the rows of the tables an import
or a workbook upload can write (projects and their links, needs, progress, the audit trail)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tests.security.fingerprint import Fingerprint, fingerprint

PORTFOLIO_TABLES = (
    "projects",
    "project_countries",
    "project_needs",
    "project_pve_areas",
    "cted_needs",
    "progress_reports",
    "indicator_values",
    "activity_updates",
    "audit_events",
)


def portfolio_fingerprint(session: Session) -> Fingerprint:
    """Return {table: (row count, sha256 of its rows by primary key)} of the portfolio tables."""
    found = fingerprint(session)
    return {name: found[name] for name in PORTFOLIO_TABLES}
