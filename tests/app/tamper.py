"""Play a database administrator who bypasses the application and its triggers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session


def tamper(session: Session, table: str, statement: str, **params: Any) -> None:
    """Run SQL on a guarded table with its guard triggers off, inside the test's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
        session.execute(text(statement), params)
        session.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))
        return
    names = session.execute(
        text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t"),
        {"t": table},
    )
    for (name,) in names.all():
        session.execute(text(f"DROP TRIGGER {name}"))  # rolled back with the test
    session.execute(text(statement), params)
