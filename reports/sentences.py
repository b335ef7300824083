"""The sentences of the key messages (`reports.messages`), one writer each, in reading order.

A writer takes the figures and returns its sentence, or None when its figures are missing.
Every sentence is one translatable message with named placeholders (`indicators.i18n`); a list
of shares is a series of whole translatable items joined by `fmt_series`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from indicators.i18n import N_
from indicators.types import Pillar
from reports import counted
from reports.formatting import (
    fmt_cardinal,
    fmt_long_date,
    fmt_month_year,
    fmt_series,
    fmt_share,
    fmt_usd,
)
from reports.localized import gettext, ngettext
from reports.money_sentences import budget, funded, shortfall
from reports.sentence_words import (
    scope_word,
    status_all,
    status_first,
    status_one,
    status_then,
)

if TYPE_CHECKING:  # the figures' dataclass imports the writers: only its type is needed here
    from reports.messages import KeyFacts

PILLARS = tuple(p.value for p in Pillar)
# Scopes in the order of paragraph 59, then interregional (the 4 per cent it leaves unnamed).
SCOPES = ("global", "regional", "national", "interregional")
# Statuses in the order of paragraph 60.
STATUSES = ("ongoing", "completed", "suspended", "pipeline")
ACTIVE = ("pipeline", "ongoing", "suspended")
Item = Callable[[str, str], str]  # (share, key) -> one item of a series of shares


def _projects(facts: KeyFacts, *others: int) -> str:
    """The portfolio's count of projects; in figures when a count of 10 or more stands by it."""
    return counted.projects(facts.projects, words=_words(facts.projects, *others))


def _words(*counts: int) -> bool:
    """Tell whether counts of one kind in one sentence are words (all under 10) or figures."""
    return all(n < 10 for n in counts)


def _shares(
    facts: KeyFacts, counts: Mapping[str, int], keys: Sequence[str], first: Item, then: Item
) -> str:
    """List the share of each key held by some project: the first with `first`'s words."""
    held = [k for k in keys if counts.get(k, 0) > 0]
    items = [(first if i == 0 else then)(fmt_share(counts[k], facts.projects), k)
             for i, k in enumerate(held)]  # fmt: skip
    return fmt_series(items)


def implementing(facts: KeyFacts) -> str:
    """Paragraph 56: how many projects, compared with the comparison's."""
    month, cmp = fmt_month_year(facts.as_of), facts.comparison
    if cmp is None:
        if facts.entity:
            text = N_("By %(month)s, %(entity)s was implementing %(projects)s.")
            return gettext(text, month=month, entity=facts.entity, projects=_projects(facts))
        text = N_(
            "By %(month)s, Counter-Terrorism Compact entities were implementing %(projects)s."
        )
        return gettext(text, month=month, projects=_projects(facts))
    year_differs = cmp.as_of.year != facts.as_of.year
    words = _words(facts.projects, cmp.projects)
    values = {
        "month": month,
        "projects": _projects(facts, cmp.projects),
        "theirs": counted.projects(cmp.projects, words=words),
        "when": str(cmp.as_of.year) if year_differs else fmt_month_year(cmp.as_of),
        "label": cmp.label,
        "date": fmt_long_date(cmp.as_of),
    }
    if facts.entity:
        return gettext(
            "By %(month)s, %(entity)s was implementing %(projects)s compared to %(theirs)s in "
            "%(when)s (baseline \u201c%(label)s\u201d, as of %(date)s).",
            entity=facts.entity,
            **values,
        )
    return gettext(
        "By %(month)s, Counter-Terrorism Compact entities were implementing %(projects)s "
        "compared to %(theirs)s in %(when)s (baseline \u201c%(label)s\u201d, as of %(date)s).",
        **values,
    )


def by_pillar(facts: KeyFacts) -> str | None:
    """Paragraph 56: the share of the projects under each pillar."""
    held = [p for p in PILLARS if facts.by_pillar.get(p, 0) > 0]
    if not held:
        return None
    if len(held) == 1:
        if facts.projects == 1:
            return gettext("The one project falls under Pillar %(pillar)s.", pillar=held[0])
        text = N_("All %(projects)s fall under Pillar %(pillar)s.")
        return gettext(text, projects=_projects(facts), pillar=held[0])

    def first(share: str, pillar: str) -> str:
        return gettext("%(share)s fall under Pillar %(pillar)s", share=share, pillar=pillar)

    def then(share: str, pillar: str) -> str:
        return gettext("%(share)s under Pillar %(pillar)s", share=share, pillar=pillar)

    shares = _shares(facts, facts.by_pillar, PILLARS, first, then)
    return gettext("Out of the %(projects)s, %(shares)s.", projects=_projects(facts), shares=shares)


def entities(facts: KeyFacts) -> str | None:
    """Paragraph 57: how many entities implement the projects (Compact-wide reports only)."""
    if facts.entity is not None or facts.projects == 0:
        return None
    who = counted.compact_entities(facts.implementing_entities)
    if facts.projects == 1:
        return gettext(
            "The one project reported to the Counter-Terrorism Compact is implemented by "
            "%(entities)s.",
            entities=who,
        )
    return gettext(
        "The %(projects)s reported to the Counter-Terrorism Compact are being implemented by "
        "%(entities)s.",
        projects=_projects(facts),
        entities=who,
    )


def by_scope(facts: KeyFacts) -> str | None:
    """Paragraph 59: the share of global, regional, national and interregional projects."""
    held = [s for s in SCOPES if facts.by_scope.get(s, 0) > 0]
    if not held:
        return None
    if len(held) == 1:
        if facts.projects == 1:
            return gettext("The one project is %(scope)s.", scope=scope_word(held[0]))
        text = N_("All %(projects)s are %(scope)s.")
        return gettext(text, projects=_projects(facts), scope=scope_word(held[0]))

    def first(share: str, scope: str) -> str:
        return gettext("%(share)s are %(scope)s", share=share, scope=scope_word(scope))

    def then(share: str, scope: str) -> str:
        return gettext("%(share)s %(scope)s", share=share, scope=scope_word(scope))

    shares = _shares(facts, facts.by_scope, SCOPES, first, then)
    return gettext("Of the %(projects)s, %(shares)s.", projects=_projects(facts), shares=shares)


def by_status(facts: KeyFacts) -> str | None:
    """Paragraph 60: the share of projects ongoing, completed, suspended and new."""
    held = [s for s in STATUSES if facts.by_status.get(s, 0) > 0]
    if not held:
        return None
    if len(held) == 1:
        if facts.projects == 1:
            return status_one(held[0])
        return status_all(held[0], _projects(facts))
    shares = _shares(facts, facts.by_status, STATUSES, status_first, status_then)
    return gettext("As to their status, %(shares)s.", shares=shares)


def appeal(facts: KeyFacts) -> str | None:
    """Paragraph 66: the projects included in the Multi-Year Appeal."""
    if facts.projects == 0:
        return None
    n = facts.in_multi_year_appeal
    if n == 0:
        text = N_("None of the %(projects)s is included in the Multi-Year Appeal.")
        return gettext(text, projects=_projects(facts))
    return ngettext(
        "Out of the portfolio of %(projects)s, %(count)s is included in the Multi-Year Appeal.",
        "Out of the portfolio of %(projects)s, %(count)s are included in the Multi-Year Appeal.",
        n,
        projects=_projects(facts, n),
        count=fmt_cardinal(n, _words(n, facts.projects)),
    )


def needs(facts: KeyFacts) -> str | None:
    """Paragraph 55: the CTED-identified needs and how many the portfolio addresses."""
    found = facts.needs
    if found is None or found.total == 0:
        return None
    words = _words(found.total, found.addressed)
    total, entity = counted.needs(found.total, words=words), facts.entity
    if found.addressed == 0:
        if entity:
            text = N_(
                "Of the %(total)s identified by CTED, none is yet addressed by at least one "
                "%(entity)s project."
            )
            return gettext(text, total=total, entity=entity)
        text = N_(
            "Of the %(total)s identified by CTED, none is yet addressed by at least one project."
        )
        return gettext(text, total=total)
    values = {
        "total": total,
        "count": fmt_cardinal(found.addressed, words),
        "share": fmt_share(found.addressed, found.total),
        "entity": entity or "",
    }
    if entity:
        return ngettext(
            "Of the %(total)s identified by CTED, %(count)s (%(share)s) is addressed by at least "
            "one %(entity)s project.",
            "Of the %(total)s identified by CTED, %(count)s (%(share)s) are addressed by at least "
            "one %(entity)s project.",
            found.addressed,
            **values,
        )
    return ngettext(
        "Of the %(total)s identified by CTED, %(count)s (%(share)s) is addressed by at least "
        "one project.",
        "Of the %(total)s identified by CTED, %(count)s (%(share)s) are addressed by at least "
        "one project.",
        found.addressed,
        **values,
    )


def seed_funding(facts: KeyFacts) -> str | None:
    """Paragraph 63: the projects seed-funded from the Trust Fund each year (Compact-wide)."""
    years = [y for y in facts.seed_funding if y.project_count > 0]
    if facts.entity is not None or not years:
        return None
    words = _words(*(y.project_count for y in years))
    given = [
        gettext(
            "to %(projects)s in %(year)s (%(total)s in total)",
            projects=counted.projects(y.project_count, words=words),
            year=str(y.year),
            total=fmt_usd(y.total),
        )
        for y in years
    ]
    return gettext(
        "Seed funding from the Trust Fund for Counter-Terrorism was provided %(years)s.",
        years=fmt_series(given),
    )


WRITERS: tuple[Callable[[KeyFacts], str | None], ...] = (
    implementing,
    by_pillar,
    entities,
    by_scope,
    by_status,
    budget,
    shortfall,
    funded,
    seed_funding,
    appeal,
    needs,
)
