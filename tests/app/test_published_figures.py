"""Fidelity to the Working Group's published figures: a 2019 portfolio built through the import
commands gives back every published figure, and the 317 -> 314 comparison with 2018."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from tests.app.published import needs_rows, published, rows_2018, rows_2019, to_csv


def run(runner, *args: str) -> str:
    """Run a command and return its output, failing the test on a non-zero exit."""
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def reports(app, tmp_path):
    """Import 2018, freeze it, import 2019, freeze it; return the 2019 report with comparison."""
    runner = app.test_cli_runner()
    files = {name: tmp_path / f"{name}.csv" for name in ("needs", "p2018", "p2019")}
    files["needs"].write_text(to_csv(needs_rows()), encoding="utf-8")
    files["p2018"].write_text(to_csv(rows_2018()), encoding="utf-8")
    files["p2019"].write_text(to_csv(rows_2019()), encoding="utf-8")
    run(runner, "import-needs", str(files["needs"]))
    run(runner, "import-projects", str(files["p2018"]))
    run(runner, "snapshot", "create", "2018 mapping", "--as-of", "2018-08-31")
    run(runner, "import-projects", str(files["p2019"]))
    run(runner, "snapshot", "create", "2019 mapping", "--as-of", "2019-08-31")
    output = run(
        runner,
        "report",
        "baseline",
        "2019 mapping",
        "--compare",
        "2018 mapping",
        "--format",
        "json",
    )
    return json.loads(output)


def whole_percent(value: float) -> int:
    """Round a one-decimal share to the whole percent the report printed."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def test_every_published_2019_figure_is_reproduced(reports) -> None:
    figures = published()["compact_portfolio"]["2019"]
    assert reports["baseline"]["as_of"] == figures["as_of"]
    assert reports["projects"] == figures["projects"]
    assert reports["implementing_entities"] == figures["implementing_entities"]
    for pillar, share in figures["pillar_share_pct"].items():
        assert whole_percent(reports["by_pillar"][pillar]["share_pct"]) == share
    for scope, share in figures["scope_share_pct"].items():
        assert whole_percent(reports["by_scope"][scope]["share_pct"]) == share
    statuses = figures["status_of_2018_projects_pct"]
    assert whole_percent(reports["by_status"]["ongoing"]["share_pct"]) == statuses["ongoing"]
    assert whole_percent(reports["by_status"]["completed"]["share_pct"]) == statuses["completed"]
    assert (
        whole_percent(reports["by_status"]["pipeline"]["share_pct"])
        == statuses["new_or_under_development"]
    )
    million = Decimal(1_000_000)
    budget = {k: Decimal(str(v)) * million for k, v in figures["budget_usd_million"].items()}
    assert {k: Decimal(str(v)) for k, v in reports["budget_usd"].items()} == budget
    assert Decimal(str(reports["funded_usd"])) == Decimal("230.9") * million
    assert Decimal(str(reports["shortfall_usd"])) == Decimal("238.9") * million
    assert whole_percent(reports["shortfall_pct_of_active"]) == 51
    assert reports["shortfall_pct_of_active"] == 50.9  # 238.9 / 469.8, half-up to one decimal
    assert reports["in_multi_year_appeal"] == figures["in_multi_year_appeal_2019_2020"]


def test_shares_add_up_and_needs_are_counted(reports) -> None:
    for group in ("by_pillar", "by_scope", "by_status"):
        assert sum(v["count"] for v in reports[group].values()) == reports["projects"]
    assert reports["cted_needs"]["total"] == 552  # "over 550" identified from 2016 to 2019
    assert reports["cted_needs"]["addressed"] == len(
        [r for r in rows_2019()[:314] if r["cted_needs"]]
    )


def test_comparison_with_the_2018_mapping(reports) -> None:
    compare = reports["compare"]
    assert compare["label"] == "2018 mapping"
    assert compare["projects"] == published()["compact_portfolio"]["2018"]["projects"] == 317
    assert (compare["added"], compare["removed"], compare["carried_over"]) == (19, 22, 295)
    assert compare["delta"]["projects"] == 314 - 317
    assert compare["status_changes"]["ongoing->completed"] == 100
    assert compare["status_changes"]["ongoing->cancelled"] == 22
