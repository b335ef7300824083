from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.cumulation import PeriodValue, life_actual
from indicators.disaggregation import (
    SEX_CATEGORIES,
    Dimension,
    categories,
    check_parts,
    life_parts_actual,
    roll_up,
    women_share,
)
from indicators.periods import PeriodKey
from indicators.types import Cumulation, Measure
from tests.indicators.strategies import amounts

D = Decimal
sex_parts = st.fixed_dictionaries({c: amounts for c in SEX_CATEGORIES})


@given(sex_parts)
def test_total_is_computed_from_the_parts_when_missing(parts: dict[str, Decimal]) -> None:
    result = check_parts(None, parts)
    assert result.errors == {}
    assert result.total == sum(parts.values(), D(0))


@given(sex_parts, amounts)
def test_complete_parts_must_add_up_to_the_total(parts: dict[str, Decimal], total: Decimal) -> None:
    result = check_parts(total, parts)
    assert ("total" in result.errors) == (sum(parts.values(), D(0)) != total)


@given(sex_parts, amounts)
def test_incomplete_parts_must_stay_within_the_total(
    parts: dict[str, Decimal], total: Decimal
) -> None:
    result = check_parts(total, parts, incomplete=True)
    assert ("total" in result.errors) == (sum(parts.values(), D(0)) > total)


@given(sex_parts, st.sampled_from(SEX_CATEGORIES), amounts.filter(lambda a: a > 0))
def test_a_negative_part_is_refused_beside_it(
    parts: dict[str, Decimal], category: str, size: Decimal
) -> None:
    parts = {**parts, category: -size}
    assert set(check_parts(None, parts).errors) == {category}


def test_the_error_says_what_to_fix() -> None:
    message = check_parts(D(100), {"women": D(40), "men": D(50)}).errors["total"]
    assert "add up to 90, not the total 100" in message


@given(st.lists(sex_parts, min_size=1, max_size=6), st.sampled_from(list(Cumulation)))
def test_cumulation_applies_per_part(
    periods: list[dict[str, Decimal]], cumulation: Cumulation
) -> None:
    values = [
        (PeriodValue(PeriodKey(2019, 1) if i == 0 else PeriodKey(2019 + i, 1), None), p)
        for i, p in enumerate(periods)
    ]
    life = life_parts_actual(values, cumulation)
    totals = [PeriodValue(v.period, sum(p.values(), D(0))) for v, p in values]
    assert sum(life.values(), D(0)) == life_actual(totals, cumulation, Measure.NUMBER)


@given(st.lists(sex_parts, max_size=8))
def test_roll_up_keeps_every_person(breakdowns: list[dict[str, Decimal]]) -> None:
    rolled = roll_up(breakdowns)
    assert sum(rolled.values(), D(0)) == sum((sum(b.values(), D(0)) for b in breakdowns), D(0))


@given(sex_parts)
def test_women_share_leaves_out_not_recorded(parts: dict[str, Decimal]) -> None:
    share = women_share(parts)
    recorded = parts["women"] + parts["men"]
    if recorded == 0:
        assert share.percent is None
    else:
        assert share.percent is not None and D(0) <= share.percent <= D(100)
        assert share.percent == women_share({**parts, "not_recorded": D(7)}).percent
    assert bool(share.caveat) == (parts["not_recorded"] > 0)


def test_member_states_are_the_project_countries() -> None:
    assert categories(Dimension.MEMBER_STATE, ["NE", "ML", "NE"]) == ("ML", "NE", "not_recorded")
