"""The pure rules' messages come from the installed catalogue, their figures filled in after."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import i18n
from indicators.disaggregation import Dimension, check_parts, dimension_label, label
from indicators.plausibility import activity_mismatch, parts_mismatch
from indicators.types import MEASURE_DEFINITIONS, Measure


class Bracketed:
    """A catalogue that "translates" every message by bracketing it."""

    def gettext(self, message: str) -> str:
        return f"[{message}]"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"[{singular if n == 1 else plural}]"


@pytest.fixture
def bracketed() -> Iterator[None]:
    catalogue = Bracketed()
    i18n.install(lambda: catalogue, lambda: "fr")
    yield
    english = i18n._ENGLISH
    i18n.install(lambda: english, lambda: "en")


def test_without_a_catalogue_the_messages_are_english() -> None:
    [warning] = activity_mismatch("act-1", "completed", 40)
    assert warning.message == (
        "Marked completed at 40 % complete; a completed activity is at 100 %."
    )


@given(st.integers(min_value=0, max_value=99))
def test_a_warning_is_translated_then_filled_in(percent: int) -> None:
    catalogue = Bracketed()
    i18n.install(lambda: catalogue, lambda: "fr")
    try:
        [warning] = activity_mismatch("act-1", "completed", percent)
    finally:
        english = i18n._ENGLISH
        i18n.install(lambda: english, lambda: "en")
    assert warning.message == (
        f"[Marked completed at {percent} % complete; a completed activity is at 100 %.]"
    )


def test_figures_in_a_translated_message_keep_their_format(bracketed: None) -> None:
    [warning] = parts_mismatch("ind-1", Decimal(1500), {"women": Decimal(1000)}, False)
    assert warning.message == "[The parts add up to 1,000, not the total 1,500.]"
    errors = check_parts(Decimal(10), {"women": Decimal(-1)}).errors
    assert errors == {"women": "[A part cannot be negative; enter 0 or more.]"}


def test_labels_of_tables_are_translated_where_shown(bracketed: None) -> None:
    assert label("women") == "[Women]"
    assert label("FRA") == "FRA"  # a country code is not a word
    assert dimension_label(Dimension.AGE) == "[age group]"
    assert MEASURE_DEFINITIONS[Measure.NUMBER] == "Number (a count or amount)"  # the msgid
