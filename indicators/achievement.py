"""Achievement of an indicator against its target, and its traffic-light status."""

from __future__ import annotations

from decimal import Decimal

from indicators.i18n import gettext
from indicators.types import AchievementStatus

ON_TRACK_FROM = Decimal("0.85")
AT_RISK_FROM = Decimal("0.50")


def achievement(
    actual: Decimal | None, baseline: Decimal | None, target: Decimal | None
) -> Decimal | None:
    """Return (actual - baseline) / (target - baseline), or None when it cannot be assessed.

    The ratio needs no special case for decreasing indicators: a fall from baseline 10 towards
    target 4 gives a positive denominator and numerator alike. None ("not assessed") when any
    figure is missing or the target equals the baseline. The ratio is not rounded or clamped:
    above 1 means the target was exceeded, below 0 means a move away from it.
    """
    if actual is None or baseline is None or target is None:
        return None
    if target == baseline:
        return None
    return (actual - baseline) / (target - baseline)


def status_of(ratio: Decimal | None) -> AchievementStatus:
    """Classify an achievement ratio: on track >= 0.85, at risk >= 0.50, else off track."""
    if ratio is None:
        return AchievementStatus.NOT_ASSESSED
    if ratio >= ON_TRACK_FROM:
        return AchievementStatus.ON_TRACK
    if ratio >= AT_RISK_FROM:
        return AchievementStatus.AT_RISK
    return AchievementStatus.OFF_TRACK


def assess(
    actual: Decimal | None, baseline: Decimal | None, target: Decimal | None
) -> tuple[Decimal | None, AchievementStatus]:
    """Return the achievement ratio together with its status."""
    ratio = achievement(actual, baseline, target)
    return ratio, status_of(ratio)


def why_not_assessed(
    actual: Decimal | None, baseline: Decimal | None, target: Decimal | None
) -> str | None:
    """Return why `achievement` gives None for these figures, or None when it gives a ratio."""
    if actual is None:
        return gettext("no approved value")
    if baseline is None:
        return gettext("no baseline")
    if target is None:
        return gettext("no target")
    if target == baseline:
        return gettext("target equals baseline")
    return None


def status_thresholds() -> list[tuple[AchievementStatus, str]]:
    """Describe each status by the thresholds above, as a reader should be told them."""
    on_track, at_risk = _pct(ON_TRACK_FROM), _pct(AT_RISK_FROM)
    return [
        (
            AchievementStatus.ON_TRACK,
            gettext("achievement of %(on_track)s %% or more", on_track=on_track),
        ),
        (
            AchievementStatus.AT_RISK,
            gettext(
                "achievement of %(at_risk)s %% or more, below %(on_track)s %%",
                at_risk=at_risk,
                on_track=on_track,
            ),
        ),
        (AchievementStatus.OFF_TRACK, gettext("achievement below %(at_risk)s %%", at_risk=at_risk)),
        (
            AchievementStatus.NOT_ASSESSED,
            gettext("no achievement can be computed (the reason is given)"),
        ),
    ]


def _pct(ratio: Decimal) -> str:
    return f"{(ratio * 100).normalize():f}"
