"""Row builders of the scale generator: plausible projects, needs, logframes and values."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from indicators.shares import stored_parts_value

PILLARS = ("I", "II", "III", "IV")
PILLAR_WEIGHTS = (30, 35, 20, 15)
SCOPES = ("global", "interregional", "regional", "national")
SCOPE_WEIGHTS = (15, 10, 30, 45)
STATUSES = ("pipeline", "ongoing", "suspended", "completed", "cancelled")
STATUS_WEIGHTS = (10, 55, 5, 25, 5)
ORIGINS = ("cted_need", "member_state_request", "entity_mandate", None)
MEASURES = ("number", "percentage", "qualitative")
MEASURE_WEIGHTS = (60, 25, 15)
CUMULATIONS = ("non_cumulative", "cumulative_sum", "cumulative_latest")
STATES = [
    "AFG",
    "BFA",
    "CMR",
    "DZA",
    "EGY",
    "ETH",
    "IDN",
    "IRQ",
    "JOR",
    "KAZ",
    "KEN",
    "KGZ",
    "LBN",
    "LBY",
    "MAR",
    "MLI",
    "MOZ",
    "MRT",
    "NER",
    "NGA",
    "PAK",
    "PHL",
    "SDN",
    "SOM",
    "SYR",
    "TCD",
    "TJK",
    "TUN",
    "TUR",
    "UGA",
    "UZB",
    "YEM",
    "BGD",
    "LKA",
    "MDV",
    "TZA",
    "SEN",
    "CIV",
    "GHA",
    "BEN",
    "TGO",
    "BIH",
    "MKD",
    "ALB",
    "XKX",
    "IRN",
    "THA",
    "MYS",
    "KHM",
    "ECU",
    "COL",
    "PER",
    "BRA",
    "MEX",
]
AREAS = (
    "Border security",
    "Countering the financing of terrorism",
    "Criminal justice and rule of law",
    "Prevention of violent extremism",
    "Aviation security",
    "Foreign terrorist fighters",
    "Human rights and counter-terrorism",
    "Protection of critical infrastructure",
    "Victims of terrorism",
    "Use of the Internet and ICT",
)
THEMES = (
    "Strengthening",
    "Capacity building for",
    "Technical assistance on",
    "Regional cooperation in",
    "Support to national strategies on",
)
UNITS = {"number": ("officials trained", "cases handled", "laws reviewed"), "percentage": ("%",)}
QUALITATIVE = ("Not started", "Consultations held", "Draft under review", "Adopted")
FIXED_TIME = dt.datetime(2020, 1, 15, 9, 0, tzinfo=dt.UTC)
EXTRA_ENTITIES = (
    ("UNDPO", "Department of Peace Operations"),
    ("DOS", "Department of Operational Support"),
    ("DSS", "Department of Safety and Security"),
    ("UNOPS", "United Nations Office for Project Services"),
    ("UNICEF", "United Nations Children's Fund"),
    ("IOM", "International Organization for Migration"),
    ("IMO", "International Maritime Organization"),
    ("WCO", "World Customs Organization"),
    ("IAEA", "International Atomic Energy Agency"),
    ("UNMAS", "United Nations Mine Action Service"),
    ("UNRCCA", "United Nations Regional Centre for Preventive Diplomacy for Central Asia"),
    ("UNOWAS", "United Nations Office for West Africa and the Sahel"),
    ("DESA", "Department of Economic and Social Affairs"),
    ("UNFPA", "United Nations Population Fund"),
    ("UN-Habitat", "United Nations Human Settlements Programme"),
)
SCALE_PASSWORD = "scale-password-2019"
USERS = (
    ("scale-admin@example.org", "admin", None),
    ("scale-reviewer@example.org", "reviewer", None),
    ("scale-viewer@example.org", "viewer", None),
    ("scale-cted@example.org", "cted", None),
    ("scale-focal@example.org", "focal_point", "UNODC"),
)


def quarter_bounds(key: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a quarter keyed like 2019Q3."""
    year, quarter = int(key[:4]), int(key[5])
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + quarter // 4, 3 * quarter % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)


def need_row(rng: random.Random, need_id: int, number: int) -> dict[str, Any]:
    """Return a CTED need assessed between 2016 and 2019."""
    state = rng.choice(STATES)
    area = rng.choice(AREAS)
    return {
        "id": need_id,
        "code": f"CTED-{state}-{number:06d}",
        "member_state": state,
        "assessment_date": dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(1300)),
        "pillar_code": rng.choices(PILLARS, PILLAR_WEIGHTS)[0],
        "thematic_area": area,
        "description": f"{area}: assistance identified during the assessment of {state}",
        "confidential": rng.random() < 0.15,
    }


def project_row(rng: random.Random, project_id: int, entity_id: int) -> dict[str, Any]:
    """Return a project with plausible dates, money and markers."""
    start = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(2000))
    budget = Decimal(rng.randrange(50, 8000) * 1000)
    area = rng.choice(AREAS)
    return {
        "id": project_id,
        "code": f"SC-{project_id:06d}",
        "title": f"{rng.choice(THEMES)} {area.lower()} ({rng.choice(STATES)})",
        "entity_id": entity_id,
        "pillar_code": rng.choices(PILLARS, PILLAR_WEIGHTS)[0],
        "scope": rng.choices(SCOPES, SCOPE_WEIGHTS)[0],
        "status": rng.choices(STATUSES, STATUS_WEIGHTS)[0],
        "start_date": start,
        "end_date": start + dt.timedelta(days=rng.randrange(365, 1800)),
        "budget_usd": budget,
        "funded_usd": (budget * rng.randrange(0, 101) / 100).quantize(Decimal("1")),
        "in_multi_year_appeal": rng.random() < 0.3,
        "gender_marker": rng.choice((0, 1, 2, 2, 3, None)),
        "origin": rng.choice(ORIGINS),
        "version": 1,
        "created_at": FIXED_TIME,
        "updated_at": FIXED_TIME,
    }


def countries_for(rng: random.Random, scope: str) -> list[str]:
    """Return the beneficiary countries a project of this scope plausibly has."""
    count = {"national": 1, "regional": rng.randint(2, 5)}.get(scope, 0)
    return sorted(rng.sample(STATES, count))


def indicator_row(
    rng: random.Random, indicator_id: int, code: str, output_id: int
) -> dict[str, Any]:
    """Return an output indicator with a mixed measure, cumulation, baseline and life target."""
    measure = rng.choices(MEASURES, MEASURE_WEIGHTS)[0]
    decrease = measure == "number" and rng.random() < 0.15
    baseline, target = _baseline_and_target(rng, measure, decrease)
    return {
        "id": indicator_id,
        "code": code,
        "name": f"Indicator {code[-1]} of {code.rsplit('-', 1)[0]}",
        "outcome_id": None,
        "output_id": output_id,
        "unit": rng.choice(UNITS.get(measure, ("milestone",))),
        "measure": measure,
        "direction": "decrease" if decrease else "increase",
        "cumulation": "non_cumulative" if measure == "qualitative" else rng.choice(CUMULATIONS),
        "baseline_value": baseline,
        "baseline_period": None if baseline is None else "2016Q4",
        "baseline_note": "",
        "life_target": target,
        "version": 1,
    }


def _baseline_and_target(
    rng: random.Random, measure: str, decrease: bool
) -> tuple[Decimal | None, Decimal | None]:
    if measure == "qualitative":
        return None, None
    if measure == "percentage":
        base = rng.randint(0, 40)
        return Decimal(base), Decimal(min(100, base + rng.randint(10, 50)))
    if decrease:
        base = rng.randint(60, 200)
        return Decimal(base), Decimal(base - rng.randint(10, 50))
    base = rng.randint(0, 50)
    return Decimal(base), Decimal(base + rng.randint(20, 400))


def value_row(
    rng: random.Random, indicator: dict[str, Any], step: int, state: list[int]
) -> dict[str, Any]:
    """Return the indicator's actual for the step-th quarter (state carries running totals)."""
    row: dict[str, Any] = {"value": None, "numerator": None, "denominator": None}
    row.update(text="", note="")
    measure, cumulation = indicator["measure"], indicator["cumulation"]
    if measure == "qualitative":
        row["text"] = QUALITATIVE[min(3, step // 3)]
    elif measure == "percentage":
        denominator = rng.randint(20, 200)
        numerator = rng.randint(0, denominator)
        row.update(numerator=Decimal(numerator), denominator=Decimal(denominator))
        row["value"] = stored_parts_value(False, numerator, denominator)
    else:
        span = abs(int(indicator["life_target"] - indicator["baseline_value"]))
        increment = rng.randint(0, max(1, span // 6))
        state[0] += increment
        shown = increment if cumulation == "non_cumulative" else state[0]
        if cumulation == "cumulative_latest" and indicator["direction"] == "decrease":
            shown = int(indicator["baseline_value"]) - state[0]
        row["value"] = Decimal(max(0, shown))
    return row


def target_value(indicator: dict[str, Any], year_index: int) -> Decimal | None:
    """Return the annual (Q4) target of a numeric indicator, a share of its life target."""
    if indicator["measure"] == "qualitative" or indicator["life_target"] is None:
        return None
    base: Decimal = indicator["baseline_value"]
    life: Decimal = indicator["life_target"]
    return (base + (life - base) * (year_index + 1) / 3).quantize(Decimal("1"))


def activity_row(activity_id: int, output_id: int, project: dict[str, Any]) -> dict[str, Any]:
    """Return an activity under an output, over the project's dates."""
    return {
        "id": activity_id,
        "output_id": output_id,
        "title": "Workshops and expert missions",
        "start_date": project["start_date"],
        "end_date": project["end_date"],
        "status": "ongoing",
        "percent_complete": 50,
        "version": 1,
    }


def report_row(
    rng: random.Random,
    report_id: int,
    project_id: int,
    period_id: int,
    status: str,
    users: dict[str, int],
) -> dict[str, Any]:
    """Return a progress report row; approved ones carry their reviewer."""
    reviewed = status == "approved"
    narrative = "Activities delivered as planned." if rng.random() < 0.05 else ""
    return {
        "id": report_id,
        "project_id": project_id,
        "period_id": period_id,
        "status": status,
        "narrative": narrative,
        "author_id": users["focal_point"],
        "submitted_by_id": users["focal_point"] if status != "draft" else None,
        "submitted_at": FIXED_TIME if status != "draft" else None,
        "reviewed_by_id": users["reviewer"] if reviewed else None,
        "reviewed_at": FIXED_TIME if reviewed else None,
        "review_comment": "",
        # One approved narrative in ten is marked a highlight (the report keeps 5 a pillar).
        "is_highlight": reviewed and bool(narrative) and report_id % 10 == 0,
        "updated_by_id": users["focal_point"],
        "updated_at": FIXED_TIME,
        "version": 1,
    }
