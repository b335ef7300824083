"""Combine indicators: percentages by numerator and denominator, roll-ups by unit and measure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators.cumulation import PeriodValue, latest_value
from indicators.types import PARTS_MEASURES, Measure

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Fraction:
    """A percentage kept as its parts: numerator out of denominator."""

    numerator: Decimal
    denominator: Decimal

    def __post_init__(self) -> None:
        if self.denominator < 0 or self.numerator < 0:
            raise ValueError("numerator and denominator of a percentage cannot be negative")

    def percent(self, scale: Decimal = HUNDRED) -> Decimal | None:
        """Return numerator / denominator * scale, None when the denominator is zero."""
        return None if self.denominator == 0 else self.numerator / self.denominator * scale


def combine_percentages(parts: Iterable[Fraction], scale: Decimal = HUNDRED) -> Decimal | None:
    """Return sum of numerators / sum of denominators * scale (never an average of percentages;
    scale 100 for shares, 1 for ratios)."""
    items = list(parts)
    return Fraction(
        sum((p.numerator for p in items), Decimal(0)),
        sum((p.denominator for p in items), Decimal(0)),
    ).percent(scale)


def latest(values: Iterable[PeriodValue]) -> Decimal | None:
    """Return the figure of the latest period that has one: the other lawful reading of a rate."""
    return latest_value(values)


@dataclass(frozen=True)
class RollUpItem:
    """One indicator's life actual offered to a roll-up (to an outcome or a pillar)."""

    code: str
    unit: str
    measure: Measure
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class RollUp:
    """The combined figure of the indicators that share one unit and one measure.

    ``value`` is the sum for numbers, the combined percentage for percentages (the combined
    ratio for ratios, which never share a group with percentages), and always None
    for qualitative indicators, which are listed but never summed. ``missing`` lists the codes
    of numbers and percentages that had no usable figure and so were left out of ``value``.
    """

    unit: str
    measure: Measure
    value: Decimal | None
    codes: tuple[str, ...]
    missing: tuple[str, ...]


def unit_key(unit: str) -> str:
    """Normalise a unit for grouping: case and repeated spaces do not make a different unit."""
    return " ".join(unit.split()).casefold()


def _usable(item: RollUpItem) -> bool:
    if item.measure in PARTS_MEASURES:
        return item.numerator is not None and item.denominator is not None
    return item.value is not None


def _lacking(item: RollUpItem) -> bool:
    return item.measure is not Measure.QUALITATIVE and not _usable(item)


def _combine(measure: Measure, items: list[RollUpItem]) -> Decimal | None:
    if measure in PARTS_MEASURES:
        return combine_percentages(
            (
                Fraction(i.numerator, i.denominator)
                for i in items
                if i.numerator is not None and i.denominator is not None
            ),
            Decimal(1) if measure is Measure.RATIO else HUNDRED,
        )
    if measure is Measure.NUMBER and items:
        return sum((i.value for i in items if i.value is not None), Decimal(0))
    return None


def roll_up(items: Iterable[RollUpItem]) -> list[RollUp]:
    """Group indicators by (unit, measure) and combine each group; nothing crosses groups."""
    groups: dict[tuple[str, Measure], list[RollUpItem]] = {}
    for item in items:
        groups.setdefault((unit_key(item.unit), item.measure), []).append(item)
    result = []
    for (_, measure), members in groups.items():
        usable = [m for m in members if _usable(m)]
        result.append(
            RollUp(
                unit=members[0].unit.strip(),
                measure=measure,
                value=_combine(measure, usable),
                codes=tuple(m.code for m in members),
                missing=tuple(m.code for m in members if _lacking(m)),
            )
        )
    return result
