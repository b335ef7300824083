"""`import-seed-funding` as a user runs it: one line per problem, exit 1, nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models.reference import SeedFundingProject
from tests.app.imports_support import csv_bytes, xlsx_bytes
from tests.app.test_seed_funding import ROWS


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()
    return lambda *args, **kw: runner.invoke(args=list(args), **kw)


@pytest.fixture
def path(tmp_path):
    def write(name: str, data: bytes) -> str:
        target = tmp_path / name
        target.write_bytes(data)
        return str(target)

    return write


def rows_of(session, year: int) -> int:
    stmt = (
        select(func.count()).select_from(SeedFundingProject).where(SeedFundingProject.year == year)
    )
    return session.scalar(stmt)


def test_import_twice_then_dry_run(run, path, db_session) -> None:
    file = path("seed.csv", csv_bytes(ROWS))
    dry = run("import-seed-funding", file, "--dry-run")
    assert dry.exit_code == 0
    assert dry.stdout == (
        "Seed funding: 2 created, 0 updated, 0 unchanged (dry run: nothing written).\n"
    )
    assert rows_of(db_session, 2020) == 0
    first, second = run("import-seed-funding", file), run("import-seed-funding", file)
    assert first.stdout == "Seed funding: 2 created, 0 updated, 0 unchanged.\n"
    assert second.stdout == "Seed funding: 0 created, 0 updated, 2 unchanged.\n"
    assert rows_of(db_session, 2020) == 2


def test_bad_file_exits_1_with_one_line_per_problem(run, path, db_session) -> None:
    rows = [{**ROWS[0], "year": "19"}, {**ROWS[1], "cost_usd": "-100", "title": "a\x1bb"}]
    result = run("import-seed-funding", path("seed.csv", csv_bytes(rows)))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "row 3: title: contains invisible control characters (U+001B); remove them",
    ]
    rows[1]["title"] = "Fine"
    result = run("import-seed-funding", path("seed.csv", csv_bytes(rows)))
    assert result.stderr.splitlines() == [
        "row 2: year: '19' is not a year written with four digits, 2000 to 2099",
        "row 3: cost_usd: '-100' is negative; a cost is an amount above 0",
    ]
    assert "Traceback" not in result.output and rows_of(db_session, 2020) == 0


def test_missing_column_in_a_workbook(run, path, db_session) -> None:
    book = xlsx_bytes([["year", "title"], [2020, "A project"]])
    result = run("import-seed-funding", path("seed.xlsx", book))
    assert result.exit_code == 1
    assert result.stderr == "row 1: cost_usd: missing required column\n"
    assert rows_of(db_session, 2020) == 0


def test_unreadable_files_are_refused_in_one_line(run, path, db_session) -> None:
    missing = run("import-seed-funding", str(path("x", b"")) + ".absent")
    assert missing.exit_code == 1 and missing.stderr.startswith("file: cannot read")
    latin = run(
        "import-seed-funding",
        path("s.csv", "year,title,cost_usd\n2020,Caf\u00e9,1\n".encode("latin-1")),
    )
    assert latin.exit_code == 1 and latin.stderr.startswith("file: not UTF-8 text")
    assert "Traceback" not in missing.output + latin.output
