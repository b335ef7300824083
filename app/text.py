"""The one rule for text that people type or import: no invisible control characters.

Refused everywhere (forms, CSV/XLSX imports, the progress workbook, review comments): the C0
controls except tab, line feed and carriage return; DEL; the bidirectional embeddings,
overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make "txt.exe" read as "exe.txt";
and lone surrogates, which no encoding can store. PostgreSQL cannot store NUL in text at all.
Right-to-left scripts themselves (Arabic, Hebrew) are ordinary text and always welcome.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _

from app.marks import N_

FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
MESSAGE = N_("Remove the invisible control characters from this text.")


def message() -> str:
    """Return MESSAGE, the words beside a field that holds such characters, in the reader's
    language."""
    return _(MESSAGE)


def invisible_characters(text: str) -> list[str]:
    """Return the forbidden characters of a text as code points ("U+202E"), each once, in order."""
    found = dict.fromkeys(f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text))
    return list(found)


def problem(text: str) -> str | None:
    """Return what is wrong with a text, for a message beside its field or row; None if nothing.

    "contains a NUL character" when there is one (the commonest, from a broken export), else
    "contains invisible control characters (U+202E); remove them".
    """
    found = invisible_characters(text)
    if not found:
        return None
    if "U+0000" in found:
        return _("contains a NUL character")
    return _(
        "contains invisible control characters (%(characters)s); remove them",
        characters=", ".join(found),
    )
