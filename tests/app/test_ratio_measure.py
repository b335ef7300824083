"""Issue 13, point 18: an indicator measured as a ratio (numerator / denominator that are not
part and whole) says so in its definition, takes a numerator above its denominator, and is
never rolled up with shares."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.errors import ValidationFailed
from app.figures.indicator_rollup import Rolled, output_groups
from app.models.logframe import Indicator
from app.progress import services as entry
from indicators.periods import PeriodKey
from indicators.shares import PART_ABOVE_WHOLE
from indicators.types import MEASURE_DEFINITIONS, Measure
from tests.app.progress_data import World, report_of, world
from tests.app.test_progress_sheet import COL, download, rows_by_code, upload
from tests.app.test_progress_workflow import scope_of

RATIO_LABEL = "Ratio (numerator / denominator; not a share)"
SHARE_LABEL = "Share (numerator is part of the denominator; at most 100 %)"


def with_ratio(db_session, w: World, unit: str = "cases per prosecutor") -> Indicator:
    ratio = Indicator(
        code=f"{w.project.code}-RAT", name="Cases handled per prosecutor", unit=unit,
        output_id=w.percent.output_id, measure=Measure.RATIO.value,
    )  # fmt: skip
    db_session.add(ratio)
    db_session.flush()
    return ratio


def test_the_definitions_name_a_ratio_and_a_share():
    assert MEASURE_DEFINITIONS[Measure.RATIO] == RATIO_LABEL
    assert MEASURE_DEFINITIONS[Measure.PERCENTAGE] == SHARE_LABEL


def test_service_takes_4900_of_49_for_a_ratio_and_refuses_it_for_a_share(db_session, make_user):
    w = world(db_session)
    ratio = with_ratio(db_session, w)
    focal = make_user("focal_point", "UNODC")
    parts = {"numerator": Decimal(4900), "denominator": Decimal(49)}
    share = entry.ReportInput(indicators={w.percent.id: entry.IndicatorInput(**parts)})
    with pytest.raises(ValidationFailed) as raised:
        entry.save_draft(db_session, focal, scope_of(db_session, w), share, 0)
    assert raised.value.problems == [f"{w.percent.code}: {PART_ABOVE_WHOLE}"]
    data = entry.ReportInput(indicators={ratio.id: entry.IndicatorInput(**parts)})
    entry.save_draft(db_session, focal, scope_of(db_session, w), data, 0)
    report = report_of(db_session, w)
    assert report is not None
    (stored,) = [v for v in report.values if v.indicator_id == ratio.id]
    assert (stored.numerator, stored.denominator) == (4900, 49)
    assert stored.value == Decimal("100.00")


def test_report_form_saves_a_ratio_above_one_hundred(client, db_session, make_user, login):
    w = world(db_session)
    ratio = with_ratio(db_session, w)
    login(make_user("focal_point", "UNODC"))
    data = w.form() | {f"ind_{ratio.id}_num": "4900", f"ind_{ratio.id}_den": "49"}
    response = client.post(w.url, data=data | {"action": "save"})
    assert response.status_code in (302, 303), response.get_data(as_text=True)[:2000]
    report = report_of(db_session, w)
    assert report is not None
    assert {v.indicator_id: v.value for v in report.values}[ratio.id] == Decimal("100.00")
    page = client.get(w.url).get_data(as_text=True)
    row = page[page.index(f'id="ind-{ratio.id}"') :]
    row = row[: row.index("</tr>")]
    assert RATIO_LABEL in row and "= 100 (computed)" in row and "%" not in row.split("·")[-1]


def test_indicator_form_offers_both_measures_with_their_explanations(
    client, db_session, make_user, login
):
    w = world(db_session)
    login(make_user("admin"))
    page = client.get(f"/outputs/{w.percent.output_id}/indicators/new").get_data(as_text=True)
    assert f'<option value="ratio">{RATIO_LABEL}</option>' in page
    assert f'<option value="percentage">{SHARE_LABEL.replace(" %", " %")}</option>' in page


def test_logframe_page_states_each_indicators_definition(client, db_session, make_user, login):
    w = world(db_session)
    with_ratio(db_session, w)
    login(make_user("admin"))
    page = client.get(f"/projects/{w.project.id}/logframe").get_data(as_text=True)
    assert RATIO_LABEL in page and SHARE_LABEL in page


def test_sql_rollup_never_combines_a_ratio_with_a_share(db_session, make_user):
    w = world(db_session)
    ratio = with_ratio(db_session, w, unit=w.percent.unit)
    focal = make_user("focal_point", "UNODC")
    data = entry.ReportInput(
        indicators={
            w.percent.id: entry.IndicatorInput(numerator=Decimal(1), denominator=Decimal(4)),
            ratio.id: entry.IndicatorInput(numerator=Decimal(30), denominator=Decimal(10)),
        }
    )
    entry.save_draft(db_session, focal, scope_of(db_session, w), data, 0)
    report = report_of(db_session, w)
    assert report is not None
    report.status = "approved"
    db_session.flush()
    found = output_groups(db_session, PeriodKey.from_date(w.period.ends_on))
    groups = {g.measure: g for g in found if g.unit == w.percent.unit}
    assert set(groups) == {Measure.PERCENTAGE, Measure.RATIO}
    assert groups[Measure.PERCENTAGE].actual == Decimal(25)
    assert groups[Measure.RATIO].actual == Decimal(3)
    assert groups[Measure.PERCENTAGE].count == groups[Measure.RATIO].count == 1
    assert Rolled(groups[Measure.RATIO]).actual in (None, Decimal(3))  # None: no baseline


def test_workbook_takes_a_ratio_above_its_denominator(client, db_session, make_user, login):
    w = world(db_session)
    ratio = with_ratio(db_session, w)
    login(make_user("focal_point", "UNODC"))
    wb = download(client)
    ws, rows = wb.active, rows_by_code(wb.active)
    assert ws.cell(row=rows[ratio.code], column=COL["Numerator"]).protection.locked is False
    assert ws.cell(row=rows[ratio.code], column=COL["Value"]).protection.locked is True
    ws.cell(row=rows[ratio.code], column=COL["Numerator"]).value = 4900
    ws.cell(row=rows[ratio.code], column=COL["Denominator"]).value = 49
    response = upload(client, wb)
    assert response.status_code in (200, 302, 303), response.get_data(as_text=True)[:2000]
    report = report_of(db_session, w)
    assert report is not None
    assert {v.indicator_id: v.value for v in report.values}[ratio.id] == Decimal("100.00")
