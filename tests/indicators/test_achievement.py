from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indicators.achievement import (
    AT_RISK_FROM,
    ON_TRACK_FROM,
    achievement,
    assess,
    status_of,
    status_thresholds,
    why_not_assessed,
)
from indicators.types import AchievementStatus
from tests.indicators.strategies import decimals

D = Decimal


def test_increasing_indicator() -> None:
    # baseline 20 trained, target 120, actual 70: half of the way.
    assert achievement(D(70), D(20), D(120)) == D("0.5")


def test_decreasing_indicator_needs_no_special_case() -> None:
    # baseline 10 incidents, target 4, actual 7: half of the way down.
    assert achievement(D(7), D(10), D(4)) == D("0.5")
    # going the wrong way is negative
    assert achievement(D(12), D(10), D(4)) == D(2) / D(-6)


def test_exceeding_target_is_above_one() -> None:
    assert achievement(D(150), D(50), D(100)) == D(2)


@pytest.mark.parametrize(
    ("actual", "baseline", "target"),
    [(None, D(1), D(2)), (D(1), None, D(2)), (D(1), D(2), None), (D(5), D(3), D(3))],
)
def test_not_assessed(actual: D | None, baseline: D | None, target: D | None) -> None:
    assert achievement(actual, baseline, target) is None
    assert assess(actual, baseline, target) == (None, AchievementStatus.NOT_ASSESSED)


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (D("0.85"), AchievementStatus.ON_TRACK),
        (D("1.3"), AchievementStatus.ON_TRACK),
        (D("0.8499"), AchievementStatus.AT_RISK),
        (D("0.50"), AchievementStatus.AT_RISK),
        (D("0.4999"), AchievementStatus.OFF_TRACK),
        (D("-0.2"), AchievementStatus.OFF_TRACK),
        (None, AchievementStatus.NOT_ASSESSED),
    ],
)
def test_status_thresholds(ratio: D | None, status: AchievementStatus) -> None:
    assert status_of(ratio) is status


def test_assess_combines_ratio_and_status() -> None:
    assert assess(D(90), D(0), D(100)) == (D("0.9"), AchievementStatus.ON_TRACK)


@given(decimals, decimals, decimals)
def test_reflecting_the_direction_changes_nothing(a: D, b: D, t: D) -> None:
    assert achievement(a, b, t) == achievement(-a, -b, -t)


@given(decimals, decimals)
def test_reaching_the_target_is_one_and_standing_still_is_zero(b: D, t: D) -> None:
    assume(b != t)
    assert achievement(t, b, t) == 1
    assert achievement(b, b, t) == 0


@given(st.none() | decimals, st.none() | decimals, st.none() | decimals)
def test_a_reason_is_given_exactly_when_not_assessed(
    actual: D | None, baseline: D | None, target: D | None
) -> None:
    reason = why_not_assessed(actual, baseline, target)
    assert (reason is None) == (achievement(actual, baseline, target) is not None)


def test_thresholds_are_described_from_the_constants() -> None:
    words = dict(status_thresholds())
    assert f"{ON_TRACK_FROM * 100:.0f} %" in words[AchievementStatus.ON_TRACK]
    assert f"{AT_RISK_FROM * 100:.0f} %" in words[AchievementStatus.AT_RISK]
    assert status_of(ON_TRACK_FROM) is AchievementStatus.ON_TRACK
    assert status_of(AT_RISK_FROM) is AchievementStatus.AT_RISK
