"""The logframe's lines as the reports show them: statement, assumptions, means of verification."""

from __future__ import annotations

from dataclasses import dataclass

from indicators.i18n import N_
from reports.localized import gettext

NOT_WRITTEN = N_("Not written yet.")
COLUMN_HEADERS = (N_("Assumptions and risks"), N_("Means of verification"))


@dataclass(frozen=True)
class OutcomeLine:
    """A Compact-level outcome with the two other columns of its logframe row."""

    code: str
    statement: str
    assumptions: str = ""
    means_of_verification: str = ""

    def columns(self) -> tuple[str, str]:
        """Return the two texts, each "Not written yet." when empty."""
        empty = gettext(NOT_WRITTEN)
        return (self.assumptions or empty, self.means_of_verification or empty)
