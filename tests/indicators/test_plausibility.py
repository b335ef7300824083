"""Plausibility rules: each warns exactly when its figure looks unlikely, never otherwise."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from indicators import plausibility as p
from indicators.disaggregation import parts_add_up
from indicators.types import Cumulation, Measure

counts = st.decimals(min_value=Decimal(0), max_value=Decimal("1000000"), places=2)
measures = st.sampled_from([m.value for m in Measure])
cumulations = st.sampled_from([c.value for c in Cumulation])
histories = st.lists(counts, min_size=0, max_size=12)


def codes(warnings: list[p.Warning]) -> list[str]:
    return [w.code for w in warnings]


def test_the_measured_defects_are_warned() -> None:
    share = p.share_above_whole("ind-1", "percentage", Decimal(30), Decimal(20))
    assert share[0].message.startswith("The numerator 30 is above the denominator 20")
    far = p.far_beyond_target("ind-2", Decimal(1250), None, Decimal(120))
    assert "1,250 is far from the life target of 120" in far[0].message
    fell = p.running_total_fell("ind-3", "cumulative_sum", Decimal(12), Decimal(24))
    assert "12 is below the last approved running total of 24" in fell[0].message
    assert codes(p.activity_mismatch("act-1", "completed", 20)) == ["activity_mismatch"]
    assert codes(p.activity_mismatch("act-2", "planned", 90)) == ["activity_mismatch"]
    assert {w.field for w in share + far + fell} == {"ind-1", "ind-2", "ind-3"}


@given(measures, counts, counts)
def test_a_share_warns_exactly_when_its_part_is_above_its_whole(measure, num, den) -> None:
    found = p.share_above_whole("f", measure, num, den)
    assert bool(found) == (measure == Measure.PERCENTAGE and num > den)


@given(counts, counts)
def test_a_ratio_may_exceed_one(num, den) -> None:
    assert p.share_above_whole("f", "ratio", num, den) == []


@given(cumulations, counts, counts)
def test_only_a_falling_running_total_warns(cumulation, value, last) -> None:
    found = p.running_total_fell("f", cumulation, value, last)
    assert bool(found) == (cumulation == Cumulation.CUMULATIVE_SUM and value < last)


@given(counts, st.one_of(st.none(), counts), counts)
def test_far_beyond_target_warns_outside_three_planned_changes(value, baseline, target) -> None:
    start = baseline or Decimal(0)
    span = abs(target - start)
    found = p.far_beyond_target("f", value, baseline, target)
    assert bool(found) == (span > 0 and abs(value - start) > 3 * span)


@given(counts, counts)
def test_no_life_target_or_no_planned_change_never_warns(value, baseline) -> None:
    assert p.far_beyond_target("f", value, baseline, None) == []
    assert p.far_beyond_target("f", value, baseline, baseline) == []


@given(st.lists(counts, max_size=3), counts, cumulations)
def test_fewer_than_four_approved_values_never_make_an_outlier(history, value, cumulation) -> None:
    if cumulation == Cumulation.CUMULATIVE_SUM:
        history = history[:3]  # three totals give two increments
    assert p.history_outlier("f", cumulation, value, history) == []


@given(st.lists(counts, min_size=4, max_size=12))
def test_the_median_itself_is_never_an_outlier(history) -> None:
    centre = sorted(history)[len(history) // 2]
    assert p.history_outlier("f", "non_cumulative", centre, history) == []


@given(
    st.lists(counts, min_size=4, max_size=12),
    counts,
    st.decimals(min_value=Decimal(-1000), max_value=Decimal(1000), places=2),
    st.integers(1, 50),
)
def test_outliers_do_not_depend_on_the_unit_or_the_origin(history, value, shift, scale) -> None:
    moved = [x * scale + shift for x in history]
    before = bool(p.history_outlier("f", "non_cumulative", value, history))
    after = bool(p.history_outlier("f", "non_cumulative", value * scale + shift, moved))
    assert before == after


@given(st.lists(counts, min_size=4, max_size=12, unique=True))
def test_a_value_far_out_is_an_outlier(history) -> None:
    spread = max(history) - min(history)
    assume(spread > 0)
    far = max(history) + 100 * spread
    found = p.history_outlier("f", "non_cumulative", far, history)
    assert codes(found) == ["history_outlier"]


def test_a_running_total_is_judged_by_its_increments() -> None:
    totals = [Decimal(x) for x in (10, 21, 30, 42, 50)]
    assert p.history_outlier("f", "cumulative_sum", Decimal(60), totals) == []
    assert p.history_outlier("f", "non_cumulative", Decimal(60), totals) == []
    jump = p.history_outlier("f", "cumulative_sum", Decimal(450), totals)
    assert "The increase 400 is far from" in jump[0].message


def test_identical_history_has_no_spread_to_judge_by() -> None:
    same = [Decimal(5)] * 6
    assert p.history_outlier("f", "non_cumulative", Decimal(500), same) == []
    one_off = [*same[:5], Decimal(6)]
    assert codes(p.history_outlier("f", "non_cumulative", Decimal(500), one_off))


@given(
    st.sampled_from(["planned", "ongoing", "completed", "delayed", "cancelled"]),
    st.integers(0, 100),
)
def test_activity_status_and_percent_agree_unless_warned(status, percent) -> None:
    found = bool(p.activity_mismatch("a", status, percent))
    expected = (
        (status == "completed" and percent < 100)
        or (status == "planned" and percent > 0)
        or (status in ("ongoing", "delayed") and percent == 100)
    )
    assert found == expected


@given(
    counts, st.dictionaries(st.sampled_from(["women", "men"]), counts, min_size=1), st.booleans()
)
def test_parts_warn_exactly_when_they_do_not_add_up(total, parts, incomplete) -> None:
    found = p.parts_mismatch("f", total, parts, incomplete)
    assert bool(found) == (not parts_add_up(total, parts, incomplete))


def test_a_qualitative_figure_is_never_judged() -> None:
    figure = p.Figure("f", "qualitative", "non_cumulative", None, life_target=Decimal(1))
    assert p.figure_warnings(figure) == []


def test_a_figure_collects_every_rule() -> None:
    figure = p.Figure(
        "ind-9", "number", "cumulative_sum", Decimal(1000), baseline=Decimal(0),
        life_target=Decimal(100), last_approved=Decimal(2000),
    )  # fmt: skip
    assert codes(p.figure_warnings(figure)) == ["running_total_fell", "far_beyond_target"]
