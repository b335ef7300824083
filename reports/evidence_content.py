"""The quarterly report's evidence annex: the documents behind the quarter's approved figures."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceLine:
    """One document (file or link) attached to an approved report of the quarter."""

    project_code: str
    supports: str  # an indicator code, or "" for the whole report
    name: str
    kind: str  # "file" or "link"
    sha256: str  # files only; "" for a link
    url: str = ""  # links only
