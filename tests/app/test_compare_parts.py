"""The comparison shows how a breakdown changed: each part on both sides, beside the total, on
the page, in the parts CSV and in the XLSX's Parts sheet; reversing it negates each change."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest

from app.baselines.services import create_baseline
from app.compare.downloads import PART_HEADERS
from tests.app.progress_data import world
from tests.app.test_baseline_parts import approved
from tests.app.test_round_trips import demo, signed_in

D = Decimal
LABEL = "Before 2019Q4"
__all__ = ["demo"]


@pytest.fixture
def w(db_session):
    found = world(db_session)
    found.number.disaggregation = "sex"
    approved(db_session, found, "2019Q3", {"women": 10, "men": 20})
    create_baseline(db_session, None, LABEL, dt.date.today())
    approved(db_session, found, "2019Q4", {"men": 5, "women": 5, "not_recorded": 2}, True, 14)
    db_session.commit()
    return found


def _parts_csv(client, a: str, b: str) -> list[dict[str, str]]:
    response = client.get("/compare/parts.csv", query_string={"a": a, "b": b})
    assert response.status_code == 200
    reader = csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    assert reader.fieldnames == PART_HEADERS
    return list(reader)


def test_the_parts_csv_gives_each_part_on_both_sides(client, make_user, login, w) -> None:
    login(make_user("viewer"))
    rows = _parts_csv(client, LABEL, "")
    code = w.number.code
    assert [(r["code"], r["part"], r["A"], r["B"], r["change"]) for r in rows] == [
        (code, "women", "10", "15", "5"),
        (code, "men", "20", "25", "5"),
        (code, "not_recorded", "0", "2", "2"),
    ]  # the dimension's order; a part nobody was counted in on A is 0 there
    assert {(r["A_parts_incomplete"], r["B_parts_incomplete"]) for r in rows} == {("no", "yes")}
    assert rows[0]["change_pct"] == "50.0" and rows[0]["dimension"] == "sex"


def test_reversing_the_comparison_negates_each_part(client, make_user, login, w) -> None:
    login(make_user("viewer"))
    forward, reverse = _parts_csv(client, LABEL, ""), _parts_csv(client, "", LABEL)
    assert [r["part"] for r in forward] == [r["part"] for r in reverse]
    for there, back in zip(forward, reverse, strict=True):
        assert (there["A"], there["B"]) == (back["B"], back["A"])
        assert D(there["change"]) == -D(back["change"])
        assert (there["A_parts_incomplete"], there["B_parts_incomplete"]) == (
            back["B_parts_incomplete"], back["A_parts_incomplete"],
        )  # fmt: skip


def test_the_page_shows_the_parts_under_the_total(client, make_user, login, w) -> None:
    login(make_user("viewer"))
    page = client.get("/compare", query_string={"a": LABEL, "b": ""}).get_data(as_text=True)
    code = w.number.code
    rows = re.findall(
        rf'<tr class="part-row" data-indicator="{code}" data-part="(\w+)">(.*?)</tr>', page, re.S
    )
    assert [name for name, _ in rows] == ["women", "men", "not_recorded"]
    women = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rows[0][1])).strip()
    assert women == "Women (by sex) 10 15 +5 +50.0 %"
    assert "Parts incomplete on B" in page and "Parts incomplete on A" not in page
    assert 'id="download-parts-csv"' in page
    total = page.index(f"output {code}")
    assert total < page.index('data-part="women"')  # beside (under) its total


def test_the_xlsx_has_a_parts_sheet(client, make_user, login, w) -> None:
    login(make_user("viewer"))
    response = client.get("/compare.xlsx", query_string={"a": LABEL, "b": ""})
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Figures", "Indicators", "Parts"]
    rows = list(book["Parts"].iter_rows(values_only=True))
    assert list(rows[0]) == PART_HEADERS
    assert [(r[5], r[6], r[7], r[8]) for r in rows[1:]] == [
        ("women", 10, 15, 5), ("men", 20, 25, 5), ("not_recorded", 0, 2, 2),
    ]  # fmt: skip
    indicators = list(book["Indicators"].iter_rows(values_only=True))
    assert len([r for r in indicators if r[2] == w.number.code]) == 1  # one row per indicator


def test_the_indicator_csv_keeps_its_columns(client, make_user, login, w) -> None:
    from app.compare.downloads import INDICATOR_HEADERS

    login(make_user("viewer"))
    body = client.get("/compare.csv", query_string={"a": LABEL, "b": ""}).get_data(as_text=True)
    assert ",".join(INDICATOR_HEADERS) in body and "women" not in body


def test_the_demo_freezes_its_parts_and_compares_them(app, client, db_session, demo) -> None:
    from sqlalchemy import func, select

    from app.models.baselines import BaselineValuePart

    run = app.test_cli_runner()
    made = run.invoke(args=["snapshot", "create", "Demo 2019Q2", "--as-of", "2019-06-30"])
    assert made.exit_code == 0, made.output
    assert run.invoke(args=["snapshot", "verify", "Demo 2019Q2"]).exit_code == 0
    assert db_session.scalar(select(func.count()).select_from(BaselineValuePart)) > 0
    signed_in(client, "unodc@demo.example")
    page = client.get("/compare", query_string={"a": "Demo 2019Q2", "b": ""})
    assert page.status_code == 200 and 'data-part="women"' in page.get_data(as_text=True)
    rows = _parts_csv(client, "Demo 2019Q2", "")
    assert rows and all(D(r["change"]) == D(r["B"]) - D(r["A"]) for r in rows)
