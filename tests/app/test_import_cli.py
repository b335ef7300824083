"""The commands as a user runs them: imports, create-user, seed-reference."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.models.auth import User
from app.models.reference import Entity, Pillar, PveArea, SeedFundingProject
from tests.app.imports_support import NEED, PROJECT, counts, csv_bytes, projects


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()
    return lambda *args, **kw: runner.invoke(args=list(args), **kw)


@pytest.fixture
def files(tmp_path):
    def write(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def test_import_needs_then_projects_twice(run, files, db_session) -> None:
    needs = run("import-needs", files("needs.csv", csv_bytes([NEED])))
    assert needs.exit_code == 0 and needs.stdout == "Needs: 1 created, 0 updated, 0 unchanged.\n"
    path = files("projects.csv", csv_bytes(projects(3)))
    first = run("import-projects", path)
    second = run("import-projects", path)
    assert first.stdout == "Projects: 3 created, 0 updated, 0 unchanged.\n"
    assert second.stdout == "Projects: 0 created, 0 updated, 3 unchanged.\n"
    assert counts(db_session)["projects"] == 3


def test_bad_file_exits_1_with_one_line_per_problem(run, files, db_session) -> None:
    rows = [{**PROJECT, "cted_needs": ""}]
    rows.append({**rows[0], "code": "B", "budget_usd": "NaN"})
    rows.append({**rows[0], "code": "C", "scope": "national", "countries": ""})
    result = run("import-projects", files("p.csv", csv_bytes(rows)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "row 3: budget_usd: 'NaN' is not an amount >= 0 written with digits and at most 2 decimal"
        " places",
        "row 4: countries: required when scope is national",
    ]
    assert "Traceback" not in result.output and counts(db_session)["projects"] == 0


def test_dry_run_command_writes_nothing(run, files, db_session) -> None:
    run("import-needs", files("needs.csv", csv_bytes([NEED])))
    result = run("import-projects", files("p.csv", csv_bytes(projects(2))), "--dry-run")
    assert result.exit_code == 0
    assert (
        result.stdout == "Projects: 2 created, 0 updated, 0 unchanged (dry run: nothing written).\n"
    )
    assert counts(db_session)["projects"] == 0


def test_unreadable_file_is_one_line_without_traceback(run, files) -> None:
    result = run("import-needs", files("needs.xlsx", b"PK\x03\x04garbage"))
    assert result.exit_code == 1
    assert result.stderr.startswith("file: not a readable XLSX workbook") and "Traceback" not in (
        result.output
    )
    missing = run("import-needs", "/nonexistent/needs.csv")
    assert missing.exit_code == 1 and missing.stderr.startswith("file: cannot read")


def test_no_progress_bar_when_stderr_is_not_a_terminal(run, files) -> None:
    run("import-needs", files("needs.csv", csv_bytes([NEED])))
    result = run("import-projects", files("p.csv", csv_bytes(projects(600))))
    assert result.exit_code == 0 and result.stderr == ""


def test_create_user_reads_password_from_stdin(run, db_session) -> None:
    result = run(
        "create-user", "FP@Example.org", "--role", "focal_point", "--entity", "UNODC",
        "--password-stdin", input="a long password\n",
    )  # fmt: skip
    assert result.exit_code == 0 and result.stdout == "Created focal_point fp@example.org.\n"
    user = db_session.scalar(select(User).where(User.email == "fp@example.org"))
    assert user.entity.acronym == "UNODC"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x@example.org", "--role", "boss"], "role: 'boss' is not one of"),
        (["x@example.org", "--role", "focal_point"], "entity: a focal point needs an entity"),
        (["x@example.org", "--role", "viewer", "--entity", "ACME"], "entity: no Compact entity"),
        (["not-an-address", "--role", "viewer"], "email: 'not-an-address' is not an e-mail"),
    ],
)
def test_create_user_refuses_bad_input(run, args, message) -> None:
    result = run("create-user", *args, "--password-stdin", input="a long password\n")
    assert result.exit_code == 1 and message in result.stderr
    assert "Traceback" not in result.output


def test_create_user_refuses_a_duplicate_email(run, make_user) -> None:
    user = make_user("viewer")
    result = run(
        "create-user", user.email, "--role", "viewer", "--password-stdin", input="pw-long-enough\n"
    )
    assert result.exit_code == 1
    assert result.stderr == f"email: a user {user.email} already exists\n"


def test_seed_reference_twice_changes_nothing(run, db_session) -> None:
    def state():
        return [
            db_session.scalar(select(func.count()).select_from(m))
            for m in (Pillar, Entity, PveArea, SeedFundingProject)
        ]

    before = state()
    result = run("seed-reference")
    assert result.exit_code == 0
    assert result.stdout == (
        "Reference data: 0 pillars added or updated, 0 entities added or updated,"
        " 0 pve_areas added or updated, 0 seed_funding_projects added or updated\n"
    )
    assert state() == before == [4, 25, 7, 16]
