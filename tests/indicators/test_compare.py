from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given

from indicators.compare import HEADLINES, changes, compare, to_contract_dict
from indicators.deltas import DeltaReason
from indicators.portfolio import ProjectFacts
from tests.indicators.strategies import portfolios

D = Decimal


def p(code: str, status: str, budget: int, funded: int, *needs: str) -> ProjectFacts:
    return ProjectFacts(
        code,
        "UNODC",
        "II",
        "regional",
        status,
        D(budget),
        D(funded),
        in_multi_year_appeal=code == "A",
        need_codes=needs,
    )


OLD = [
    p("A", "ongoing", 100, 50, "N1"),
    p("B", "ongoing", 40, 10),
    p("C", "pipeline", 20, 0, "N2"),
    p("D", "completed", 30, 30),
    p("E", "cancelled", 70, 0),
]
NEW = [
    p("A", "completed", 100, 100, "N1"),
    p("B", "cancelled", 40, 10),
    p("D", "completed", 30, 30),
    p("E", "ongoing", 70, 20, "N3", "N4"),
    p("F", "pipeline", 10, 0),
]


def test_compare_by_hand() -> None:
    result = compare(OLD, NEW)
    assert result.added == ("E", "F")  # E was cancelled in the old portfolio
    assert result.removed == ("B", "C")  # B cancelled since, C gone
    assert result.carried_over == ("A", "D")
    assert result.status_changes == {
        "cancelled->ongoing": 1,
        "ongoing->cancelled": 1,
        "ongoing->completed": 1,
    }
    d = result.delta
    assert set(d) == set(HEADLINES)
    assert (d["projects"].old, d["projects"].new, d["projects"].absolute) == (4, 4, 0)
    # old budget 100+40+20+30 = 190; new 100+30+70+10 = 210
    assert d["budget_usd"].absolute == D(20)
    # old funded (active A, B, C) 60; new (active E, F) 20
    assert d["funded_usd"].absolute == D(-40)
    assert d["funded_usd"].percent == D("-66.7")
    # old shortfall 160 - 60 = 100; new 80 - 20 = 60
    assert d["shortfall_usd"].absolute == D(-40)
    assert d["in_multi_year_appeal"].absolute == 0
    # needs addressed: old N1, N2 -> new N1, N3, N4
    assert d["cted_needs_addressed"].absolute == 1


def test_contract_dict() -> None:
    out = to_contract_dict(compare(OLD, NEW), "2018 mapping")
    assert out["label"] == "2018 mapping"
    assert (out["projects"], out["added"], out["removed"], out["carried_over"]) == (4, 2, 2, 2)
    assert out["delta"] == {
        "projects": 0,
        "budget_usd": 20,
        "funded_usd": -40,
        "shortfall_usd": -40,
        "in_multi_year_appeal": 0,
        "cted_needs_addressed": 1,
    }


def test_from_an_empty_baseline() -> None:
    result = compare([], NEW)
    assert result.delta["projects"].reason is DeltaReason.FROM_ZERO
    assert len(result.added) == 4 and result.removed == ()


def test_duplicate_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="A appears twice"):
        compare([OLD[0], OLD[0]], NEW)


@given(portfolios(), portfolios())
def test_counts_reconcile(old: list[ProjectFacts], new: list[ProjectFacts]) -> None:
    result = compare(old, new)
    assert len(result.added) - len(result.removed) == result.new.projects - result.old.projects
    assert len(result.carried_over) + len(result.removed) == result.old.projects
    assert len(result.carried_over) + len(result.added) == result.new.projects
    assert result.delta["projects"].absolute == result.new.projects - result.old.projects


@given(portfolios(), portfolios())
def test_comparison_inverts(old: list[ProjectFacts], new: list[ProjectFacts]) -> None:
    forward, backward = compare(old, new), compare(new, old)
    assert forward.added == backward.removed and forward.removed == backward.added
    for name in forward.delta:
        a, b = forward.delta[name].absolute, backward.delta[name].absolute
        assert a is not None and b is not None and a == -b


@given(portfolios(), portfolios())
def test_changes_from_statuses_add_up(old, new) -> None:
    before = {p.code: p.status for p in old}
    after = {p.code: p.status for p in new}
    moved = changes(before, after)
    old_count = sum(1 for s in before.values() if s != "cancelled")
    new_count = sum(1 for s in after.values() if s != "cancelled")
    assert len(moved.added) - len(moved.removed) == new_count - old_count
    assert len(moved.carried_over) + len(moved.removed) == old_count
    assert set(moved.added).isdisjoint(moved.carried_over)
    both = before.keys() & after.keys()
    assert sum(moved.status_changes.values()) == sum(before[c] != after[c] for c in both)
