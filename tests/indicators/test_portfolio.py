from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given

from indicators.portfolio import (
    PortfolioTally,
    ProjectFacts,
    figures,
    figures_from_counts,
    money,
    portfolio_figures,
    tally,
    to_contract_dict,
)
from indicators.shares import share_pct
from tests.indicators.strategies import portfolios

D = Decimal


def project(
    code: str,
    entity: str,
    pillar: str,
    scope: str,
    status: str,
    *money_: str,
    mya: bool = False,
    gm: int | None = None,
) -> ProjectFacts:
    budget, funded = (D(m) for m in money_)
    return ProjectFacts(code, entity, pillar, scope, status, budget, funded, mya, gm)


SMALL = [
    project("P1", "UNOCT", "I", "global", "ongoing", "100", "40", mya=True, gm=2),
    project("P2", "UNODC", "III", "national", "completed", "50", "50"),
    project("P3", "UNODC", "III", "regional", "pipeline", "30", "0", gm=0),
    project("P4", "UNDP", "II", "national", "cancelled", "999", "999", mya=True, gm=3),
    project("P5", "UNOCT", "IV", "national", "suspended", "20.50", "10", mya=True, gm=1),
]


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (1, 3, "33.3"),
        (2, 3, "66.7"),
        (1, 8, "12.5"),
        (1, 16, "6.3"),
        (1, 80, "1.3"),
        (0, 5, "0.0"),
        (5, 5, "100.0"),
        (0, 0, "0.0"),
        (5, 0, "0.0"),
    ],
)
def test_share_pct_rounds_half_up(part: int, whole: int, expected: str) -> None:
    result = share_pct(part, whole)
    assert result == D(expected) and str(result) == expected


def test_small_portfolio_by_hand() -> None:
    result = portfolio_figures(SMALL)
    assert result.projects == 4
    assert result.implementing_entities == 2  # UNDP's only project is cancelled
    assert {k: (c.count, str(c.share_pct)) for k, c in result.by_pillar.items()} == {
        "I": (1, "25.0"),
        "II": (0, "0.0"),
        "III": (2, "50.0"),
        "IV": (1, "25.0"),
    }
    assert {k: c.count for k, c in result.by_scope.items()} == {
        "global": 1,
        "interregional": 0,
        "regional": 1,
        "national": 2,
    }
    assert list(result.by_status) == ["pipeline", "ongoing", "suspended", "completed"]
    assert {k: c.count for k, c in result.by_entity.items()} == {"UNOCT": 2, "UNODC": 2}
    assert result.budget_active == D("150.50")
    assert result.budget_completed == D(50)
    assert result.budget_total == D("200.50")
    assert result.funded == D(50)  # P2's funding is not counted: it is completed
    assert result.shortfall == D("100.50")
    assert result.shortfall_pct_of_active == D("66.8")  # 100.50 / 150.50 = 66.78 %
    assert result.in_multi_year_appeal == 2
    assert {k: c.count for k, c in result.by_gender_marker.items()} == {
        "0": 1,
        "1": 1,
        "2": 1,
        "3": 0,
        "unknown": 1,
    }


def test_contract_dict_shape_and_money() -> None:
    out = to_contract_dict(portfolio_figures(SMALL))
    assert out["budget_usd"] == {"total": D("200.50"), "active": D("150.50"), "completed": 50}
    assert out["funded_usd"] == 50 and type(out["funded_usd"]) is int
    assert out["by_pillar"]["II"] == {"count": 0, "share_pct": D("0.0")}  # type: ignore[index]
    assert set(out) == {
        "projects",
        "implementing_entities",
        "by_pillar",
        "by_scope",
        "by_status",
        "budget_usd",
        "funded_usd",
        "shortfall_usd",
        "shortfall_pct_of_active",
        "in_multi_year_appeal",
    }
    assert "cancelled" not in out["by_status"]  # type: ignore[operator]


def test_money_is_int_when_whole() -> None:
    assert money(D("230900000.00")) == 230900000 and type(money(D("7.00"))) is int
    assert money(D("0.50")) == D("0.50")


def published_2019() -> PortfolioTally:
    """The 2019 mapping as SQL GROUP BY would hand it over (split of scopes/status invented)."""
    million = D(1_000_000)
    return PortfolioTally(
        projects=314,
        by_pillar={"I": 103, "II": 35, "III": 154, "IV": 22},
        by_scope={"global": 79, "interregional": 12, "regional": 50, "national": 173},
        by_status={"pipeline": 19, "ongoing": 176, "completed": 119},
        by_entity={"E0": 302, **{f"E{i}": 1 for i in range(1, 13)}},
        budget_active=D("469.8") * million,
        budget_completed=D("52.5") * million,
        funded_active=D("230.9") * million,
        in_multi_year_appeal=22,
    )


def test_published_figures_from_counts() -> None:
    out = to_contract_dict(figures_from_counts(published_2019()))
    assert out["projects"] == 314 and out["implementing_entities"] == 13
    assert out["by_pillar"]["I"] == {"count": 103, "share_pct": D("32.8")}  # type: ignore[index]
    assert out["by_status"]["suspended"] == {"count": 0, "share_pct": D("0.0")}  # type: ignore[index]
    assert out["budget_usd"] == {"total": 522300000, "active": 469800000, "completed": 52500000}
    assert out["funded_usd"] == 230900000
    assert out["shortfall_usd"] == 238900000
    assert out["shortfall_pct_of_active"] == D("50.9")
    assert out["in_multi_year_appeal"] == 22


def test_tally_whose_parts_disagree_is_refused() -> None:
    good = published_2019()
    bad_sum = PortfolioTally(**{**good.__dict__, "by_pillar": {"I": 1}})
    with pytest.raises(ValueError, match="pillar counts add up to 1, not 314"):
        figures(bad_sum)
    cancelled = PortfolioTally(**{**good.__dict__, "by_status": {"cancelled": 314}})
    with pytest.raises(ValueError, match="status 'cancelled' is not one of"):
        figures(cancelled)


def test_bad_project_facts_are_refused() -> None:
    with pytest.raises(ValueError, match="pillar 'V'"):
        project("X", "E", "V", "global", "ongoing", "1", "0")
    with pytest.raises(ValueError, match="gender marker"):
        project("X", "E", "I", "global", "ongoing", "1", "0", gm=4)
    with pytest.raises(ValueError, match="negative"):
        project("X", "E", "I", "global", "ongoing", "-1", "0")


def test_empty_portfolio() -> None:
    result = portfolio_figures([])
    assert result.projects == 0 and result.shortfall_pct_of_active == D("0.0")
    assert all(c.count == 0 for c in result.by_pillar.values())


@given(portfolios())
def test_shares_add_up_to_100_within_rounding(projects: list[ProjectFacts]) -> None:
    result = portfolio_figures(projects)
    if result.projects == 0:
        return
    for groups in (
        result.by_pillar,
        result.by_scope,
        result.by_status,
        result.by_entity,
        result.by_gender_marker,
    ):
        total = sum((c.share_pct for c in groups.values()), D(0))
        assert abs(total - 100) <= D("0.05") * len(groups)


@given(portfolios())
def test_totals_equal_the_sums_of_parts(projects: list[ProjectFacts]) -> None:
    kept = [p for p in projects if p.status != "cancelled"]
    active = [p for p in kept if p.status in ("pipeline", "ongoing", "suspended")]
    result = portfolio_figures(projects)
    assert result.projects == len(kept)
    for groups in (result.by_pillar, result.by_scope, result.by_status, result.by_entity):
        assert sum(c.count for c in groups.values()) == len(kept)
    assert result.budget_total == sum((p.budget for p in kept), D(0))
    assert result.budget_total == result.budget_active + result.budget_completed
    assert result.shortfall == sum((p.budget - p.funded for p in active), D(0))
    assert result.implementing_entities == len({p.entity for p in kept})


@given(portfolios())
def test_cancelled_projects_change_nothing(projects: list[ProjectFacts]) -> None:
    kept = [p for p in projects if p.status != "cancelled"]
    assert tally(projects) == tally(kept)
