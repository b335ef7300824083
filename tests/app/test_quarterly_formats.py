"""The quarterly report's formats agree: the API's headlines are the PDF's, both ways round."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.baselines.services import create_baseline
from tests.app import factories
from tests.reports.pdftext import body_text, squash


@pytest.fixture
def two_closes(db_session):
    """Two projects frozen as the 2019Q2 close; a third added and frozen as the 2019Q3 close."""
    factories.project(db_session, "UNODC-1", budget_usd="2000000", funded_usd="500000")
    factories.project(db_session, "UNOCT-1", entity="UNOCT", budget_usd="1000000")
    create_baseline(db_session, None, "2019Q2 close", dt.date(2019, 6, 30))
    factories.project(db_session, "UNDP-1", entity="UNDP", budget_usd="3500000")
    create_baseline(db_session, None, "2019Q3 close", dt.date(2019, 9, 30))
    return db_session


def headlines(client, period: str, compare: str) -> list[dict[str, str]]:
    body = client.get(f"/api/v1/quarterly/{period}", query_string={"compare": compare})
    assert body.status_code == 200, body.text
    return list(body.get_json()["headlines"])


def test_the_pdf_prints_the_apis_headlines_both_ways_round(
    two_closes, client, make_user, login
) -> None:
    login(make_user("viewer"))
    ways = {("2019Q3", "2019Q2 close"), ("2019Q2", "2019Q3 close")}
    seen: dict[tuple[str, str], list[dict[str, str]]] = {}
    for period, compare in ways:
        rows = headlines(client, period, compare)
        pdf = client.get(f"/reports/preview.pdf?period={period}&compare={compare}")
        assert pdf.status_code == 200
        text = squash(body_text(pdf.data))
        for row in rows:
            assert row["change"] is not None, row
            assert squash(row["label"] + row["value"] + row["change"]) in text, row
        seen[(period, compare)] = rows
    later, earlier = seen[("2019Q3", "2019Q2 close")], seen[("2019Q2", "2019Q3 close")]
    assert [r["label"] for r in later] == [r["label"] for r in earlier]
    for a, b in zip(later, earlier, strict=True):
        assert Decimal(a["change"]) == -Decimal(b["change"]), (a, b)
    projects = next(r for r in later if r["label"] == "Projects in the portfolio")
    assert (projects["value"], projects["change"]) == ("3", "+1")
