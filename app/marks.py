"""Mark a label for translation without translating it where it is defined.

The figures' labels are also the keys and headers of the CSV, XLSX and JSON downloads, which
stay English; `pybabel extract` finds `N_("...")` (one of its default keywords), and a page
translates the label at display with the `translated` template filter (app.text
and app.compare use it too).
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a no-op mark)
    """Return the message unchanged; its only purpose is to be extracted."""
    return message
