"""A baseline freezes the parts of disaggregated values: stored, sealed and covered by its hash.

Runs on both databases (TEST_DATABASE_URL for PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError

from app.audit.services import record
from app.baselines.canonical import content_hash
from app.baselines.guard import FrozenRecordError
from app.baselines.services import create_baseline, verify_baseline
from app.models.baselines import Baseline, BaselineValuePart
from app.models.progress import IndicatorValue, ProgressReport, ValuePart
from tests.app.progress_data import period, world
from tests.app.tamper import tamper

D = Decimal
TODAY = dt.date.today()


def approved(session, w, key: str, parts: dict[str, int], incomplete: bool = False, total=None):
    """Add an approved report of the world's number indicator with these parts."""
    found = w.period if key == w.period.key else period(session, key)
    value = IndicatorValue(
        indicator=w.number,
        value=D(total if total is not None else sum(parts.values())),
        parts_incomplete=incomplete,
    )
    value.parts = [ValuePart(category=c, value=D(v)) for c, v in parts.items()]
    report = ProgressReport(project=w.project, period=found, status="approved", narrative="")
    report.values.append(value)
    session.add(report)
    session.flush()
    return report


@pytest.fixture
def w(db_session):
    found = world(db_session)
    found.number.disaggregation = "sex"
    approved(db_session, found, "2019Q3", {"women": 10, "men": 20}, incomplete=True, total=35)
    return found


def frozen_parts(session, baseline: Baseline) -> list[tuple[object, ...]]:
    rows = session.execute(
        select(
            BaselineValuePart.project_code,
            BaselineValuePart.indicator_code,
            BaselineValuePart.period_key,
            BaselineValuePart.category,
            BaselineValuePart.value,
            BaselineValuePart.parts_incomplete,
        )
        .where(BaselineValuePart.baseline_id == baseline.id)
        .order_by(BaselineValuePart.category)
    )
    return [tuple(r) for r in rows]


def test_a_freeze_keeps_the_parts_of_approved_values(db_session, w) -> None:
    draft = ProgressReport(project=w.project, period=period(db_session, "2019Q4"), status="draft")
    draft_value = IndicatorValue(indicator=w.number, value=D(5))
    draft_value.parts = [ValuePart(category="women", value=D(5))]
    draft.values.append(draft_value)
    db_session.add(draft)
    db_session.flush()
    baseline = create_baseline(db_session, None, "with parts", TODAY)
    code = w.number.code
    assert frozen_parts(db_session, baseline) == [
        ("P-1", code, "2019Q3", "men", D(20), True),
        ("P-1", code, "2019Q3", "women", D(10), True),
    ]  # the draft's part is not frozen
    assert verify_baseline(db_session, baseline)


def test_a_sealed_baseline_refuses_to_change_its_parts(db_session, w) -> None:
    baseline = create_baseline(db_session, None, "sealed parts", TODAY)
    statements = {
        "frozen": "UPDATE baseline_value_parts SET value = 99",
        "frozen ": "DELETE FROM baseline_value_parts",
        "frozen baseline": (
            "INSERT INTO baseline_value_parts (baseline_id, project_code, indicator_code, "
            "period_key, category, value, parts_incomplete) "
            f"VALUES ({baseline.id}, 'P-1', 'FORGED', '2019Q3', 'women', 1, FALSE)"
        ),
    }
    for word, statement in statements.items():
        with pytest.raises(IntegrityError, match=word.strip()), db_session.begin_nested():
            db_session.execute(text(statement))
    with pytest.raises(FrozenRecordError):
        db_session.execute(update(BaselineValuePart).values(value=D(1)))
    assert len(frozen_parts(db_session, baseline)) == 2
    assert verify_baseline(db_session, baseline)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE baseline_value_parts SET value = 11 WHERE category = 'women'",
        "UPDATE baseline_value_parts SET parts_incomplete = FALSE",
        "UPDATE baseline_value_parts SET category = 'not_recorded' WHERE category = 'men'",
        "DELETE FROM baseline_value_parts WHERE category = 'men'",
        "DELETE FROM baseline_value_parts",
    ],
    ids=["part figure", "incomplete flag", "category", "one part gone", "every part gone"],
)
def test_a_tampered_part_breaks_the_hash(db_session, w, statement) -> None:
    baseline = create_baseline(db_session, None, "tampered parts", TODAY)
    assert verify_baseline(db_session, baseline)
    tamper(db_session, "baseline_value_parts", statement)
    db_session.expire_all()
    assert not verify_baseline(db_session, baseline)
    assert content_hash(db_session, baseline) != baseline.content_hash


# A baseline as the tracker froze it before parts were frozen (rows written by SQL), and the
# hash the code of that time gave it: computed with main at d1d93bb, before baseline_parts.
OLD_HASH = "sha256:b90bc266aa944b20ed4ec5ab6a5f8e872779fa279a3e5cc12b0ce08d3b9131c2"
OLD_ROWS = (
    "INSERT INTO baseline_projects (baseline_id, code, title, entity, pillar, scope, status, "
    "start_date, end_date, budget_usd, funded_usd, in_multi_year_appeal, gender_marker, origin, "
    "countries, pve_areas) VALUES (:b, 'OLD-1', 'Old project', 'UNODC', 'II', 'global', "
    "'ongoing', :start, NULL, 1000.50, 250, :yes, 2, NULL, 'KEN;NGA', '3')",
    "INSERT INTO baseline_needs (baseline_id, code, member_state, assessment_date, pillar, "
    "thematic_area, description, confidential) VALUES (:b, 'N-1', 'KEN', :assessed, 'II', "
    "'Border', 'A need', :no)",
    "INSERT INTO baseline_links (baseline_id, project_code, need_code) VALUES (:b, 'OLD-1', 'N-1')",
    "INSERT INTO baseline_values (baseline_id, project_code, indicator_code, period_key, value, "
    "numerator, denominator, text) VALUES (:b, 'OLD-1', 'OLD-1-NUM', '2019Q3', 30, NULL, NULL, '')",
)


def test_a_baseline_frozen_before_parts_keeps_its_hash_and_verifies(db_session) -> None:
    baseline = Baseline(label="Frozen before parts", as_of=dt.date(2019, 9, 30))
    baseline.content_hash = "pending"
    db_session.add(baseline)
    db_session.flush()
    params = {
        "b": baseline.id, "start": dt.date(2019, 1, 1), "assessed": dt.date(2018, 5, 1),
        "yes": True, "no": False,
    }  # fmt: skip
    for statement in OLD_ROWS:
        db_session.execute(text(statement), params)
    assert content_hash(db_session, baseline) == OLD_HASH  # no parts: nothing added
    baseline.content_hash = OLD_HASH
    db_session.flush()
    record(db_session, None, "freeze", "baseline", baseline.id, after={"hash": OLD_HASH})
    db_session.flush()
    assert verify_baseline(db_session, baseline)
