"""Imports of needs and projects: every rule of docs/interfaces.md section 2, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import ValidationFailed
from app.models.audit import AuditEvent
from app.models.portfolio import CtedNeed, Project, project_needs
from app.portfolio.imports import import_needs, import_projects
from tests.app.imports_support import NEED, PROJECT, counts, csv_bytes, projects, xlsx_bytes


@pytest.fixture
def need(db_session) -> None:
    import_needs(db_session, None, csv_bytes([NEED]))


def problems_of(call) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return caught.value.problems


NEED_CASES = [
    ("code", "", "required"),
    ("code", "A;B", "contains ';'"),
    ("code", "X" * 65, "too long"),
    ("member_state", "", "required"),
    ("member_state", "ken", "ISO 3166-1 alpha-3"),
    ("member_state", "KENY", "ISO 3166-1 alpha-3"),
    ("member_state", "KÉN", "ISO 3166-1 alpha-3"),
    ("assessment_date", "", "required"),
    ("assessment_date", "02/05/2018", "YYYY-MM-DD"),
    ("assessment_date", "2018-02-30", "not a real date"),
    ("pillar", "V", "not one of I, II, III, IV"),
    ("pillar", "", "required"),
    ("thematic_area", "", "required"),
    ("thematic_area", "x" * 201, "too long"),
    ("description", "", "required"),
    ("description", "x" * 5001, "too long"),
    ("confidential", "maybe", "not yes or no"),
]


@pytest.mark.parametrize(("column", "value", "message"), NEED_CASES)
def test_each_needs_rule_names_row_and_column(db_session, column, value, message) -> None:
    rows = [dict(NEED, code="CTED-OK-1"), {**NEED, column: value}]
    found = problems_of(lambda: import_needs(db_session, None, csv_bytes(rows)))
    assert len(found) == 1
    assert found[0].startswith(f"row 3: {column}: ")
    assert message in found[0]
    assert counts(db_session)["needs"] == 0


PROJECT_CASES = [
    ("code", "", "required"),
    ("title", "", "required"),
    ("title", "t" * 501, "too long"),
    ("entity", "", "required"),
    ("entity", "ACME", "not a Compact entity"),
    ("pillar", "iv", "not one of"),
    ("scope", "local", "not one of global, interregional, regional, national"),
    ("countries", "", "required when scope is national"),
    ("countries", "KEN;ug", "ISO 3166-1 alpha-3"),
    ("status", "closed", "not one of pipeline"),
    ("start_date", "2021-01-01", "end_date: 2020-12-31 is before start_date"),
    ("start_date", "2018-13-01", "not a real date"),
    ("end_date", "31.12.2020", "YYYY-MM-DD"),
    ("budget_usd", "", "required"),
    ("budget_usd", "-1", "amount >= 0"),
    ("budget_usd", "NaN", "amount >= 0"),
    ("budget_usd", "Infinity", "amount >= 0"),
    ("budget_usd", "1e999999", "amount >= 0"),
    ("budget_usd", "1_000", "amount >= 0"),
    ("budget_usd", "1,000", "amount >= 0"),
    ("budget_usd", "1000.123", "at most 2 decimal places"),
    ("budget_usd", "1000000000000001", "above the limit"),
    ("budget_usd", "99999999999999999999999", "amount >= 0"),
    ("funded_usd", "1000000.01", "above budget_usd"),
    ("funded_usd", "-0", "amount >= 0"),
    ("in_multi_year_appeal", "y", "not yes or no"),
    ("cted_needs", "CTED-XXX-1999-01", "no CTED need CTED-XXX-1999-01"),
    ("pve_priority_areas", "2;8", "not a whole number from 1 to 7"),
    ("pve_priority_areas", "0", "not a whole number from 1 to 7"),
    ("gender_marker", "4", "not a whole number from 0 to 3"),
    ("gender_marker", "1.5", "not a whole number from 0 to 3"),
    ("origin", "donor", "not one of cted_need"),
    ("title", "bad\x00title", "NUL"),
]


@pytest.mark.parametrize(("column", "value", "message"), PROJECT_CASES)
def test_each_projects_rule_names_row_and_column(db_session, need, column, value, message) -> None:
    rows = [*projects(2), {**PROJECT, column: value}]
    found = problems_of(lambda: import_projects(db_session, None, csv_bytes(rows)))
    assert len(found) == 1, found
    expected = "end_date" if "end_date:" in message else column
    assert found[0].startswith(f"row 4: {expected}: ")
    assert message.removeprefix("end_date: ") in found[0]
    assert counts(db_session)["projects"] == 0


def test_optional_cells_may_be_empty(db_session) -> None:
    optional = ("countries", "start_date", "end_date", "in_multi_year_appeal", "cted_needs")
    row = {**PROJECT, "scope": "global", **dict.fromkeys(optional, "")}
    row.update(pve_priority_areas="", gender_marker="", origin="")
    result = import_projects(db_session, None, csv_bytes([row]))
    project = db_session.scalar(select(Project))
    assert result.created == [PROJECT["code"]]
    assert project.in_multi_year_appeal is None and project.gender_marker is None
    assert project.origin is None and project.countries == [] and project.start_date is None


def test_duplicate_code_names_the_first_row(db_session, need) -> None:
    rows = [*projects(3), projects(2)[1]]
    found = problems_of(lambda: import_projects(db_session, None, csv_bytes(rows)))
    assert found == ["row 5: code: 'UNODC-KEN-00001' already appears in row 3"]


def test_one_bad_row_among_200_writes_nothing(db_session, need) -> None:
    rows = projects(200)
    rows[136]["funded_usd"] = "2000000"
    before = counts(db_session)
    found = problems_of(lambda: import_projects(db_session, None, csv_bytes(rows)))
    assert found == ["row 138: funded_usd: 2000000 is above budget_usd 1000000"]
    assert counts(db_session) == before


def test_every_problem_is_reported_not_only_the_first(db_session, need) -> None:
    rows = projects(5)
    rows[0]["pillar"], rows[3]["status"], rows[3]["gender_marker"] = "0", "x", "9"
    found = problems_of(lambda: import_projects(db_session, None, csv_bytes(rows)))
    assert [p.split(":")[0:2] for p in found] == [
        ["row 2", " pillar"],
        ["row 5", " status"],
        ["row 5", " gender_marker"],
    ]


def test_import_writes_values_and_links_exactly(db_session, need) -> None:
    result = import_projects(db_session, None, csv_bytes([PROJECT]))
    project = db_session.scalar(select(Project))
    assert result.summary() == "1 created, 0 updated, 0 unchanged"
    assert project.funded_usd == Decimal("400000.50") and project.budget_usd == Decimal(1000000)
    assert [c.iso3 for c in project.countries] == ["KEN"]
    assert [n.code for n in project.needs] == ["CTED-KEN-2018-07"]
    assert [a.number for a in project.pve_areas] == [2, 4]
    assert project.entity.acronym == "UNODC" and project.version == 1


def test_second_import_changes_nothing(db_session, need) -> None:
    data = csv_bytes(projects(30))
    import_projects(db_session, None, data)
    before = counts(db_session)
    versions = db_session.execute(select(Project.code, Project.version)).all()
    again = import_projects(db_session, None, data)
    assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, 30)
    assert counts(db_session) == before
    assert db_session.execute(select(Project.code, Project.version)).all() == versions


def test_large_file_reads_and_links_only_its_own_projects_across_chunks(db_session, need) -> None:
    import_projects(db_session, None, csv_bytes(projects(5, entity="UNDP")[:5]))
    rows = projects(1205)
    rows[1200].update(title="Changed", countries="KEN;UGA")
    first = import_projects(db_session, None, csv_bytes(rows[:1200] + rows[1201:]))
    assert len(first.created) == 1204 - 5 and len(first.updated) == 5
    second = import_projects(db_session, None, csv_bytes(rows))
    assert (second.created, second.updated, second.unchanged) == (["UNODC-KEN-01200"], [], 1204)
    linked = db_session.execute(
        select(func.count())
        .select_from(project_needs)
        .join(Project)
        .where(Project.code.like("UNODC-KEN-%"))
    ).scalar_one()
    assert linked == 1205
    late = db_session.scalar(select(Project).where(Project.code == "UNODC-KEN-01200"))
    assert [c.iso3 for c in late.countries] == ["KEN", "UGA"] and late.title == "Changed"


def test_upsert_updates_changed_fields_and_links(db_session, need) -> None:
    import_projects(db_session, None, csv_bytes(projects(3)))
    rows = projects(3)
    rows[1].update(
        title="New title", funded_usd="500000", countries="KEN;UGA", pve_priority_areas=""
    )
    rows[2]["cted_needs"] = ""
    result = import_projects(db_session, None, csv_bytes(rows))
    assert result.updated == ["UNODC-KEN-00001", "UNODC-KEN-00002"] and result.unchanged == 1
    changed = db_session.scalar(select(Project).where(Project.code == "UNODC-KEN-00001"))
    assert changed.title == "New title" and changed.funded_usd == Decimal(500000)
    assert [c.iso3 for c in changed.countries] == ["KEN", "UGA"] and changed.pve_areas == []
    assert changed.version == 2
    unlinked = db_session.scalar(select(Project).where(Project.code == "UNODC-KEN-00002"))
    assert unlinked.needs == [] and unlinked.version == 2
    events = db_session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    first, second = result.updated
    assert [e.after for e in events][-1] == {
        "created": [],
        "updated": result.updated,
        "changes": {
            first: {
                "title": "New title",
                "funded_usd": "500000",
                "countries": "KEN;UGA",
                "pve_priority_areas": "",
            },
            second: {"cted_needs": ""},
        },
    }
    assert events[-1].before == {
        first: {
            "title": PROJECT["title"],
            "funded_usd": "400000.50",
            "countries": "KEN",
            "pve_priority_areas": "2;4",
        },
        second: {"cted_needs": NEED["code"]},
    }


def test_one_audit_event_per_import_that_changed_something(db_session, need) -> None:
    import_projects(db_session, None, csv_bytes(projects(4)))
    import_projects(db_session, None, csv_bytes(projects(4)))
    events = db_session.scalars(select(AuditEvent).where(AuditEvent.object_type == "projects"))
    (event,) = events.all()
    assert event.action == "import" and len(event.after["created"]) == 4


def test_dry_run_reports_the_same_and_writes_nothing(db_session, need) -> None:
    import_projects(db_session, None, csv_bytes(projects(2)))
    rows = projects(4, title="Changed")
    before = counts(db_session)
    dry = import_projects(db_session, None, csv_bytes(rows), dry_run=True)
    assert counts(db_session) == before
    assert (
        db_session.scalar(select(Project.title).where(Project.code == "UNODC-KEN-00000"))
        == (PROJECT["title"])
    )
    real = import_projects(db_session, None, csv_bytes(rows))
    assert (dry.created, dry.updated, dry.unchanged) == (real.created, real.updated, real.unchanged)
    assert dry.summary().endswith("(dry run: nothing written)")


def test_dry_run_reports_the_same_problems(db_session, need) -> None:
    rows = projects(3, budget_usd="abc")
    dry = problems_of(lambda: import_projects(db_session, None, csv_bytes(rows), dry_run=True))
    real = problems_of(lambda: import_projects(db_session, None, csv_bytes(rows)))
    assert dry == real and len(dry) == 3


def test_xlsx_and_csv_give_the_same_database(db_session, need) -> None:
    rows = projects(5)
    header = list(PROJECT)
    table = [header] + [[r[c] for c in header] for r in rows]
    table[1][header.index("budget_usd")] = 1000000  # a number cell, as Excel stores it
    import_projects(db_session, None, xlsx_bytes(table))
    state = db_session.execute(select(Project).order_by(Project.code)).scalars().all()
    snapshot = [(p.code, p.budget_usd, p.funded_usd, p.start_date, len(p.countries)) for p in state]
    again = import_projects(db_session, None, csv_bytes(rows))
    assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, 5)
    assert snapshot[0] == ("UNODC-KEN-00000", Decimal(1000000), Decimal("400000.50"),
                           state[0].start_date, 1)  # fmt: skip


def test_needs_upsert_and_confidential_default(db_session) -> None:
    row = {k: v for k, v in NEED.items() if k != "confidential"}
    import_needs(db_session, None, csv_bytes([row]))
    assert db_session.scalar(select(CtedNeed.confidential)) is False
    result = import_needs(db_session, None, csv_bytes([{**NEED, "confidential": "Yes"}]))
    assert result.updated == [NEED["code"]]
    db_session.expire_all()
    assert db_session.scalar(select(CtedNeed.confidential)) is True
    assert (
        import_needs(db_session, None, csv_bytes([{**NEED, "confidential": "yes"}])).unchanged == 1
    )
