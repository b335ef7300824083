"""The baseline hash read through Core tuples is, byte for byte, the hash the ORM version gave.

`old_content_hash` is the hash as it was computed before (rows through the ORM, every cell
converted, one JSON encoder per row), kept here as the oracle. Runs on both databases."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from app.baselines import canonical
from app.baselines.canonical import OPTIONAL, TABLES, content_hash
from app.baselines.services import create_baseline, get_baseline, verify_baseline
from app.models.baselines import Baseline
from app.models.portfolio import Project
from tests.app import factories
from tests.app.comparison_data import two_baselines


def _old_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _old_line(values: list[Any]) -> bytes:
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def _old_rows(session: Any, baseline: Baseline, table: Any) -> Iterator[bytes]:
    _name, model, columns, key_length = table
    key = [getattr(model, c) for c in columns[:key_length]]
    stmt = (
        select(*(getattr(model, c) for c in columns))
        .where(model.baseline_id == baseline.id)
        .order_by(*key)
        .execution_options(yield_per=5000)
    )
    for row in session.execute(stmt):
        yield _old_line([_old_value(v) for v in row])


def old_content_hash(session: Any, baseline: Baseline) -> str:
    """Hash the baseline the way the ORM version did (the oracle)."""
    digest = hashlib.sha256(_old_line([baseline.label, baseline.as_of.isoformat()]))
    for table in TABLES:
        digest.update(_old_line([table[0]]))
        for line in _old_rows(session, baseline, table):
            digest.update(line)
    for table in OPTIONAL:
        lines = list(_old_rows(session, baseline, table))
        if lines:
            digest.update(_old_line([table[0]]))
        for line in lines:
            digest.update(line)
    return "sha256:" + digest.hexdigest()


def test_baselines_frozen_with_tricky_cells_hash_as_before(db_session) -> None:
    two_baselines(db_session)
    factories.project(
        db_session,
        "ÜNICODE-\u0639\u0631\u0628\u064a",
        title='Quotes " and \\ back\nslash, 中文, \u2028 and emoji \U0001f600',
        budget_usd=Decimal("1000.50"),
        funded_usd=Decimal("0.00"),
        start_date=dt.date(2019, 1, 31),
    )
    create_baseline(db_session, None, "tricky", dt.date(2019, 12, 31))
    for label in ("2018 mapping", "2019 mapping", "tricky"):
        baseline = get_baseline(db_session, label)
        assert content_hash(db_session, baseline) == old_content_hash(db_session, baseline)
        assert baseline.content_hash == old_content_hash(db_session, baseline)
        assert verify_baseline(db_session, baseline)


def test_a_baseline_frozen_by_the_old_code_still_verifies(db_session, monkeypatch) -> None:
    two_baselines(db_session)
    monkeypatch.setattr("app.baselines.services.content_hash", old_content_hash)
    old = create_baseline(db_session, None, "frozen the old way", dt.date(2019, 12, 31))
    monkeypatch.undo()
    assert old.content_hash.startswith("sha256:")
    assert verify_baseline(db_session, old)


def test_chunks_longer_than_one_read_hash_as_before(db_session, monkeypatch) -> None:
    monkeypatch.setattr(canonical, "CHUNK", 3)  # several partitions per table
    two_baselines(db_session)
    baseline = get_baseline(db_session, "2019 mapping")
    assert content_hash(db_session, baseline) == old_content_hash(db_session, baseline)


def test_a_changed_row_changes_the_hash(db_session) -> None:
    two_baselines(db_session)
    baseline = get_baseline(db_session, "2019 mapping")
    before = content_hash(db_session, baseline)
    db_session.execute(update(Project).where(Project.code == "P-003").values(title="Changed"))
    create_baseline(db_session, None, "changed", dt.date(2019, 12, 31))
    changed = get_baseline(db_session, "changed")
    assert content_hash(db_session, changed) != before
    assert content_hash(db_session, changed) == old_content_hash(db_session, changed)


cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(alphabet=st.sampled_from(list('],["\\\n abc\u0639\u4e2d\U0001f600'))),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, max_size=5), max_size=20))
def test_rows_encoded_together_are_the_lines_encoded_one_by_one(rows) -> None:
    expected = b"".join(_old_line(list(row)) for row in rows)
    assert canonical._lines([list(row) for row in rows]) == expected


def test_a_cell_holding_the_row_separator_still_hashes_as_before(db_session) -> None:
    two_baselines(db_session)
    factories.project(db_session, "SEP", title='a],[b"],["c')
    baseline = create_baseline(db_session, None, "separator", dt.date(2019, 12, 31))
    assert baseline.content_hash == old_content_hash(db_session, baseline)


def test_a_small_cache_of_converted_values_hashes_as_before(db_session, monkeypatch) -> None:
    monkeypatch.setattr(canonical, "CACHE_MAX", 2)  # emptied over and over
    two_baselines(db_session)
    baseline = get_baseline(db_session, "2019 mapping")
    assert content_hash(db_session, baseline) == old_content_hash(db_session, baseline)


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False), st.integers(0, 6))
def test_equal_decimals_have_equal_canonical_forms(number, zeros) -> None:
    padded = number.quantize(Decimal(1).scaleb(-zeros)) if number.adjusted() < 20 else number
    if padded == number:
        assert canonical.canonical_value(padded) == canonical.canonical_value(number)
