"""Approved outcome values count wherever approved values count: the quarterly report's outcome
rows, the comparison (live and frozen) and the baselines; submitted ones never do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.baselines.services import create_baseline, verify_baseline
from app.compare.indicator_performance import performance_page
from app.figures.data_source import Filters, Source
from app.progress import outcome_services as svc
from app.quarterly.build import build_quarterly
from indicators.types import AchievementStatus
from tests.app.outcome_data import outcomes, report_of, scope_of

NOT_ASSESSED = AchievementStatus.NOT_ASSESSED


def rows_of(session, key: str = "2019Q3") -> dict:
    report = build_quarterly(session, key)
    return {r.code: r for section in report.pillars for r in section.rows}


def submit(session, o, admin) -> None:
    svc.submit_outcomes(session, admin, scope_of(session, o), o.complete(), 0)


def approve(session, o, reviewer) -> None:
    report = report_of(session, o)
    svc.approve_outcomes(session, reviewer, report, report.version)


def comparison_rows(session, source: Source) -> dict:
    page = performance_page(session, source, source, "", 1, per_page=500)
    return {row.code: row for rows in page.groups.values() for row in rows}


def test_a_submitted_outcome_value_is_pending_not_counted(db_session, make_user):
    o = outcomes(db_session)
    submit(db_session, o, make_user("admin"))
    row = rows_of(db_session)[o.number.code]
    assert row.actual is None and row.status is NOT_ASSESSED
    assert row.pending is not None
    assert comparison_rows(db_session, Source())[o.number.code].a.status is NOT_ASSESSED


def test_an_approved_outcome_value_makes_the_outcome_row_assessed(db_session, make_user):
    o = outcomes(db_session)
    submit(db_session, o, make_user("admin"))
    approve(db_session, o, make_user("reviewer"))
    rows = rows_of(db_session)
    number = rows[o.number.code]
    assert number.actual == Decimal(30) and number.status is not NOT_ASSESSED
    assert number.achievement_pct is not None
    assert rows[o.percent.code].actual == Decimal(75)
    assert rows[o.text.code].latest_text == "Strategy adopted by two States"
    live = comparison_rows(db_session, Source())[o.number.code]
    assert live.a.actual == Decimal(30) and live.a.status is not NOT_ASSESSED


def test_an_entity_filtered_comparison_leaves_compact_values_out(db_session, make_user):
    o = outcomes(db_session)
    submit(db_session, o, make_user("admin"))
    approve(db_session, o, make_user("reviewer"))
    narrowed = Source(filters=Filters(entity="UNODC"))
    row = comparison_rows(db_session, narrowed).get(o.number.code)
    assert row is None or row.a.actual is None
    pillar = comparison_rows(db_session, Source(filters=Filters(pillar="II")))[o.number.code]
    assert pillar.a.actual == Decimal(30)


def test_a_frozen_baseline_keeps_approved_outcome_values_and_verifies(db_session, make_user):
    o = outcomes(db_session)
    submit(db_session, o, make_user("admin"))
    approve(db_session, o, make_user("reviewer"))
    baseline = create_baseline(db_session, None, "With outcomes", dt.date.today())
    assert verify_baseline(db_session, baseline)
    frozen = comparison_rows(db_session, Source(baseline.id))[o.number.code]
    assert frozen.a.actual == Decimal(30) and frozen.a.status is not NOT_ASSESSED


def test_a_baseline_frozen_before_approval_has_no_outcome_value(db_session, make_user):
    o = outcomes(db_session)
    submit(db_session, o, make_user("admin"))
    baseline = create_baseline(db_session, None, "Before approval", dt.date.today())
    frozen = comparison_rows(db_session, Source(baseline.id))[o.number.code]
    assert frozen.a.actual is None


def test_the_tracking_cells_count_the_approved_quarter_only(db_session, make_user):
    o = outcomes(db_session)
    submit(db_session, o, make_user("admin"))
    approve(db_session, o, make_user("reviewer"))
    cells = {c.period_key: c.actual for c in rows_of(db_session)[o.number.code].iptt}
    assert cells["2019Q3"] == Decimal(30)
    assert all(actual is None for key, actual in cells.items() if key != "2019Q3")


def test_the_readers_home_reads_the_quarter_of_approved_outcome_values(db_session, make_user):
    from app.quarterly.glance import result_standing

    o = outcomes(db_session)
    submit(db_session, o, make_user("admin"))
    assert result_standing(db_session) is None  # nothing approved anywhere yet
    approve(db_session, o, make_user("reviewer"))
    standing = result_standing(db_session)
    assert standing is not None and standing.period_key == "2019Q3"
    assert standing.by_status[AchievementStatus.NOT_ASSESSED] < standing.total
