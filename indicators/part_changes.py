"""How a disaggregated indicator's breakdown changed between two sides of a comparison.

Each side is the indicator's life actual part by part (``disaggregation.life_parts_actual``) and
whether any of its values marked the parts incomplete. The rules:

- the categories are listed in the dimension's order (women, men, not recorded; the age groups
  youngest first; Member States by code, "not recorded" last), then any other category by name;
- a side that has parts and lacks a category counted nobody in it: its figure is 0;
- a side without any parts (a baseline frozen before parts were, an indicator not yet broken
  down) has no figure for any category, and no change is computed;
- the change is B minus A (``indicators.deltas.delta``), so reversing the comparison negates
  every part's change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from indicators.deltas import Delta, delta
from indicators.disaggregation import NOT_RECORDED, Dimension, categories


@dataclass(frozen=True)
class Parts:
    """One side's breakdown of an indicator: the figure of each category, and its caveat."""

    figures: Mapping[str, Decimal]
    incomplete: bool = False


@dataclass(frozen=True)
class PartChange:
    """One category on both sides, and its change from A to B."""

    category: str
    a: Decimal | None
    b: Decimal | None
    change: Delta


def ordered_categories(dimension: Dimension | None, found: Iterable[str]) -> list[str]:
    """Return the categories found, in the dimension's order, unknown ones last by name."""
    seen = set(found)
    if dimension is None:
        return sorted(seen)
    countries = [c for c in seen if c != NOT_RECORDED]
    order = [c for c in categories(dimension, countries) if c in seen]
    return order + sorted(seen - set(order))


def _figure(side: Parts, category: str) -> Decimal | None:
    if not side.figures:
        return None
    return side.figures.get(category, Decimal(0))


def part_changes(a: Parts, b: Parts, dimension: Dimension | None) -> list[PartChange]:
    """Return each category's figure on both sides and its change, in the dimension's order."""
    found = ordered_categories(dimension, [*a.figures, *b.figures])
    rows = []
    for category in found:
        old, new = _figure(a, category), _figure(b, category)
        rows.append(PartChange(category, old, new, delta(old, new)))
    return rows
