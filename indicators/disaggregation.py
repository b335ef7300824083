"""Disaggregated values: an indicator's total broken down by sex, age group or Member State.

An indicator declares at most one dimension (one is enough for the Compact's reporting: the
Secretary-General's report asks for people trained by sex, and age or country breakdowns are
asked of other indicators, never of the same one twice). Each value then carries its parts, one
figure per category. The rules:

- parts are never negative;
- the total is the sum of the parts, unless the parts are marked incomplete; then their sum
  must not exceed the total;
- when only parts are given, the total is their sum;
- cumulation and roll-up apply per part exactly as to the total (``indicators.cumulation``);
- the women's share is women / (women + men); "not recorded" is left out, and said so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from indicators.cumulation import PeriodValue, life_actual
from indicators.i18n import N_, gettext
from indicators.types import Cumulation, Measure

HUNDRED = Decimal(100)
NOT_RECORDED = "not_recorded"


class Dimension(StrEnum):
    """What an indicator's values are broken down by."""

    SEX = "sex"
    AGE = "age"
    MEMBER_STATE = "member_state"


SEX_CATEGORIES: tuple[str, ...] = ("women", "men", NOT_RECORDED)
AGE_CATEGORIES: tuple[str, ...] = ("under_18", "18_24", "25_59", "60_over", NOT_RECORDED)
LABELS: dict[str, str] = {
    "women": N_("Women"),
    "men": N_("Men"),
    "under_18": N_("Under 18"),
    "18_24": "18-24",
    "25_59": "25-59",
    "60_over": N_("60 and over"),
    NOT_RECORDED: N_("Not recorded"),
}
DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.SEX: N_("sex"),
    Dimension.AGE: N_("age group"),
    Dimension.MEMBER_STATE: N_("Member State"),
}


def categories(dimension: Dimension, countries: Iterable[str] = ()) -> tuple[str, ...]:
    """Return a dimension's categories; Member States are the project's countries (ISO codes)."""
    if dimension is Dimension.SEX:
        return SEX_CATEGORIES
    if dimension is Dimension.AGE:
        return AGE_CATEGORIES
    return (*sorted(set(countries)), NOT_RECORDED)


def label(category: str) -> str:
    """Return a category as people read it, in their language (country codes stay as they are)."""
    return gettext(LABELS[category]) if category in LABELS else category


def dimension_label(dimension: Dimension) -> str:
    """Return a breakdown's name as people read it, in their language: "age group"."""
    return gettext(DIMENSION_LABELS[dimension])


@dataclass(frozen=True)
class PartsCheck:
    """The outcome of checking a value's parts: the total to keep and what is wrong, by field."""

    total: Decimal | None
    errors: dict[str, str]


def check_parts(
    total: Decimal | None,
    parts: Mapping[str, Decimal | None],
    incomplete: bool = False,
) -> PartsCheck:
    """Check parts against a total; compute the total from the parts when it is missing.

    Errors are keyed by the part's category, or "total" for the total itself.
    """
    errors = {
        category: gettext("A part cannot be negative; enter 0 or more.")
        for category, figure in parts.items()
        if figure is not None and figure < 0
    }
    given = [figure for figure in parts.values() if figure is not None]
    if errors or not given:
        return PartsCheck(total, errors)
    parts_sum = sum(given, Decimal(0))
    if total is None:
        return PartsCheck(parts_sum, {})
    if incomplete and parts_sum > total:
        errors["total"] = gettext(
            "The parts add up to %(parts)s, more than the total %(total)s; "
            "correct the parts or the total.",
            parts=fmt(parts_sum),
            total=fmt(total),
        )
    elif not incomplete and parts_sum != total:
        errors["total"] = gettext(
            "The parts add up to %(parts)s, not the total %(total)s; correct them, "
            'or tick "parts incomplete" if some people were not counted in any part.',
            parts=fmt(parts_sum),
            total=fmt(total),
        )
    return PartsCheck(total, errors)


def parts_add_up(total: Decimal | None, parts: Mapping[str, Decimal], incomplete: bool) -> bool:
    """The plausibility rule: do the parts add up to the total (or stay within it if incomplete)?"""
    return not check_parts(total, dict(parts), incomplete).errors


def fmt(figure: Decimal) -> str:
    """Format a figure for people: thousands separated, no trailing zeros."""
    if figure == figure.to_integral_value():
        return f"{int(figure):,}"
    return f"{figure.normalize():,f}"


def life_parts_actual(
    values: Iterable[tuple[PeriodValue, Mapping[str, Decimal]]],
    cumulation: Cumulation,
) -> dict[str, Decimal]:
    """Cumulate each part over periods under the indicator's rule (numbers only)."""
    items = list(values)
    found = sorted({category for _, parts in items for category in parts})
    result: dict[str, Decimal] = {}
    for category in found:
        series = [PeriodValue(period.period, parts.get(category)) for period, parts in items]
        actual = life_actual(series, cumulation, Measure.NUMBER)
        if actual is not None:
            result[category] = actual
    return result


def roll_up(breakdowns: Iterable[Mapping[str, Decimal]]) -> dict[str, Decimal]:
    """Add up parts category by category across indicators (or projects)."""
    result: dict[str, Decimal] = {}
    for parts in breakdowns:
        for category, figure in parts.items():
            result[category] = result.get(category, Decimal(0)) + figure
    return result


@dataclass(frozen=True)
class WomenShare:
    """The share of women among those whose sex was recorded, and how many were not."""

    percent: Decimal | None
    women: Decimal
    men: Decimal
    not_recorded: Decimal

    @property
    def caveat(self) -> str:
        """Say what the share leaves out, or "" when everyone's sex was recorded."""
        if not self.not_recorded:
            return ""
        return gettext(
            "%(count)s whose sex was not recorded are left out of the share.",
            count=fmt(self.not_recorded),
        )


def women_share(parts: Mapping[str, Decimal]) -> WomenShare:
    """Return women / (women + men) * 100, "not recorded" excluded (None without anyone)."""
    women = parts.get("women", Decimal(0))
    men = parts.get("men", Decimal(0))
    recorded = women + men
    percent = women / recorded * HUNDRED if recorded else None
    return WomenShare(percent, women, men, parts.get(NOT_RECORDED, Decimal(0)))
