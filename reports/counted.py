"""Counted nouns of running text, each a whole translatable phrase ("nine projects").

Numbers under 10 are words when `words` is set (the Editorial Manual's rule, `fmt_cardinal`);
"no projects" for none. Plural forms come from the catalogue (`ngettext`), never from an "s".
"""

from __future__ import annotations

from reports.formatting import fmt_cardinal, fmt_number
from reports.localized import gettext, ngettext


def projects(n: int, words: bool = True) -> str:
    """Count projects: "no projects", "one project", "nine projects", "10 projects"."""
    if words and n == 0:
        return gettext("no projects")
    count = fmt_cardinal(n, words)
    return ngettext("%(count)s project", "%(count)s projects", n, count=count)


def compact_entities(n: int) -> str:
    """Count Counter-Terrorism Compact entities, in words under 10."""
    if n == 0:
        return gettext("no Counter-Terrorism Compact entities")
    return ngettext(
        "%(count)s Counter-Terrorism Compact entity",
        "%(count)s Counter-Terrorism Compact entities",
        n,
        count=fmt_cardinal(n),
    )


def needs(n: int, words: bool = True) -> str:
    """Count technical assistance needs, in words under 10 when `words` is set."""
    if words and n == 0:
        return gettext("no technical assistance needs")
    return ngettext(
        "%(count)s technical assistance need",
        "%(count)s technical assistance needs",
        n,
        count=fmt_cardinal(n, words),
    )


def project_figure(n: int) -> str:
    """Count projects in figures, for tables and captions: "1 project", "1,204 projects"."""
    return ngettext("%(count)s project", "%(count)s projects", n, count=fmt_number(n))


def document_figure(n: int) -> str:
    """Count documents in figures: "1 document", "12 documents"."""
    return ngettext("%(count)s document", "%(count)s documents", n, count=fmt_number(n))
