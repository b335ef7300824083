"""Change of a figure between two baselines, or a baseline and the live portfolio."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")


class DeltaReason(StrEnum):
    """Why part of a delta is left empty."""

    MISSING = "missing"
    FROM_ZERO = "from zero"


@dataclass(frozen=True)
class Delta:
    """Change from ``old`` to ``new``.

    ``absolute`` is new - old, exact. ``percent`` is the change relative to the size of ``old``
    (so a fall is negative even when ``old`` is negative), rounded half-up to one decimal.
    Rules: a side missing gives absolute and percent None with reason "missing"; an old value
    of zero gives the absolute change but percent None with reason "from zero".
    """

    old: Decimal | None
    new: Decimal | None
    absolute: Decimal | None
    percent: Decimal | None
    reason: DeltaReason | None = None


def _as_decimal(value: Decimal | int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def delta(old: Decimal | int | None, new: Decimal | int | None) -> Delta:
    """Return the absolute and percent change from old to new."""
    before, after = _as_decimal(old), _as_decimal(new)
    if before is None or after is None:
        return Delta(before, after, None, None, DeltaReason.MISSING)
    absolute = after - before
    if before == 0:
        return Delta(before, after, absolute, None, DeltaReason.FROM_ZERO)
    percent = (absolute / abs(before) * HUNDRED).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    return Delta(before, after, absolute, percent, None)
