"""The sentences of the key messages (`reports.messages`), one writer each, in reading order.

A writer takes the figures and returns its sentence, or None when its figures are missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from indicators.types import Pillar
from reports.formatting import (
    fmt_cardinal,
    fmt_count,
    fmt_long_date,
    fmt_month_year,
    fmt_series,
    fmt_share,
    fmt_usd,
)

if TYPE_CHECKING:  # the figures' dataclass imports the writers: only its type is needed here
    from reports.messages import KeyFacts

COMPACT_ENTITIES = "Counter-Terrorism Compact entities"
PILLARS = tuple(p.value for p in Pillar)
# Scopes in the order of paragraph 59, then interregional (the 4 per cent it leaves unnamed).
SCOPES = ("global", "regional", "national", "interregional")
# Statuses in the order of paragraph 60, each with the words that follow its share.
STATUS_WORDS = (
    ("ongoing", "are ongoing"),
    ("completed", "have been completed"),
    ("suspended", "are suspended"),
    ("pipeline", "are new or under development"),
)
ACTIVE = ("pipeline", "ongoing", "suspended")
STATUSES = tuple(s for s, _ in STATUS_WORDS)


def _projects(facts: KeyFacts, *others: int) -> str:
    """The portfolio's count of projects; in figures when a count of 10 or more stands by it."""
    return fmt_count(facts.projects, "project", words=_words(facts.projects, *others))


def _words(*counts: int) -> bool:
    """Tell whether counts of one kind in one sentence are words (all under 10) or figures."""
    return all(n < 10 for n in counts)


def _every(facts: KeyFacts) -> str:
    """Name every project: "All 35 projects", "The one project"."""
    return "The one project" if facts.projects == 1 else f"All {_projects(facts)}"


def _singular(verb: str, count: int) -> str:
    """Turn "are ..." and "have ..." to "is ..." and "has ..." for a count of one."""
    if count != 1:
        return verb
    first, _, rest = verb.partition(" ")
    return " ".join([{"are": "is", "have": "has"}.get(first, first), rest]).strip()


def _shares(
    facts: KeyFacts,
    counts: Mapping[str, int],
    keys: Sequence[str],
    first: Callable[[str], str],
    then: Callable[[str], str],
) -> str:
    """List the share of each key held by some project: the first with `first`'s words."""
    held = [k for k in keys if counts.get(k, 0) > 0]
    words = [first(held[0])] + [then(k) for k in held[1:]]
    pairs = zip(held, words, strict=True)
    return fmt_series([f"{fmt_share(counts[k], facts.projects)} {w}" for k, w in pairs])


def implementing(facts: KeyFacts) -> str:
    """Paragraph 56: how many projects, compared with the comparison's."""
    who, verb = (facts.entity, "was") if facts.entity else (COMPACT_ENTITIES, "were")
    text = f"By {fmt_month_year(facts.as_of)}, {who} {verb} implementing "
    cmp = facts.comparison
    if cmp is None:
        return text + f"{_projects(facts)}."
    year_differs = cmp.as_of.year != facts.as_of.year
    when = str(cmp.as_of.year) if year_differs else fmt_month_year(cmp.as_of)
    theirs = fmt_count(cmp.projects, "project", words=_words(facts.projects, cmp.projects))
    return (
        text + f"{_projects(facts, cmp.projects)} compared to {theirs} in {when} "
        f"(baseline \u201c{cmp.label}\u201d, as of {fmt_long_date(cmp.as_of)})."
    )


def by_pillar(facts: KeyFacts) -> str | None:
    """Paragraph 56: the share of the projects under each pillar."""
    held = [p for p in PILLARS if facts.by_pillar.get(p, 0) > 0]
    if not held:
        return None
    if len(held) == 1:
        verb = "falls" if facts.projects == 1 else "fall"
        return f"{_every(facts)} {verb} under Pillar {held[0]}."
    shares = _shares(facts, facts.by_pillar, PILLARS, "fall under Pillar {}".format,
                     "under Pillar {}".format)  # fmt: skip
    return f"Out of the {_projects(facts)}, {shares}."


def entities(facts: KeyFacts) -> str | None:
    """Paragraph 57: how many entities implement the projects (Compact-wide reports only)."""
    if facts.entity is not None or facts.projects == 0:
        return None
    who = fmt_count(
        facts.implementing_entities, "Counter-Terrorism Compact entity", COMPACT_ENTITIES
    )
    if facts.projects == 1:
        return f"The one project reported to the Counter-Terrorism Compact is implemented by {who}."
    return (
        f"The {_projects(facts)} reported to the Counter-Terrorism Compact are being "
        f"implemented by {who}."
    )


def by_scope(facts: KeyFacts) -> str | None:
    """Paragraph 59: the share of global, regional, national and interregional projects."""
    held = [s for s in SCOPES if facts.by_scope.get(s, 0) > 0]
    if not held:
        return None
    if len(held) == 1:
        return f"{_every(facts)} {_singular('are', facts.projects)} {held[0]}."
    shares = _shares(facts, facts.by_scope, SCOPES, "are {}".format, str)
    return f"Of the {_projects(facts)}, {shares}."


def by_status(facts: KeyFacts) -> str | None:
    """Paragraph 60: the share of projects ongoing, completed, suspended and new."""
    words = dict(STATUS_WORDS)
    held = [s for s in STATUSES if facts.by_status.get(s, 0) > 0]
    if not held:
        return None
    if len(held) == 1:
        return f"{_every(facts)} {_singular(words[held[0]], facts.projects)}."

    def first(status: str) -> str:
        return f"of the projects {words[status]}"

    shares = _shares(facts, facts.by_status, STATUSES, first, words.__getitem__)
    return f"As to their status, {shares}."


def budget(facts: KeyFacts) -> str | None:
    """Paragraph 61: the overall budget, of active and of completed projects."""
    if facts.projects == 0:
        return None
    whose = f"{facts.entity}\u2019s portfolio" if facts.entity else "the project portfolio"
    text = (
        f"The overall budget of {whose} as of {fmt_long_date(facts.as_of)} is "
        f"{fmt_usd(facts.budget_total)}"
    )
    active, completed = facts.active_projects, facts.by_status.get("completed", 0)
    if active and completed:
        return (
            f"{text}, including active projects amounting to a total of "
            f"{fmt_usd(facts.budget_active)} and completed projects to the value of "
            f"{fmt_usd(facts.budget_completed)}."
        )
    return f"{text}, all of it for {'active' if active else 'completed'} projects."


def shortfall(facts: KeyFacts) -> str | None:
    """Paragraph 62: the funding shortfall and its share of the active projects' budget."""
    if facts.active_projects == 0 or facts.budget_active <= 0:
        return None
    when = f"As of {fmt_month_year(facts.as_of)}"
    active = fmt_usd(facts.budget_active)
    if facts.shortfall <= 0:
        return f"{when}, there was no funding shortfall: active projects of {active} were funded."
    return (
        f"{when}, there was a funding shortfall of {fmt_usd(facts.shortfall)}, which represents "
        f"{fmt_share(facts.shortfall, facts.budget_active)} of the portfolio of active projects "
        f"with the value of {active}."
    )


def funded(facts: KeyFacts) -> str | None:
    """Paragraph 62: the funding provided to active projects (when some is still short)."""
    if facts.active_projects == 0 or facts.budget_active <= 0 or facts.shortfall <= 0:
        return None
    if facts.funded <= 0:
        return "No funding was provided to active projects."
    return f"Funding in the amount of {fmt_usd(facts.funded)} was provided to active projects."


def appeal(facts: KeyFacts) -> str | None:
    """Paragraph 66: the projects included in the Multi-Year Appeal."""
    if facts.projects == 0:
        return None
    n = facts.in_multi_year_appeal
    if n == 0:
        return f"None of the {_projects(facts)} is included in the Multi-Year Appeal."
    count = fmt_cardinal(n, _words(n, facts.projects))
    return (
        f"Out of the portfolio of {_projects(facts, n)}, {count} {_singular('are', n)} "
        "included in the Multi-Year Appeal."
    )


def needs(facts: KeyFacts) -> str | None:
    """Paragraph 55: the CTED-identified needs and how many the portfolio addresses."""
    found = facts.needs
    if found is None or found.total == 0:
        return None
    by = f"at least one {facts.entity} project" if facts.entity else "at least one project"
    words = _words(found.total, found.addressed)
    total = fmt_count(found.total, "technical assistance need", words=words)
    if found.addressed == 0:
        return f"Of the {total} identified by CTED, none is yet addressed by {by}."
    addressed = fmt_cardinal(found.addressed, words)
    share = fmt_share(found.addressed, found.total)
    return (
        f"Of the {total} identified by CTED, {addressed} ({share}) "
        f"{_singular('are', found.addressed)} addressed by {by}."
    )


def seed_funding(facts: KeyFacts) -> str | None:
    """Paragraph 63: the projects seed-funded from the Trust Fund each year (Compact-wide)."""
    years = [y for y in facts.seed_funding if y.project_count > 0]
    if facts.entity is not None or not years:
        return None
    words = _words(*(y.project_count for y in years))
    given = [
        f"to {fmt_count(y.project_count, 'project', words=words)} in {y.year} "
        f"({fmt_usd(y.total)} in total)"
        for y in years
    ]
    trust_fund = "Seed funding from the Trust Fund for Counter-Terrorism"
    return f"{trust_fund} was provided {fmt_series(given)}."


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
