"""Hypothesis on the quarterly entry form, the project edit form and the import parser
(RELIABILITY T71): never a 5xx, and a refused request writes nothing."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models.portfolio import Project
from app.models.progress import ProgressReport
from tests.app.imports_support import PROJECT, csv_bytes
from tests.security import authz_matrix
from tests.security.fingerprint import changed, fingerprint

ALLOWED = {200, 302, 400, 403, 404, 409, 413, 422, 429}
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
NUMBERS = st.one_of(
    TEXT,
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.from_regex(r"-?\d{1,40}([.,]\d{0,10})?([eE][+-]?\d{1,7})?", fullmatch=True),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)
DATES = st.one_of(TEXT, st.from_regex(r"-?\d{1,6}-\d{1,3}-\d{1,3}", fullmatch=True))


class Example:
    """Take the fingerprint before one example; accepted writes stay (the test's transaction
    is rolled back at the end), refused ones must leave every table as it was."""

    def __init__(self, connection: Any, db_session: Any) -> None:
        self.connection, self.db_session = connection, db_session

    def __enter__(self) -> Any:
        self.db_session.expire_all()
        self.before = fingerprint(self.connection)
        return self

    def check(self, status: int, body: str) -> None:
        assert status in ALLOWED, (status, body[:500])
        assert "Traceback" not in body
        if status not in (302, 303):
            assert changed(self.before, fingerprint(self.connection)) == []

    def __exit__(self, *_exc: Any) -> None:
        self.db_session.expire_all()


def test_fuzz_quarterly_entry(ds, as_role, connection, db_session) -> None:
    client = as_role("owner")
    ids = ds.ids()
    url = f"/projects/{ids['project_id']}/reports/2019Q3"

    @SETTINGS
    @given(
        value=NUMBERS,
        percent=NUMBERS,
        narrative=TEXT,
        status=st.sampled_from(["planned", "ongoing", "completed"]) | TEXT,
        version=st.none() | NUMBERS,
    )
    def run(value: str, percent: str, narrative: str, status: str, version: str | None) -> None:
        current = db_session.scalar(
            select(ProgressReport.version).where(
                ProgressReport.project_id == ids["project_id"],
                ProgressReport.period_id == ids["period_id"],
            )
        )
        body = {
            "version": str(current or 0) if version is None else version,
            "narrative": narrative,
            f"ind_{ids['indicator_id']}_value": value,
            f"act_{ids['activity_id']}_status": status,
            f"act_{ids['activity_id']}_percent": percent,
        }
        with Example(connection, db_session) as example:
            response = client.post(url, data=body)
            example.check(response.status_code, response.get_data(as_text=True))

    run()


def test_fuzz_project_edit(ds, as_role, connection, db_session) -> None:
    client = as_role("owner")
    ids = ds.ids()
    url = f"/projects/{ids['project_id']}/edit"

    @SETTINGS
    @given(
        budget=NUMBERS,
        funded=NUMBERS,
        title=TEXT,
        start=DATES,
        end=DATES,
        countries=TEXT,
        scope=st.sampled_from(["global", "national", "regional"]) | TEXT,
    )
    def run(budget: str, funded: str, title: str, start: str, end: str, countries: str, scope: str):
        db_session.expire_all()
        version = db_session.get(Project, ids["project_id"]).version
        body = {
            **authz_matrix.project_form({**ids, "project_version": version}),
            "budget_usd": budget,
            "funded_usd": funded,
            "title": title,
            "start_date": start,
            "end_date": end,
            "countries": countries,
            "scope": scope,
        }
        with Example(connection, db_session) as example:
            response = client.post(url, data=body)
            example.check(response.status_code, response.get_data(as_text=True))

    run()


def test_fuzz_import_parser(ds, app, connection, db_session, tmp_path) -> None:
    runner = app.test_cli_runner()
    path = tmp_path / "projects.csv"
    columns = list(PROJECT)

    @SETTINGS
    @given(
        column=st.sampled_from(columns),
        value=st.one_of(NUMBERS, DATES),
        other=st.sampled_from(columns),
        noise=TEXT,
    )
    def run(column: str, value: str, other: str, noise: str) -> None:
        row = {**PROJECT, "code": "FUZZ-1", "cted_needs": "", column: value, other: noise}
        path.write_bytes(csv_bytes([row]))
        with Example(connection, db_session) as example:
            result = runner.invoke(args=["import-projects", str(path)])
            assert result.exit_code in (0, 1), result.output
            assert (
                "Traceback" not in result.output
                and result.exception in (None,)
                or (isinstance(result.exception, SystemExit))
            )
            if result.exit_code == 1:
                assert result.stderr and all(
                    line.startswith(("row ", "file: ", "Error: "))
                    for line in result.stderr.splitlines()
                ), result.stderr
                assert changed(example.before, fingerprint(connection)) == []

    run()
