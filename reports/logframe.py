"""The logframe's lines as the reports show them: statement, assumptions, means of verification."""

from __future__ import annotations

from dataclasses import dataclass

NOT_WRITTEN = "Not written yet."
COLUMN_HEADERS = ("Assumptions and risks", "Means of verification")


@dataclass(frozen=True)
class OutcomeLine:
    """A Compact-level outcome with the two other columns of its logframe row."""

    code: str
    statement: str
    assumptions: str = ""
    means_of_verification: str = ""

    def columns(self) -> tuple[str, str]:
        """Return the two texts, each "Not written yet." when empty."""
        return (self.assumptions or NOT_WRITTEN, self.means_of_verification or NOT_WRITTEN)
