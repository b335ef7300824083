"""The seed funding block: per year its projects and total, exact, as the reader sees them."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.content import SeedFundingLine, SeedFundingSection
from reports.formatting import fmt_money
from reports.pdf.document import PageMeta, build_pdf
from reports.pdf.seed_funding import projects, seed_funding
from tests.reports.pdftext import pages_text, squash

REFERENCE = Path(__file__).resolve().parents[2] / "app" / "reference" / "seed_funding_projects.csv"
META = PageMeta(title="Seed funding", header_right="Baseline", footer_left="Test", draft=False)


def reference_sections() -> list[SeedFundingSection]:
    """Build the sections of the reference file the way the query does (largest cost first)."""
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sections = []
    for year in sorted({int(r["year"]) for r in rows}):
        lines = [
            SeedFundingLine(r["title"], Decimal(r["cost_usd"]))
            for r in rows
            if int(r["year"]) == year
        ]
        lines.sort(key=lambda line: (-line.cost, line.title.casefold()))
        total = sum((line.cost for line in lines), Decimal(0))
        sections.append(SeedFundingSection(year, len(lines), total, tuple(lines)))
    return sections


def rendered(sections: list[SeedFundingSection]) -> str:
    return squash(" ".join(pages_text(build_pdf(seed_funding(sections), META))))


def test_reference_years_show_count_total_and_every_project() -> None:
    sections = reference_sections()
    text = rendered(sections)
    for section in sections:
        heading = (
            f"{section.year}: {section.project_count} projects, US$ {fmt_money(section.total)}"
        )
        assert squash(heading) in text
        assert squash(f"Total {section.year} {fmt_money(section.total)}") in text
        for line in section.projects:
            assert squash(line.title) in text
    assert squash("2018: 9 projects, US$ 949,111") in text
    assert squash("2019: 7 projects, US$ 973,748") in text
    assert squash("Total 16 1,922,859") in text  # the summary's row over both years


def test_one_project_is_singular_and_entity_shows_when_known() -> None:
    one = SeedFundingSection(
        2020, 1, Decimal("89000.50"), (SeedFundingLine("Victims", Decimal("89000.50"), "UNOCT"),)
    )
    text = rendered([one])
    assert squash("2020: 1 project, US$ 89,001") in text
    assert squash("Project Entity Cost (US$)") in text and "UNOCT" in text
    assert projects(1) == "1 project" and projects(0) == "0 projects"
    assert projects(1200) == "1,200 projects"


def test_no_seed_funding_says_so() -> None:
    assert squash("No seed funding from the Trust Fund is recorded.") in rendered([])


def test_titles_are_text_not_markup() -> None:
    title = '<img src="/etc/passwd"/> & <font size=40>big</font>'
    line = SeedFundingLine(title, Decimal(1))
    assert squash(title) in rendered([SeedFundingSection(2020, 1, Decimal(1), (line,))])


amounts = st.decimals(min_value=1, max_value=10**9, places=0)


@settings(max_examples=10, deadline=None)
@given(
    st.dictionaries(st.integers(2000, 2099), st.lists(amounts, min_size=1, max_size=6), max_size=3)
)
def test_every_year_shows_its_own_count_and_total(years: dict[int, list[Decimal]]) -> None:
    sections = [
        SeedFundingSection(
            year,
            len(costs),
            sum(costs, Decimal(0)),
            tuple(SeedFundingLine(f"Project {year}-{i}", c) for i, c in enumerate(costs)),
        )
        for year, costs in sorted(years.items())
    ]
    text = rendered(sections)
    for section in sections:
        expected = (
            f"{section.year}: {projects(section.project_count)}, US$ {fmt_money(section.total)}"
        )
        assert squash(expected) in text
