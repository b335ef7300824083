"""Query parameters of the comparison pages, checked against the values that exist."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from app import data_version
from app.baselines.services import list_baselines
from app.figures.data_source import Filters
from app.models.baselines import Baseline, BaselineNeed
from app.models.portfolio import CtedNeed, ProjectCountry
from app.models.reference import Entity
from indicators.portfolio import PILLAR_KEYS, SCOPE_KEYS
from indicators.types import ProjectStatus

STATUS_CHOICES = tuple(s.value for s in ProjectStatus) + ("active",)
SETS = ("added", "removed", "carried_over")


@dataclass(frozen=True)
class Options:
    """The values each select of the comparison view offers."""

    baselines: list[Baseline]
    entities: list[str]
    member_states: list[str]
    pillars: tuple[str, ...] = PILLAR_KEYS
    scopes: tuple[str, ...] = SCOPE_KEYS

    @property
    def labels(self) -> list[str]:
        """Return the baseline labels, newest first."""
        return [b.label for b in self.baselines]


@dataclass(frozen=True)
class Params:
    """The checked parameters: sources A and B ("" is live), filters, and what was ignored."""

    a: str
    b: str
    filters: Filters
    ignored: list[str] = field(default_factory=list)

    def query(self) -> dict[str, str]:
        """Return the parameters for links to the same view, chart or download."""
        return {"a": self.a, "b": self.b, **self.filters.as_dict()}


def load_options(session: Session, reveal_confidential: bool) -> Options:
    """Load the baselines, entities and member states the filters may take (three queries)."""
    entities = list(session.scalars(select(Entity.acronym).order_by(Entity.acronym)))
    states = data_version.kept(  # a union over every baseline's needs: kept until a write
        session,
        ("member_states", reveal_confidential),
        lambda: member_states(session, reveal_confidential),
    )
    return Options(list_baselines(session), entities, states)


def member_states(session: Session, reveal_confidential: bool) -> list[str]:
    """Return the member states of projects and of the needs this user may know about."""
    live = select(CtedNeed.member_state.label("state"))
    frozen = select(BaselineNeed.member_state.label("state"))
    if not reveal_confidential:  # a State known only from confidential needs stays unknown
        live = live.where(CtedNeed.confidential.is_(False))
        frozen = frozen.where(BaselineNeed.confidential.is_(False))
    countries = select(ProjectCountry.iso3.label("state"))
    states = union(live, frozen, countries).subquery()
    return list(session.scalars(select(states.c.state).order_by(states.c.state)))


def read_params(args: Mapping[str, str], options: Options) -> Params:
    """Check the sources and filters; unknown values are ignored and reported, never fatal."""
    ignored: list[str] = []

    def pick(name: str, allowed: list[str] | tuple[str, ...]) -> str:
        value = args.get(name, "")
        if value and value not in allowed:
            ignored.append(name)
            return ""
        return value

    default_a = options.labels[0] if options.labels else ""
    a = pick("a", options.labels) if "a" in args else default_a
    b = pick("b", options.labels)
    filters = Filters(
        pillar=pick("pillar", options.pillars),
        entity=pick("entity", options.entities),
        scope=pick("scope", options.scopes),
        member_state=pick("member_state", options.member_states),
    )
    return Params(a, b, filters, ignored)


def pick_choice(args: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    """Return a parameter if it is one of the allowed values, else ""."""
    value = args.get(name, "")
    return value if value in allowed else ""


def page_number(args: Mapping[str, str], name: str = "page") -> int:
    """Return the page asked for (1 for anything that is not a small positive number)."""
    value = args.get(name, "1")
    return int(value) if value.isdigit() and 0 < len(value) < 7 and int(value) > 0 else 1
