"""The tracker's vocabularies mapped to IATI 2.03 codelists (documented in docs/iati.md).

Every table here is the documentation's source: change both together.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from functools import cache
from importlib import resources

# ActivityStatus codelist: 1 Pipeline/identification, 2 Implementation, 3 Finalisation,
# 4 Closed, 5 Cancelled, 6 Suspended.
ACTIVITY_STATUS = {
    "pipeline": "1",
    "ongoing": "2",
    "completed": "3",
    "cancelled": "5",
    "suspended": "6",
}

# OECD DAC 5-digit purpose codes (Sector vocabulary 1), by pillar of the Strategy.
PILLAR_SECTORS = {
    "I": "15220",  # conditions conducive: civilian peace-building, conflict prevention
    "II": "15210",  # preventing and combating terrorism: security system management and reform
    "III": "15130",  # building States' capacity: legal and judicial development
    "IV": "15160",  # human rights and the rule of law: human rights
}

# Thematic areas of the needs a project answers (case-insensitive keywords) to DAC codes.
THEMATIC_SECTORS: tuple[tuple[str, str], ...] = (
    ("human rights", "15160"),
    ("criminal justice", "15130"),
    ("judicial", "15130"),
    ("legislation", "15130"),
    ("violent extremism", "15220"),
    ("border", "15210"),
    ("law enforcement", "15210"),
    ("financing", "15210"),
)

# The UN Gender Equality Marker (0-3) as a policy significance (PolicySignificance codelist):
# 0 and 1 (no or limited contribution) -> 0 not targeted, 2 -> 1 significant objective,
# 3 -> 2 principal objective.
GENDER_SIGNIFICANCE = {0: "0", 1: "0", 2: "1", 3: "2"}

# IndicatorMeasure codelist: 1 Unit, 2 Percentage, 5 Qualitative (a ratio is a unit figure).
MEASURES = {"number": "1", "percentage": "2", "ratio": "1", "qualitative": "5"}

# Region vocabulary 1 (OECD DAC): 998 "Developing countries, unspecified".
UNSPECIFIED_REGION = "998"

ORGANISATION_TYPE_MULTILATERAL = "40"
ROLE_IMPLEMENTING = "4"
RESULT_TYPE_OUTPUT = "1"
DOCUMENT_CATEGORY_RESULTS = "A08"  # "Results, outcomes and outputs"


def sectors(pillar: str, thematic_areas: tuple[str, ...]) -> list[str]:
    """Return the project's DAC codes: its pillar's first, then its needs' areas', once each."""
    found = [PILLAR_SECTORS[pillar]] if pillar in PILLAR_SECTORS else []
    for area in thematic_areas:
        lowered = area.lower()
        for keyword, code in THEMATIC_SECTORS:
            if keyword in lowered and code not in found:
                found.append(code)
                break
    return found


def percentages(count: int) -> list[Decimal]:
    """Split 100 into `count` shares of two decimals that add up to 100 exactly."""
    if count <= 0:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    return [share] * (count - 1) + [Decimal(100) - share * (count - 1)]


@cache
def _alpha2() -> dict[str, str]:
    text = resources.files("reports.iati").joinpath("iso_alpha2.csv").read_text("utf-8")
    return {row["iso3"]: row["iso2"] for row in csv.DictReader(text.splitlines())}


def country_code(iso3: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code IATI uses for an alpha-3 code, None if unknown."""
    return _alpha2().get(iso3)


def quarter_dates(key: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a period keyed like 2019Q3."""
    year, quarter = int(key[:4]), int(key[5])
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, following - dt.timedelta(days=1)


def decimal_text(value: Decimal) -> str:
    """Write a figure as xsd:decimal: fixed point, four decimals at most, no trailing zeros."""
    text = format(value.quantize(Decimal("0.0001")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
