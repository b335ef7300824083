"""The key messages of a portfolio built to the Working Group's published figures carry them
exactly, in the baseline PDF and, for its period, in the quarterly PDF."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from markupsafe import escape

from app import db
from app.figures.baseline_model import baseline_model
from app.quarterly.build import build_quarterly
from reports.formatting import fmt_count, fmt_long_date, fmt_month_year
from tests.app.published import needs_rows, published, rows_2018, rows_2019, to_csv
from tests.reports.pdftext import pages_text, squash

FIGURES = published()["compact_portfolio"]
AS_OF = dt.date.fromisoformat(FIGURES["2019"]["as_of"])
MAPPING_2018 = dt.date(2018, 8, 31)  # the date the 2018 mapping is frozen as of, below
TODAY = dt.date(2019, 10, 5)


def run(runner, *args: str) -> str:
    """Run a command and return its output, failing the test on a non-zero exit."""
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def portfolio(app, tmp_path):
    """Import 2018 and freeze it as "2018 mapping", then 2019 as "2019 mapping"."""
    runner = app.test_cli_runner()
    for name, rows in (("needs", needs_rows()), ("p2018", rows_2018()), ("p2019", rows_2019())):
        (tmp_path / f"{name}.csv").write_text(to_csv(rows), encoding="utf-8")
    run(runner, "import-needs", str(tmp_path / "needs.csv"))
    run(runner, "import-projects", str(tmp_path / "p2018.csv"))
    run(runner, "snapshot", "create", "2018 mapping", "--as-of", MAPPING_2018.isoformat())
    run(runner, "import-projects", str(tmp_path / "p2019.csv"))
    run(runner, "snapshot", "create", "2019 mapping", "--as-of", FIGURES["2019"]["as_of"])
    return runner


@pytest.fixture
def messages(app, portfolio) -> list[str]:
    """The key messages of the 2019 mapping compared with the 2018 mapping."""
    with app.app_context():
        return list(baseline_model(db.session(), "2019 mapping", "2018 mapping").key_messages)


def sentence(messages: list[str], start: str, holding: str = "") -> str:
    """Return the one sentence that starts so (and holds the given words)."""
    found = [m for m in messages if m.startswith(start) and holding in m]
    assert len(found) == 1, (start, messages)
    return found[0]


def usd_million(value: float) -> str:
    """The published amount in millions as the sentences write it ("$522.3 million")."""
    return f"${Decimal(str(value)):,} million"


def test_paragraph_56_projects_then_and_now_and_by_pillar(messages) -> None:
    y2019, y2018 = FIGURES["2019"], FIGURES["2018"]
    first = messages[0]
    assert first.startswith(
        f"By {fmt_month_year(AS_OF)}, Counter-Terrorism Compact entities were implementing "
        f"{y2019['projects']} projects compared to {y2018['projects']} projects in "
        f"{MAPPING_2018.year} "
    )
    assert f"\u201c2018 mapping\u201d, as of {fmt_long_date(MAPPING_2018)}" in first
    pillars = sentence(messages, f"Out of the {y2019['projects']} projects, ")
    for pillar, share in y2019["pillar_share_pct"].items():
        assert re.search(rf"\b{share} per cent (fall )?under Pillar {pillar}\b", pillars), pillar


def test_paragraph_57_the_implementing_entities(messages) -> None:
    y2019 = FIGURES["2019"]
    text = sentence(messages, f"The {y2019['projects']} projects reported")
    assert text.endswith(f"by {y2019['implementing_entities']} Counter-Terrorism Compact entities.")


def test_paragraph_59_scope_with_the_interregional_share_the_report_leaves_out(messages) -> None:
    y2019 = FIGURES["2019"]
    scopes = sentence(messages, f"Of the {y2019['projects']} projects, ")
    for scope, share in y2019["scope_share_pct"].items():
        assert re.search(rf"\b{share} per cent (are )?{scope}\b", scopes), scope
    rest = 100 - sum(y2019["scope_share_pct"].values())  # "the remaining 4% is not described"
    assert re.search(rf"\b{rest} per cent interregional\.$", scopes)


def test_paragraph_60_status(messages) -> None:
    shares = FIGURES["2019"]["status_of_2018_projects_pct"]
    status = sentence(messages, "As to their status, ")
    assert f"{shares['ongoing']} per cent of the projects are ongoing" in status
    assert f"{shares['completed']} per cent have been completed" in status
    assert f"{shares['new_or_under_development']} per cent are new or under development" in status


def test_paragraphs_61_and_62_budget_shortfall_and_funding(messages) -> None:
    y2019 = FIGURES["2019"]
    budget = {k: usd_million(v) for k, v in y2019["budget_usd_million"].items()}
    overall = sentence(messages, "The overall budget ")
    assert f"as of {fmt_long_date(AS_OF)} is {budget['total']}, including active" in overall
    assert f"amounting to a total of {budget['active']}" in overall
    assert f"completed projects to the value of {budget['completed']}." in overall
    shortfall = sentence(messages, f"As of {fmt_month_year(AS_OF)}, there was a funding shortfall")
    assert f"shortfall of {usd_million(y2019['funding_shortfall_usd_million'])}," in shortfall
    assert f"represents {y2019['funding_shortfall_pct_of_active']} per cent of" in shortfall
    assert shortfall.endswith(f"with the value of {budget['active']}.")
    provided = usd_million(y2019["funding_provided_usd_million"])
    assert f"Funding in the amount of {provided} was provided" in sentence(messages, "Funding")


def test_paragraphs_66_and_55_appeal_and_needs(messages) -> None:
    y2019 = FIGURES["2019"]
    appeal = sentence(messages, "Out of the portfolio of ")
    assert f"{y2019['in_multi_year_appeal_2019_2020']} are included in the Multi-Year" in appeal
    needs = sentence(messages, "Of the ", "identified by CTED")
    identified = int(re.search(r"Of the ([\d,]+) technical assistance needs", needs)[1])
    assert identified > 550  # "over 550" recommendations and needs, 2016 to August 2019
    addressed = len([r for r in rows_2019()[: y2019["projects"]] if r["cted_needs"]])
    assert f", {addressed} (" in needs


def test_paragraph_63_seed_funding_from_the_trust_fund(messages) -> None:
    seed = sentence(messages, "Seed funding from the Trust Fund for Counter-Terrorism")
    published_years = published()["seed_funding_usd"]
    for year in ("2018", "2019"):
        given = published_years[year]
        count = fmt_count(given["projects"], "project")  # "nine projects": under 10, in words
        assert f"to {count} in {year} (${given['total']:,} in total)" in seed, year


def test_without_a_comparison_the_comparison_is_left_out(app, portfolio) -> None:
    with app.app_context():
        alone = baseline_model(db.session(), "2019 mapping").key_messages
    assert alone[0].endswith(f"implementing {FIGURES['2019']['projects']} projects.")
    assert not any("compared" in m or "2018 mapping" in m for m in alone)


def test_the_baseline_pdf_opens_with_the_key_messages(portfolio, messages, tmp_path) -> None:
    out = tmp_path / "baseline.pdf"
    args = ["report", "baseline", "2019 mapping", "--compare", "2018 mapping"]
    run(portfolio, *args, "--format", "pdf", "--out", str(out))
    first_page = squash(pages_text(out.read_bytes())[0])
    assert "Keymessages" in first_page
    for message in messages:
        assert squash(message) in first_page, message


def test_the_baseline_report_page_shows_the_key_messages(
    portfolio, messages, client, make_user, login
) -> None:
    login(make_user("viewer"))
    page = client.get("/baselines/2019 mapping/report", query_string={"compare": "2018 mapping"})
    assert page.status_code == 200
    html = page.text
    assert html.index("Key messages") < html.index("Headline figures")
    for message in messages:
        assert f"<p>{escape(message)}</p>" in html, message


def test_the_quarterly_pdf_opens_with_the_key_messages_of_its_period(app, portfolio, tmp_path):
    """2019Q3 shows the state frozen inside it ("2019 mapping"), compared with the one chosen."""
    out = tmp_path / "2019Q3.pdf"
    compare = ["--compare", "2018 mapping"]
    run(portfolio, "report", "quarterly", "--period", "2019Q3", *compare, "--out", str(out))
    with app.app_context():
        report = build_quarterly(db.session(), "2019Q3", compare="2018 mapping")
    assert report.key_messages[0] == (
        f"By {fmt_month_year(AS_OF)}, Counter-Terrorism Compact entities were implementing "
        f"{FIGURES['2019']['projects']} projects compared to {FIGURES['2018']['projects']} "
        f"projects in {MAPPING_2018.year} (baseline \u201c2018 mapping\u201d, as of "
        f"{fmt_long_date(MAPPING_2018)})."
    )
    pages = [squash(p) for p in pages_text(out.read_bytes())]
    assert "Keymessages" in pages[1]  # listed in the contents
    opening = pages[2] + pages[3]  # after the cover and the contents, before the pillars
    assert "Keymessages" in pages[2]
    for message in report.key_messages:
        assert squash(message) in opening, message


def test_a_per_entity_quarter_speaks_of_the_entity_and_its_needs(app, portfolio) -> None:
    entity = "UNODC"
    with app.app_context():
        report = build_quarterly(db.session(), "2019Q3", entity=entity, today=TODAY)
    theirs = [r for r in rows_2019() if r["entity"] == entity and r["status"] != "cancelled"]
    text = " ".join(report.key_messages)
    assert report.key_messages[0] == (
        f"By {fmt_month_year(AS_OF)}, {entity} was implementing {len(theirs)} projects."
    )
    assert "Counter-Terrorism Compact entities" not in text
    assert "Seed funding" not in text  # the Trust Fund's figures are Compact-wide
    linked = len([r for r in theirs if r["cted_needs"]])
    needs = sentence(report.key_messages, "Of the ", "identified by CTED")
    assert f", {linked} (" in needs and needs.endswith(f"by at least one {entity} project.")


def test_a_past_quarter_speaks_of_its_own_state_not_of_today(app, portfolio) -> None:
    """The 2018Q3 report built after the 2019 import shows the 2018 mapping, frozen inside the
    quarter: its sentences carry the 2018 figures and that baseline's date."""
    with app.app_context():
        report = build_quarterly(db.session(), "2018Q3", today=TODAY)
    assert report.key_messages[0] == (
        f"By {fmt_month_year(MAPPING_2018)}, Counter-Terrorism Compact entities were "
        f"implementing {FIGURES['2018']['projects']} projects."
    )
    text = " ".join(report.key_messages)
    assert f"as of {fmt_long_date(MAPPING_2018)} is" in text
    assert str(FIGURES["2019"]["projects"]) not in text
