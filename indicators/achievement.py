"""Achievement of an indicator against its target, and its traffic-light status."""

from __future__ import annotations

from decimal import Decimal

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
