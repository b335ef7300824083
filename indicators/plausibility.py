"""Plausibility checks of a reported figure: warnings, never refusals.

A warning says that a figure looks unlikely (a typing slip, a wrong unit, a total that went
back), not that it is wrong: the focal point may save it, and submits it with an explanation
that the reviewer reads beside it. The rules, in the spirit of DHIS2's min-max and outlier
validation:

- ``share_above_whole``: a share's numerator above its denominator (30 passing out of 20
  trainees); a ratio (cases per prosecutor) may exceed 1 and is never warned.
- ``running_total_fell``: a cumulative-sum indicator's running total below the last approved
  total (24, then 12); a running total can only grow.
- ``far_beyond_target``: a value further from the baseline than three times the planned change
  (life target minus baseline). Three times is far beyond any overachievement a logframe
  plausibly sees (doubling a target happens), while the common slips (an extra zero, a figure
  typed in units instead of thousands, 1,250 against a life target of 120) are ten times or more.
- ``history_outlier``: a value far from the indicator's own approved history: the modified
  z-score 0.6745 (x - median) / MAD above 3.5 (Iglewicz and Hoaglin), robust to the outliers it
  looks for, and only with at least four approved values to judge by. A cumulative-sum
  indicator is judged by its increments (a running total grows by design). When the MAD is 0
  the mean absolute deviation stands in (scaled by 1.2533); with no spread at all, no warning.
- ``activity_mismatch``: an activity's status against its % complete: completed below 100,
  planned above 0, ongoing or delayed at 100.
- ``parts_mismatch``: disaggregated parts that do not add up to the total
  (``indicators.disaggregation.parts_add_up``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from indicators.disaggregation import fmt, parts_add_up
from indicators.i18n import gettext, ngettext
from indicators.types import Cumulation, Measure

TARGET_FACTOR = Decimal(3)
OUTLIER_Z = Decimal("3.5")
MIN_HISTORY = 4
MAD_SCALE = Decimal("0.6745")
MEAN_AD_SCALE = Decimal("1.253314")
STILL_UNDER_WAY = ("ongoing", "delayed")


@dataclass(frozen=True)
class Warning:
    """A figure that looks unlikely: the rule's code, the field it is about, and why."""

    code: str
    field: str
    message: str


def share_above_whole(
    field: str, measure: str, numerator: Decimal | None, denominator: Decimal | None
) -> list[Warning]:
    """Warn when a share's numerator is above its denominator (a ratio may exceed 1)."""
    if measure != Measure.PERCENTAGE or numerator is None or denominator is None:
        return []
    if numerator <= denominator:
        return []
    message = gettext(
        "The numerator %(numerator)s is above the denominator %(denominator)s: "
        "a share cannot exceed 100 %%.",
        numerator=fmt(numerator),
        denominator=fmt(denominator),
    )
    return [Warning("share_above_whole", field, message)]


def running_total_fell(
    field: str, cumulation: str, value: Decimal | None, last_approved: Decimal | None
) -> list[Warning]:
    """Warn when a cumulative-sum running total is below the last approved total."""
    if cumulation != Cumulation.CUMULATIVE_SUM or value is None or last_approved is None:
        return []
    if value >= last_approved:
        return []
    message = gettext(
        "%(value)s is below the last approved running total of %(last)s; "
        "a running total cannot fall.",
        value=fmt(value),
        last=fmt(last_approved),
    )
    return [Warning("running_total_fell", field, message)]


def far_beyond_target(
    field: str, value: Decimal | None, baseline: Decimal | None, life_target: Decimal | None
) -> list[Warning]:
    """Warn when a value is further from the baseline than 3 x (life target - baseline).

    A missing baseline counts as 0; without a life target, or with no planned change, no
    warning."""
    if value is None or life_target is None:
        return []
    start = baseline if baseline is not None else Decimal(0)
    span = abs(life_target - start)
    if span == 0 or abs(value - start) <= TARGET_FACTOR * span:
        return []
    message = gettext(
        "%(value)s is far from the life target of %(target)s "
        "(baseline %(baseline)s): more than %(factor)s times the planned change.",
        value=fmt(value),
        target=fmt(life_target),
        baseline=fmt(start),
        factor=fmt(TARGET_FACTOR),
    )
    return [Warning("far_beyond_target", field, message)]


def modified_z(value: Decimal, history: Sequence[Decimal]) -> Decimal | None:
    """Return the modified z-score of a value against a history (None without any spread)."""
    centre = median(history)
    mad = median([abs(x - centre) for x in history])
    if mad != 0:
        return MAD_SCALE * (value - centre) / mad
    mean_ad = sum((abs(x - centre) for x in history), Decimal(0)) / len(history)
    if mean_ad == 0:
        return None
    return (value - centre) / (MEAN_AD_SCALE * mean_ad)


def increments(series: Sequence[Decimal]) -> list[Decimal]:
    """Return the differences between consecutive figures of a series."""
    return [after - before for before, after in zip(series, series[1:], strict=False)]


def history_outlier(
    field: str, cumulation: str, value: Decimal | None, history: Sequence[Decimal]
) -> list[Warning]:
    """Warn when a value's modified z-score against >= 4 approved values is above 3.5.

    `history` is oldest first; a cumulative-sum indicator is judged by its increments."""
    if value is None:
        return []
    judged, past, increase = value, list(history), False
    if cumulation == Cumulation.CUMULATIVE_SUM:
        if not past:
            return []
        judged, past, increase = value - past[-1], increments(past), True
    if len(past) < MIN_HISTORY:
        return []
    score = modified_z(judged, past)
    if score is None or abs(score) <= OUTLIER_Z:
        return []
    return [Warning("history_outlier", field, _outlier(increase, judged, past))]


def _outlier(increase: bool, judged: Decimal, past: Sequence[Decimal]) -> str:
    """Say that a value (or a running total's increase) is far from the approved history."""
    figures = {"figure": fmt(judged), "median": fmt(Decimal(median(past)))}
    if increase:
        return ngettext(
            "The increase %(figure)s is far from this indicator's approved history "
            "(median %(median)s over %(num)d period).",
            "The increase %(figure)s is far from this indicator's approved history "
            "(median %(median)s over %(num)d periods).",
            len(past),
            **figures,
        )
    return ngettext(
        "The value %(figure)s is far from this indicator's approved history "
        "(median %(median)s over %(num)d period).",
        "The value %(figure)s is far from this indicator's approved history "
        "(median %(median)s over %(num)d periods).",
        len(past),
        **figures,
    )


def activity_mismatch(field: str, status: str, percent: int | None) -> list[Warning]:
    """Warn when an activity's status and % complete disagree."""
    if not status or percent is None:
        return []
    if status == "completed" and percent < 100:
        message = gettext(
            "Marked completed at %(percent)s %% complete; a completed activity is at 100 %%.",
            percent=percent,
        )
    elif status == "planned" and percent > 0:
        message = gettext(
            "Marked planned at %(percent)s %% complete; an activity not started is at 0 %%.",
            percent=percent,
        )
    elif status == "ongoing" and percent == 100:
        message = gettext(
            "Marked ongoing at %(percent)s %% complete; is it completed?", percent=percent
        )
    elif status in STILL_UNDER_WAY and percent == 100:
        message = gettext(
            "Marked delayed at %(percent)s %% complete; is it completed?", percent=percent
        )
    else:
        return []
    return [Warning("activity_mismatch", field, message)]


def parts_mismatch(
    field: str, total: Decimal | None, parts: Mapping[str, Decimal], incomplete: bool
) -> list[Warning]:
    """Warn when disaggregated parts do not add up to the total."""
    if not parts or total is None or parts_add_up(total, parts, incomplete):
        return []
    added = sum(parts.values(), Decimal(0))
    message = gettext(
        "The parts add up to %(parts)s, not the total %(total)s.",
        parts=fmt(added),
        total=fmt(total),
    )
    return [Warning("parts_mismatch", field, message)]


@dataclass(frozen=True)
class Figure:
    """One reported indicator figure with what it is judged against."""

    field: str
    measure: str
    cumulation: str
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    baseline: Decimal | None = None
    life_target: Decimal | None = None
    last_approved: Decimal | None = None
    history: tuple[Decimal, ...] = ()
    parts: Mapping[str, Decimal] | None = None
    parts_incomplete: bool = False


def figure_warnings(figure: Figure) -> list[Warning]:
    """Return every warning one indicator figure raises (none for a qualitative one)."""
    if figure.measure == Measure.QUALITATIVE:
        return []
    f = figure.field
    return [
        *share_above_whole(f, figure.measure, figure.numerator, figure.denominator),
        *running_total_fell(f, figure.cumulation, figure.value, figure.last_approved),
        *far_beyond_target(f, figure.value, figure.baseline, figure.life_target),
        *history_outlier(f, figure.cumulation, figure.value, figure.history),
        *parts_mismatch(f, figure.value, figure.parts or {}, figure.parts_incomplete),
    ]
