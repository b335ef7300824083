"""How a breakdown changed between two sides: the dimension's order, B minus A, and reversal."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.disaggregation import AGE_CATEGORIES, SEX_CATEGORIES, Dimension
from indicators.part_changes import Parts, ordered_categories, part_changes

D = Decimal
figures = st.decimals(min_value=D(0), max_value=D("1000000"), places=2)
sex_parts = st.dictionaries(st.sampled_from(SEX_CATEGORIES), figures)
sides = st.builds(Parts, sex_parts, st.booleans())


@given(sides, sides)
def test_reversing_the_comparison_negates_every_part_change(a: Parts, b: Parts) -> None:
    forward = part_changes(a, b, Dimension.SEX)
    reverse = part_changes(b, a, Dimension.SEX)
    assert [r.category for r in forward] == [r.category for r in reverse]
    for there, back in zip(forward, reverse, strict=True):
        assert (there.a, there.b) == (back.b, back.a)
        if there.change.absolute is None:
            assert back.change.absolute is None
        else:
            assert there.change.absolute == -(back.change.absolute or 0)


@given(sides, sides)
def test_each_change_is_b_minus_a_in_the_dimension_order(a: Parts, b: Parts) -> None:
    rows = part_changes(a, b, Dimension.SEX)
    assert [r.category for r in rows] == [
        c for c in SEX_CATEGORIES if c in {*a.figures, *b.figures}
    ]
    for row in rows:
        if a.figures and b.figures:
            assert row.change.absolute == b.figures.get(row.category, 0) - a.figures.get(
                row.category, 0
            )
        else:
            assert row.change.absolute is None  # a side without parts has no figure


def test_a_category_one_side_lacks_counted_nobody() -> None:
    [men, women] = part_changes(Parts({"women": D(4)}), Parts({"men": D(3), "women": D(6)}), None)
    assert (men.category, men.a, men.b, men.change.absolute) == ("men", D(0), D(3), D(3))
    assert (women.a, women.b, women.change.absolute, women.change.percent) == (
        D(4), D(6), D(2), D("50.0"),
    )  # fmt: skip


def test_a_side_without_parts_has_no_figures() -> None:
    [row] = part_changes(Parts({}), Parts({"women": D(5)}, incomplete=True), Dimension.SEX)
    assert row.a is None and row.b == D(5) and row.change.absolute is None


def test_categories_follow_the_dimension() -> None:
    assert ordered_categories(Dimension.AGE, ["60_over", "under_18", "x"]) == [
        "under_18", "60_over", "x",
    ]  # fmt: skip
    assert ordered_categories(Dimension.MEMBER_STATE, ["not_recorded", "NGA", "KEN"]) == [
        "KEN", "NGA", "not_recorded",
    ]  # fmt: skip
    assert ordered_categories(Dimension.AGE, AGE_CATEGORIES[::-1]) == list(AGE_CATEGORIES)
