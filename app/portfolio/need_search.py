"""The logframe's need search: a few filters (Member State, pillar, thematic area, code or
text) that return a bounded list of needs the project may be linked to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.models.auth import User
from app.models.portfolio import CtedNeed
from app.portfolio.need_queries import (
    NeedFilter,
    NeedOptions,
    need_matches,
    need_options,
    read_filter,
)

SEARCH_LIMIT = 50  # matches listed at once; more asks the user to narrow the search
SEARCH_FIELDS = ("member_state", "pillar", "thematic_area", "q")


@dataclass(frozen=True)
class NeedSearch:
    """The search's filters, their choices and, once searched, the first matches."""

    filters: NeedFilter
    options: NeedOptions
    matches: list[CtedNeed] = field(default_factory=list)
    more: bool = False  # more needs match than are listed
    searched: bool = False


def need_search(
    session: Session, user: User, project_id: int, args: Mapping[str, str]
) -> NeedSearch:
    """Return the needs matching the request's filters that the project is not yet linked to."""
    options = need_options(session, user)
    filters = read_filter({name: args.get(name, "") for name in SEARCH_FIELDS}, options)
    if not filters.args():
        return NeedSearch(filters, options)
    found = need_matches(session, user, filters, project_id, SEARCH_LIMIT + 1)
    return NeedSearch(filters, options, found[:SEARCH_LIMIT], len(found) > SEARCH_LIMIT, True)
