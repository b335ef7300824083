"""A partial import changes only what it names (issue 13 point 1): a column the file does not
have leaves that field as it is, an empty cell of a column it has clears it; the dry run and
the audit event say field by field what changes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.errors import ValidationFailed
from app.models.audit import AuditEvent
from app.models.portfolio import CtedNeed, Project
from app.portfolio.imports import import_needs, import_projects
from app.portfolio.imports.projects import COLUMNS
from tests.app.imports_support import NEED, PROJECT, csv_bytes, projects, xlsx_bytes
from tests.app.portfolio_fingerprint import portfolio_fingerprint

OPTIONAL = [name for name in COLUMNS.known if name not in COLUMNS.required]
REQUIRED = list(COLUMNS.required)


@pytest.fixture
def loaded(db_session) -> list[dict[str, str]]:
    """Two needs and three fully described projects."""
    import_needs(db_session, None, csv_bytes([NEED, {**NEED, "code": "CTED-KEN-2019-01"}]))
    rows = projects(3, cted_needs="CTED-KEN-2018-07;CTED-KEN-2019-01")
    import_projects(db_session, None, csv_bytes(rows))
    return rows


def state(session, code: str) -> dict[str, object]:
    """Every field an import may set, read back from the database."""
    session.expire_all()
    p = session.scalar(select(Project).where(Project.code == code))
    return {
        "title": p.title, "status": p.status, "budget": p.budget_usd, "funded": p.funded_usd,
        "countries": sorted(c.iso3 for c in p.countries), "needs": sorted(n.code for n in p.needs),
        "pve": sorted(a.number for a in p.pve_areas), "gender": p.gender_marker,
        "appeal": p.in_multi_year_appeal, "start": p.start_date, "end": p.end_date,
        "origin": p.origin, "version": p.version,
    }  # fmt: skip


def test_required_columns_alone_change_nothing(db_session, loaded) -> None:
    before = portfolio_fingerprint(db_session)
    result = import_projects(db_session, None, csv_bytes(loaded, header=REQUIRED))
    assert (result.created, result.updated, result.unchanged) == ([], [], 3)
    assert portfolio_fingerprint(db_session) == before
    assert result.untouched == tuple(OPTIONAL)


@pytest.mark.parametrize("absent", OPTIONAL)
def test_each_absent_column_keeps_its_field(db_session, loaded, absent) -> None:
    code = loaded[0]["code"]
    kept = state(db_session, code)
    header = [name for name in COLUMNS.known if name != absent]
    result = import_projects(
        db_session, None, csv_bytes([{**loaded[0], "title": "Renamed"}], header)
    )
    assert result.updated == [code] and result.changes[0].fields == {
        "title": (PROJECT["title"], "Renamed")
    }
    assert state(db_session, code) == {**kept, "title": "Renamed", "version": kept["version"] + 1}


def test_empty_cells_of_present_columns_clear_their_fields(db_session, loaded) -> None:
    code = loaded[1]["code"]
    emptied = {name: "" for name in OPTIONAL}
    row = {**loaded[1], **emptied, "scope": "global"}
    import_projects(db_session, None, csv_bytes([row], list(COLUMNS.known)))
    found = state(db_session, code)
    assert (found["countries"], found["needs"], found["pve"]) == ([], [], [])
    assert (found["gender"], found["appeal"], found["start"], found["end"]) == (None,) * 4
    assert found["origin"] is None


def test_partial_xlsx_keeps_links(db_session, loaded) -> None:
    header = ["code", *REQUIRED[1:], "gender_marker"]
    table = [header] + [[r[c] for c in header] for r in loaded]
    table[1][header.index("gender_marker")] = 3
    result = import_projects(db_session, None, xlsx_bytes(table))
    assert result.changes[0].fields == {"gender_marker": ("2", "3")} and result.unchanged == 2
    found = state(db_session, loaded[0]["code"])
    assert found["needs"] == ["CTED-KEN-2018-07", "CTED-KEN-2019-01"] and found["gender"] == 3
    assert found["countries"] == ["KEN"] and found["pve"] == [2, 4]


def test_rules_across_columns_see_the_kept_values(db_session, loaded) -> None:
    # end_date in the file, start_date kept: the end may not fall before the kept start.
    header = [*REQUIRED, "end_date"]
    with pytest.raises(ValidationFailed) as caught:
        import_projects(
            db_session, None, csv_bytes([{**loaded[0], "end_date": "2017-12-31"}], header)
        )
    assert caught.value.problems == ["row 2: end_date: 2017-12-31 is before start_date 2018-01-01"]
    # national scope without a countries column: the kept countries satisfy the rule.
    result = import_projects(db_session, None, csv_bytes([loaded[0]], REQUIRED))
    assert result.unchanged == 1


def test_new_project_in_a_partial_file_gets_empty_optional_fields(db_session, loaded) -> None:
    row = {**loaded[0], "code": "NEW-1", "scope": "global"}
    result = import_projects(db_session, None, csv_bytes([row], REQUIRED))
    assert result.created == ["NEW-1"]
    found = state(db_session, "NEW-1")
    assert (found["countries"], found["needs"], found["start"], found["appeal"]) == (
        [],
        [],
        None,
        None,
    )


def test_audit_event_keeps_before_and_after_of_each_changed_field(db_session, loaded) -> None:
    rows = [{**loaded[0], "status": "completed"}, {**loaded[1], "countries": "KEN;UGA"}]
    import_projects(db_session, None, csv_bytes(rows, [*REQUIRED, "countries"]))
    event = db_session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    first, second = loaded[0]["code"], loaded[1]["code"]
    assert event.before == {first: {"status": "ongoing"}, second: {"countries": "KEN"}}
    assert event.after["changes"] == {
        first: {"status": "completed"},
        second: {"countries": "KEN;UGA"},
    }


def test_dry_run_command_lists_changes_and_untouched_columns(
    app, tmp_path, db_session, loaded
) -> None:
    rows = [{**loaded[0], "title": "Renamed"}, loaded[1], {**loaded[2], "budget_usd": "2000000"}]
    path = tmp_path / "partial.csv"
    path.write_bytes(csv_bytes(rows, [*REQUIRED, "cted_needs"]))
    before = portfolio_fingerprint(db_session)
    out = app.test_cli_runner().invoke(args=["import-projects", str(path), "--dry-run"])
    assert out.exit_code == 0, out.output
    untouched = ", ".join(name for name in OPTIONAL if name != "cted_needs")
    assert out.stdout.splitlines() == [
        "Projects: 0 created, 2 updated, 1 unchanged (dry run: nothing written).",
        f"Not in the file, left as they are: {untouched}.",
        f"row 2: {loaded[0]['code']}: title: {PROJECT['title']} -> Renamed",
        f"row 4: {loaded[2]['code']}: budget_usd: 1000000.00 -> 2000000",
    ]
    assert portfolio_fingerprint(db_session) == before


def test_needs_file_without_confidential_keeps_the_flag(db_session) -> None:
    import_needs(db_session, None, csv_bytes([{**NEED, "confidential": "yes"}]))
    header = [name for name in NEED if name != "confidential"]
    result = import_needs(
        db_session, None, csv_bytes([{**NEED, "thematic_area": "Aviation"}], header)
    )
    assert result.changes[0].fields == {"thematic_area": ("Border security", "Aviation")}
    assert result.untouched == ("confidential",)
    db_session.expire_all()
    need = db_session.scalar(select(CtedNeed))
    assert need.confidential is True and need.thematic_area == "Aviation"
    event = db_session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.before == {NEED["code"]: {"thematic_area": "Border security"}}
    assert event.after["changes"] == {NEED["code"]: {"thematic_area": "Aviation"}}


def test_needs_dry_run_shows_file_column_names(db_session) -> None:
    import_needs(db_session, None, csv_bytes([NEED]))
    changed = {**NEED, "pillar": "III", "assessment_date": "2019-01-02"}
    result = import_needs(db_session, None, csv_bytes([changed]), dry_run=True)
    assert result.detail_lines() == [
        f"row 2: {NEED['code']}: assessment_date: 2018-05-02 -> 2019-01-02; pillar: II -> III"
    ]
    assert db_session.scalar(select(CtedNeed.assessment_date)) == dt.date(2018, 5, 2)
