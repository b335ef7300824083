"""Hypothesis strategies shared by the indicators tests."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from indicators.periods import PeriodKey
from indicators.portfolio import ProjectFacts
from indicators.types import Pillar, ProjectStatus, Scope

periods = st.builds(PeriodKey, st.integers(1901, 2980), st.integers(1, 4))

decimals = st.decimals(
    min_value=Decimal("-1000000"), max_value=Decimal("1000000"), places=2, allow_nan=False
)
amounts = st.decimals(min_value=Decimal(0), max_value=Decimal("50000000"), places=2)

ENTITIES = ("UNOCT", "UNODC", "UNDP", "UNESCO", "INTERPOL", "OHCHR")


@st.composite
def projects(draw: st.DrawFn, code: str) -> ProjectFacts:
    """Draw one project with the given code."""
    budget = draw(amounts)
    return ProjectFacts(
        code=code,
        entity=draw(st.sampled_from(ENTITIES)),
        pillar=draw(st.sampled_from([p.value for p in Pillar])),
        scope=draw(st.sampled_from([s.value for s in Scope])),
        status=draw(st.sampled_from([s.value for s in ProjectStatus])),
        budget=budget,
        funded=draw(st.decimals(min_value=Decimal(0), max_value=budget, places=2)),
        in_multi_year_appeal=draw(st.booleans()),
        gender_marker=draw(st.one_of(st.none(), st.integers(0, 3))),
        need_codes=tuple(draw(st.sets(st.sampled_from([f"N{i}" for i in range(12)]), max_size=3))),
    )


@st.composite
def portfolios(draw: st.DrawFn, codes: list[str] | None = None) -> list[ProjectFacts]:
    """Draw a list of projects with distinct codes taken from P0..P29."""
    pool = codes if codes is not None else [f"P{i}" for i in range(30)]
    chosen = draw(st.lists(st.sampled_from(pool), unique=True, max_size=len(pool)))
    return [draw(projects(code)) for code in chosen]
