"""How the portfolio's stored values read on pages, in the reader's language.

The database, the files and the API keep the English codes (`ongoing`, `national`,
`member_state_request`); a page shows them through these lazy labels, looked up at display.
"""

from __future__ import annotations

from typing import cast

from flask_babel import lazy_gettext


def _l(message: str, **variables: object) -> str:
    """Mark a message read at display (Flask-Babel's lazy_gettext), typed as the `str` that
    WTForms' labels, choices and messages are declared to take."""
    return cast(str, lazy_gettext(message, **variables))


STATUS_LABELS: dict[str, str] = {
    "pipeline": _l("pipeline"),
    "ongoing": _l("ongoing"),
    "suspended": _l("suspended"),
    "completed": _l("completed"),
    "cancelled": _l("cancelled"),
}
SCOPE_LABELS: dict[str, str] = {
    "global": _l("global"),
    "interregional": _l("interregional"),
    "regional": _l("regional"),
    "national": _l("national"),
}
ORIGIN_LABELS: dict[str, str] = {
    "cted_need": _l("cted need"),
    "member_state_request": _l("member state request"),
    "entity_mandate": _l("entity mandate"),
}
ACHIEVEMENT_LABELS: dict[str, str] = {
    "on_track": _l("on track"),
    "at_risk": _l("at risk"),
    "off_track": _l("off track"),
    "not_assessed": _l("not assessed"),
}
KNOWN: dict[bool | None, str] = {True: _l("yes"), False: _l("no"), None: _l("unknown")}


def shown(labels: dict[str, str], value: str | None) -> str:
    """Return the label of a stored value; a value without one reads as it is stored."""
    if value is None:
        return str(KNOWN[None])
    found = labels.get(value)
    return str(found) if found is not None else value.replace("_", " ")


def choices(labels: dict[str, str], values: list[str]) -> list[tuple[str, str]]:
    """Return (value, label) pairs for a select, in the order of `values`."""
    return [(v, labels.get(v, v.replace("_", " "))) for v in values]
