"""Seed funding from the Trust Fund: the reference load, the import for later years, the summary."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import Decimal
from importlib import resources

import pytest
from sqlalchemy import delete, event, func, select, update

from app.errors import ValidationFailed
from app.figures.seed_funding import seed_funding_summaries, seed_funding_summary
from app.models.audit import AuditEvent
from app.models.reference import Entity, SeedFundingProject
from app.portfolio.imports import import_seed_funding
from app.reference.services import seed_reference
from tests.app.imports_support import csv_bytes, xlsx_bytes
from tests.app.published import PUBLISHED

ROWS = [
    {"year": "2020", "title": "Countering terrorist travel", "cost_usd": "150000", "entity": ""},
    {"year": "2020", "title": "Victims of terrorism", "cost_usd": "89000.50", "entity": "UNOCT"},
]


def reference_rows() -> list[dict[str, str]]:
    """Read the project's copy of the seed funding reference file, as the loader does."""
    text = resources.files("app.reference").joinpath("seed_funding_projects.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def expected_by_year() -> dict[int, tuple[int, Decimal]]:
    """Count and sum the reference file per year."""
    found: dict[int, list[Decimal]] = defaultdict(list)
    for row in reference_rows():
        found[int(row["year"])].append(Decimal(row["cost_usd"]))
    return {year: (len(costs), sum(costs, Decimal(0))) for year, costs in found.items()}


def stored(session) -> list[tuple[int, str, Decimal, int | None]]:
    """Return every seed funding row, in the order they were written."""
    stmt = select(
        SeedFundingProject.year,
        SeedFundingProject.title,
        SeedFundingProject.cost_usd,
        SeedFundingProject.entity_id,
    ).order_by(SeedFundingProject.id)
    return [tuple(r) for r in session.execute(stmt).all()]


def audit_count(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent))


def problems_of(call) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return caught.value.problems


@pytest.fixture
def empty(db_session) -> None:
    """Start from a table without seed funding (the suite's database has the reference rows)."""
    db_session.execute(delete(SeedFundingProject))


def test_reference_load_gives_the_published_figures(db_session, empty) -> None:
    counts = seed_reference(db_session)
    assert counts["seed_funding_projects"] == len(reference_rows()) == 16
    expected = expected_by_year()
    published = json.loads(PUBLISHED.read_text(encoding="utf-8"))["seed_funding_usd"]
    for year in (2018, 2019):
        section = seed_funding_summary(db_session, year)
        assert (section.project_count, section.total) == expected[year]
        assert section.project_count == published[str(year)]["projects"]
        assert section.total == Decimal(published[str(year)]["total"])
        assert len(section.projects) == section.project_count
        assert sum(p.cost for p in section.projects) == section.total
    assert expected == {2018: (9, Decimal(949111)), 2019: (7, Decimal(973748))}


def test_reference_load_twice_changes_nothing(db_session, empty) -> None:
    seed_reference(db_session)
    before = stored(db_session)
    assert seed_reference(db_session)["seed_funding_projects"] == 0
    assert stored(db_session) == before


def test_reference_load_corrects_a_changed_cost(db_session) -> None:
    before = stored(db_session)
    db_session.execute(
        update(SeedFundingProject).where(SeedFundingProject.year == 2019).values(cost_usd=1)
    )
    assert seed_reference(db_session)["seed_funding_projects"] == 7
    db_session.expire_all()
    assert stored(db_session) == before


def test_summary_lists_projects_largest_first_and_empty_years_are_empty(db_session) -> None:
    section = seed_funding_summary(db_session, 2019)
    costs = [p.cost for p in section.projects]
    assert costs == sorted(costs, reverse=True)
    ties = [p.title.casefold() for p in section.projects if p.cost == Decimal(169500)]
    assert len(ties) == 4 and ties == sorted(ties)
    none = seed_funding_summary(db_session, 2031)
    assert (none.year, none.project_count, none.total, tuple(none.projects)) == (
        2031,
        0,
        Decimal(0),
        (),
    )
    years = [s.year for s in seed_funding_summaries(db_session)]
    assert years == sorted(expected_by_year())
    assert [s.year for s in seed_funding_summaries(db_session, 2018)] == [2018]


def test_import_creates_then_changes_nothing(db_session) -> None:
    audits = audit_count(db_session)
    first = import_seed_funding(db_session, None, csv_bytes(ROWS))
    assert (len(first.created), len(first.updated), first.unchanged) == (2, 0, 0)
    after_first = stored(db_session)
    second = import_seed_funding(db_session, None, csv_bytes(ROWS))
    assert (len(second.created), len(second.updated), second.unchanged) == (0, 0, 2)
    assert stored(db_session) == after_first
    assert audit_count(db_session) == audits + 1  # the second import wrote nothing, not even audit
    section = seed_funding_summary(db_session, 2020)
    assert (section.project_count, section.total) == (2, Decimal("239000.50"))
    assert [(p.title, p.entity) for p in section.projects] == [
        ("Countering terrorist travel", None),
        ("Victims of terrorism", "UNOCT"),
    ]
    assert seed_funding_summary(db_session, 2019).project_count == 7  # other years untouched


def test_import_updates_cost_and_entity_by_year_and_title(db_session) -> None:
    import_seed_funding(db_session, None, csv_bytes(ROWS))
    changed = [{**ROWS[0], "cost_usd": "160000", "title": "Countering  terrorist\ttravel"}]
    result = import_seed_funding(db_session, None, csv_bytes(changed))
    assert (len(result.created), len(result.updated), result.unchanged) == (0, 1, 0)
    no_entity_column = [{k: v for k, v in ROWS[1].items() if k != "entity"} | {"cost_usd": "1"}]
    import_seed_funding(db_session, None, csv_bytes(no_entity_column))
    lines = {p.title: p for p in seed_funding_summary(db_session, 2020).projects}
    assert lines["Countering terrorist travel"].cost == Decimal(160000)
    assert (lines["Victims of terrorism"].cost, lines["Victims of terrorism"].entity) == (
        Decimal(1),
        "UNOCT",
    )


def test_dry_run_reports_the_same_and_writes_nothing(db_session) -> None:
    before, audits = stored(db_session), audit_count(db_session)
    result = import_seed_funding(db_session, None, csv_bytes(ROWS), dry_run=True)
    assert (len(result.created), result.dry_run) == (2, True)
    assert result.summary() == "2 created, 0 updated, 0 unchanged (dry run: nothing written)"
    assert stored(db_session) == before and audit_count(db_session) == audits


def test_xlsx_and_csv_give_the_same_rows(db_session) -> None:
    header = list(ROWS[0])
    book = xlsx_bytes(
        [header, [2020, ROWS[0]["title"], 150000, None], [2020, ROWS[1]["title"], 89000.5, "UNOCT"]]
    )
    import_seed_funding(db_session, None, book)
    from_xlsx = stored(db_session)
    assert import_seed_funding(db_session, None, csv_bytes(ROWS)).unchanged == 2
    assert stored(db_session) == from_xlsx


BAD_CELLS = [
    ("year", "", "row 2: year: required"),
    ("year", "20x0", "row 2: year: '20x0' is not a year written with four digits, 2000 to 2099"),
    ("year", "1999", "row 2: year: '1999' is not a year written with four digits, 2000 to 2099"),
    ("year", "2100", "row 2: year: '2100' is not a year written with four digits, 2000 to 2099"),
    ("year", "2020.5", "row 2: year: '2020.5' is not a year"),
    ("year", "٢٠٢٠", "row 2: year: '٢٠٢٠' is not a year"),
    ("cost_usd", "-5", "row 2: cost_usd: '-5' is negative; a cost is an amount above 0"),
    ("cost_usd", "0", "row 2: cost_usd: 0 is not a cost"),
    ("cost_usd", "1e5", "row 2: cost_usd: '1e5' is not an amount >= 0"),
    ("cost_usd", "", "row 2: cost_usd: required"),
    ("title", "", "row 2: title: required"),
    ("title", "x" * 501, "row 2: title: too long (501 characters, at most 500)"),
    ("title", "Safe\u202etxt.exe", "row 2: title: contains invisible control characters (U+202E)"),
    ("title", "Broken\x00export", "row 2: title: contains a NUL character"),
    ("entity", "XYZ", "row 2: entity: 'XYZ' is not a Compact entity"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_CELLS)
def test_each_rule_names_row_and_column_and_writes_nothing(
    db_session, column, value, message
) -> None:
    before, audits = stored(db_session), audit_count(db_session)
    rows = [{**ROWS[0], column: value}, ROWS[1]]
    found = problems_of(lambda: import_seed_funding(db_session, None, csv_bytes(rows)))
    assert len(found) == 1 and found[0].startswith(message)
    assert stored(db_session) == before and audit_count(db_session) == audits


def test_missing_column_and_unknown_column_are_refused(db_session) -> None:
    before = stored(db_session)
    no_cost = [{k: v for k, v in row.items() if k != "cost_usd"} for row in ROWS]
    assert problems_of(lambda: import_seed_funding(db_session, None, csv_bytes(no_cost))) == [
        "row 1: cost_usd: missing required column"
    ]
    extra = [{**row, "budget": "1"} for row in ROWS]
    assert problems_of(lambda: import_seed_funding(db_session, None, csv_bytes(extra))) == [
        "row 1: budget: unknown column"
    ]
    assert stored(db_session) == before


def test_duplicate_title_in_a_year_names_the_first_row(db_session) -> None:
    rows = [*ROWS, {**ROWS[0], "title": " Countering terrorist  travel ", "cost_usd": "1"}]
    rows.append({**ROWS[0], "year": "2021"})  # the same title in another year is another project
    assert problems_of(lambda: import_seed_funding(db_session, None, csv_bytes(rows))) == [
        "row 4: title: 'Countering terrorist travel' for 2020 already appears in row 2"
    ]


def test_every_problem_is_reported_and_one_bad_row_writes_nothing(db_session) -> None:
    before = stored(db_session)
    rows = [dict(ROWS[0], title=f"Project {i}") for i in range(50)]
    rows[10]["year"] = "1850"
    rows[30]["cost_usd"] = "-1"
    found = problems_of(lambda: import_seed_funding(db_session, None, csv_bytes(rows)))
    assert [p.split(":")[0] for p in found] == ["row 12", "row 32"]
    assert stored(db_session) == before


def test_database_refuses_what_the_import_refuses(db_session) -> None:
    unoct = db_session.scalar(select(Entity.id).where(Entity.acronym == "UNOCT"))
    assert unoct is not None
    for values in ({"year": 1999, "cost_usd": 1}, {"year": 2020, "cost_usd": -1}):
        nested = db_session.begin_nested()
        db_session.add(SeedFundingProject(title="t", entity_id=unoct, **values))
        with pytest.raises(Exception, match="(?i)check|constraint"):
            db_session.flush()
        nested.rollback()


def test_summaries_take_two_statements_whatever_the_number_of_years(db_session, engine) -> None:
    found: list[str] = []

    def collect(*args) -> None:
        if args[2].lstrip().upper().startswith("SELECT"):  # not the test's SAVEPOINTs
            found.append(args[2])

    event.listen(engine, "before_cursor_execute", collect)
    try:
        seed_funding_summaries(db_session)
        few = len(found)
        rows = [
            {**ROWS[0], "year": str(year), "title": f"Project {year}-{k}"}
            for year in range(2020, 2040)
            for k in range(5)
        ]
        import_seed_funding(db_session, None, csv_bytes(rows))
        found.clear()
        sections = seed_funding_summaries(db_session)
    finally:
        event.remove(engine, "before_cursor_execute", collect)
    assert len(found) == few == 2
    assert len(sections) == 22 and sum(s.project_count for s in sections) == 116
