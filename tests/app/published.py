"""Build import files whose figures are the Working Group's published 2018 and 2019 figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

# A copy of the Working Group's published figures (shared/reference/published_figures.json).
PUBLISHED = Path(__file__).resolve().parents[1] / "fixtures" / "published_figures.json"
ENTITIES = [
    "UNOCT",
    "UNODC",
    "CTED",
    "UNDP",
    "UNESCO",
    "OHCHR",
    "UNICRI",
    "INTERPOL",
    "UNODA",
    "UNHCR",
    "UNITAR",
    "UN-Women",
    "ICAO",
]
PROJECT_HEADER = [
    "code",
    "title",
    "entity",
    "pillar",
    "scope",
    "countries",
    "status",
    "budget_usd",
    "funded_usd",
    "in_multi_year_appeal",
    "cted_needs",
]


def published() -> dict:
    """Return the published figures."""
    return json.loads(PUBLISHED.read_text(encoding="utf-8"))


def spread(counts: dict[str, int]) -> list[str]:
    """Return one label per project, interleaved so that every mix of labels occurs."""
    labels = [label for label, n in counts.items() for _ in range(n)]
    return labels[::2] + labels[1::2]


def split(total: int, parts: int) -> list[int]:
    """Split whole dollars into parts that add up exactly."""
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def rows_2019() -> list[dict[str, str]]:
    """Return the 314 projects of the 2019 mapping, then the 22 projects cancelled since 2018."""
    pillars = spread({"I": 103, "II": 35, "III": 154, "IV": 22})
    scopes = spread({"global": 78, "interregional": 13, "regional": 50, "national": 173})
    statuses = ["ongoing"] * 176 + ["pipeline"] * 19 + ["completed"] * 119
    active_budget = split(469_800_000, 195)
    active_funded = split(230_900_000, 195)
    completed_budget = split(52_500_000, 119)
    rows = []
    for i in range(314):
        active = i < 195
        budget = active_budget[i] if active else completed_budget[i - 195]
        rows.append(
            _row(
                f"P-{i:04d}",
                pillars[i],
                scopes[i],
                statuses[i],
                budget,
                active_funded[i] if active else budget,
                mya=active and i < 22,
                need=f"N-{i:04d}" if i % 3 == 0 else "",
            )
        )
    rows += [_row(f"R-{i:04d}", "II", "global", "cancelled", 1000, 0) for i in range(22)]
    return rows


def rows_2018() -> list[dict[str, str]]:
    """Return the 317 projects of 2018: 295 carried over (19 of 2019's are new) and 22 removed."""
    carried = [dict(r) for r in rows_2019()[:295]]
    for row in carried:
        if row["status"] == "completed":
            row["status"] = "ongoing"  # completed since 2018
    removed = [_row(f"R-{i:04d}", "II", "global", "ongoing", 1000, 0) for i in range(22)]
    return carried + removed


def _row(
    code: str,
    pillar: str,
    scope: str,
    status: str,
    budget: int,
    funded: int,
    mya: bool = False,
    need: str = "",
) -> dict[str, str]:
    number = int(code[2:])
    return {
        "code": code,
        "title": f"Project {code}",
        "entity": ENTITIES[number % len(ENTITIES)],
        "pillar": pillar,
        "scope": scope,
        "countries": "KEN" if scope == "national" else "",
        "status": status,
        "budget_usd": str(budget),
        "funded_usd": str(funded),
        "in_multi_year_appeal": "yes" if mya else "no",
        "cted_needs": need,
    }


def needs_rows(count: int = 552) -> list[dict[str, str]]:
    """Return CTED needs N-0000.. with every fifth one confidential."""
    return [
        {
            "code": f"N-{i:04d}",
            "member_state": "KEN",
            "assessment_date": "2018-03-01",
            "pillar": "II",
            "thematic_area": "Border security",
            "description": f"Need {i}",
            "confidential": "yes" if i % 5 == 0 else "no",
        }
        for i in range(count)
    ]


def to_csv(rows: list[dict[str, str]]) -> str:
    """Write rows as CSV text with their own keys as the header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _extend(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Give every project a gender marker and one or two PVE priority areas."""
    out = []
    for i, row in enumerate(rows):
        areas = f"{i % 7 + 1}" if i % 4 else f"{i % 7 + 1};{(i + 3) % 7 + 1}"
        out.append({**row, "gender_marker": str(i % 4), "pve_priority_areas": areas})
    return out


def run(runner: Any, *args: str) -> str:
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def published_db(app, tmp_path):
    """Import 2018, freeze it, import 2019, freeze it: the published figures."""
    runner = app.test_cli_runner()
    files = {name: tmp_path / f"{name}.csv" for name in ("needs", "p2018", "p2019")}
    files["needs"].write_text(to_csv(needs_rows()), encoding="utf-8")
    files["p2018"].write_text(to_csv(_extend(rows_2018())), encoding="utf-8")
    files["p2019"].write_text(to_csv(_extend(rows_2019())), encoding="utf-8")
    run(runner, "import-needs", str(files["needs"]))
    run(runner, "import-projects", str(files["p2018"]))
    run(runner, "snapshot", "create", "2018 mapping", "--as-of", "2018-08-31")
    run(runner, "import-projects", str(files["p2019"]))
    run(runner, "snapshot", "create", "2019 mapping", "--as-of", "2019-08-31")
    return runner
