from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.deltas import DeltaReason, delta
from tests.indicators.strategies import decimals

D = Decimal


def test_rise_and_fall() -> None:
    up = delta(D(200), D(250))
    assert (up.absolute, up.percent, up.reason) == (D(50), D("25.0"), None)
    down = delta(317, 314)
    assert down.absolute == D(-3)
    assert down.percent == D("-0.9")  # -3 / 317 = -0.946 %


def test_percent_is_rounded_half_up() -> None:
    # 1 / 8 = 12.5 %, 1 / 16 = 6.25 % -> 6.3 (half-up, not half-even 6.2)
    assert delta(D(8), D(9)).percent == D("12.5")
    assert delta(D(16), D(17)).percent == D("6.3")


def test_fall_from_a_negative_figure_is_negative() -> None:
    assert delta(D(-10), D(-15)).percent == D("-50.0")


def test_missing_side() -> None:
    for old, new in [(None, D(1)), (D(1), None), (None, None)]:
        change = delta(old, new)
        assert change.absolute is None and change.percent is None
        assert change.reason is DeltaReason.MISSING
        assert change.reason == "missing"


def test_from_zero() -> None:
    change = delta(D(0), D(12))
    assert change.absolute == D(12)
    assert change.percent is None
    assert change.reason == "from zero"


def test_no_change() -> None:
    change = delta(D(5), D(5))
    assert (change.absolute, change.percent, change.reason) == (D(0), D("0.0"), None)


@given(decimals, decimals)
def test_deltas_invert(a: D, b: D) -> None:
    forward, backward = delta(a, b), delta(b, a)
    assert forward.absolute is not None and backward.absolute is not None
    assert forward.absolute == -backward.absolute
    assert forward.absolute == b - a


@given(st.one_of(st.none(), decimals), st.one_of(st.none(), decimals))
def test_reason_explains_every_empty_percent(a: D | None, b: D | None) -> None:
    change = delta(a, b)
    assert (change.percent is None) == (change.reason is not None)
