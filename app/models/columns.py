"""Small helpers shared by the model modules."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint


def one_of(
    column: str, values: type[StrEnum] | tuple[str, ...], name: str | None = None
) -> CheckConstraint:
    """Return a named CHECK that keeps a text column within an enumeration."""
    options = tuple(v.value for v in values) if isinstance(values, type) else values
    listed = ", ".join(f"'{v}'" for v in options)
    return CheckConstraint(f"{column} IN ({listed})", name=name or f"{column}_valid")


def choices(values: type[StrEnum]) -> list[str]:
    """Return the values of an enumeration as a list (for form choices)."""
    return [v.value for v in values]
