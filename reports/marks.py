"""`N_` marks a module-level message for extraction; the code translates it where it is shown.

Module-level strings are read once, at import, before any language is chosen: they are kept in
English, marked with `N_` so that `pybabel extract` finds them (a default keyword), and passed
to `indicators.i18n.gettext` when a report is drawn.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention's name
    """Return the message unchanged: it is translated later, where it is shown."""
    return message
