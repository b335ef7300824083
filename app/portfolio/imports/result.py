"""The outcome of an import."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportResult:
    """What an import created, updated and left as it was."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    def summary(self) -> str:
        """Return the counts as one line."""
        counts = (
            f"{len(self.created)} created, {len(self.updated)} updated, {self.unchanged} unchanged"
        )
        return f"{counts} (dry run: nothing written)" if self.dry_run else counts
