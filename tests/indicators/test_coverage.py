from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.coverage import (
    CONFIDENTIAL,
    NeedFacts,
    NeedGroup,
    addressed_codes,
    coverage_of_groups,
    group_needs,
    need_coverage,
    to_contract_dict,
)
from indicators.portfolio import ProjectFacts

D = Decimal

NEEDS = [
    NeedFacts("N1", "Mali", "I", "border security"),
    NeedFacts("N2", "Mali", "II", "criminal justice"),
    NeedFacts("N3", "Kenya", "I", "border security"),
    NeedFacts("S1", "Secretland", "III", "terrorist financing", confidential=True),
    NeedFacts("S2", "Kenya", "I", "hidden topic", confidential=True),
]


def linking(code: str, status: str, *needs: str) -> ProjectFacts:
    return ProjectFacts(code, "UNOCT", "I", "national", status, D(1), D(0), need_codes=needs)


PROJECTS = [
    linking("P1", "ongoing", "N1", "S1"),
    linking("P2", "completed", "N3"),
    linking("P3", "cancelled", "N2", "S2"),  # cancelled: addresses nothing
]


def test_addressed_codes_ignore_cancelled_projects() -> None:
    assert addressed_codes(PROJECTS) == frozenset({"N1", "S1", "N3"})


def test_coverage_hides_confidential_needs() -> None:
    result = need_coverage(NEEDS, addressed_codes(PROJECTS), reveal_confidential=False)
    assert (result.total, result.addressed, result.coverage_pct) == (5, 3, D("60.0"))
    assert {k: (c.total, c.addressed) for k, c in result.by_member_state.items()} == {
        "Kenya": (1, 1),
        "Mali": (2, 1),
        CONFIDENTIAL: (2, 1),
    }
    assert set(result.by_thematic_area) == {"border security", "criminal justice", CONFIDENTIAL}
    assert result.by_thematic_area["border security"].total == 2
    assert {k: c.total for k, c in result.by_pillar.items()} == {"I": 3, "II": 1, "III": 1, "IV": 0}
    text = repr(result)
    for secret in ("S1", "S2", "Secretland", "terrorist financing", "hidden topic"):
        assert secret not in text


def test_coverage_revealed_to_cted() -> None:
    result = need_coverage(NEEDS, addressed_codes(PROJECTS), reveal_confidential=True)
    assert CONFIDENTIAL not in result.by_member_state
    assert result.by_member_state["Secretland"].addressed == 1
    assert result.by_member_state["Kenya"].total == 2
    assert result.by_thematic_area["hidden topic"].coverage_pct == D("0.0")


def test_contract_dict_and_empty() -> None:
    assert to_contract_dict(need_coverage([], [], False)) == {
        "total": 0,
        "addressed": 0,
        "coverage_pct": D("0.0"),
    }
    cov = need_coverage(NEEDS[:3], ["N1"], False)
    assert to_contract_dict(cov) == {"total": 3, "addressed": 1, "coverage_pct": D("33.3")}


def test_reserved_bucket_name_is_refused() -> None:
    with pytest.raises(ValueError, match="reserved"):
        NeedFacts("N9", "Confidential", "I", "x")
    with pytest.raises(ValueError, match="pillar"):
        NeedFacts("N9", "Mali", "V", "x")


needs_lists = st.lists(
    st.builds(
        NeedFacts,
        code=st.sampled_from([f"N{i}" for i in range(40)]),
        member_state=st.sampled_from(["Mali", "Kenya", "Iraq", "Chad"]),
        pillar=st.sampled_from(["I", "II", "III", "IV"]),
        thematic_area=st.sampled_from(["borders", "justice", "finance"]),
        confidential=st.booleans(),
    ),
    unique_by=lambda n: n.code,
)


@given(needs_lists, st.sets(st.sampled_from([f"N{i}" for i in range(40)])), st.booleans())
def test_groups_add_up_to_totals(needs: list[NeedFacts], hit: set[str], reveal: bool) -> None:
    result = need_coverage(needs, hit, reveal)
    assert result.total == len(needs)
    assert result.addressed == sum(1 for n in needs if n.code in hit)
    for groups in (result.by_pillar, result.by_member_state, result.by_thematic_area):
        assert sum(c.total for c in groups.values()) == result.total
        assert sum(c.addressed for c in groups.values()) == result.addressed
    if not reveal:
        hidden = sum(1 for n in needs if n.confidential)
        bucket = result.by_member_state.get(CONFIDENTIAL)
        assert (bucket.total if bucket else 0) == hidden


@given(needs_lists, st.sets(st.sampled_from([f"N{i}" for i in range(40)])), st.booleans())
def test_counted_groups_give_the_same_coverage_however_they_are_split(
    needs: list[NeedFacts], hit: set[str], reveal: bool
) -> None:
    whole = group_needs(needs, hit)
    halves = group_needs(needs[::2], hit) + group_needs(needs[1::2], hit)
    assert sum(g.total for g in whole) == len(needs)
    assert coverage_of_groups(halves, reveal) == coverage_of_groups(whole, reveal)
    assert coverage_of_groups(whole, reveal) == need_coverage(needs, hit, reveal)


@pytest.mark.parametrize(
    ("pillar", "state", "total", "addressed"),
    [("V", "Mali", 1, 0), ("I", "Mali", 1, 2), ("I", "Mali", 1, -1), ("I", " Confidential", 1, 0)],
)
def test_a_group_that_cannot_exist_is_refused(pillar, state, total, addressed) -> None:
    with pytest.raises(ValueError, match="need group"):
        NeedGroup(pillar, state, "borders", False, total, addressed)
