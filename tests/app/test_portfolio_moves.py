"""The readers' home counts what moved since the last baseline in SQL (`portfolio_moves`): the
same counts as `indicators.compare.changes` on every project's code and status, for every pair
of sources and filter, cancelled and revived projects included."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from app.baselines.services import get_baseline
from app.figures.data_source import Filters, Source
from app.figures.queries import portfolio_moves, project_statuses
from app.models.portfolio import Project
from indicators import compare
from tests.app.comparison_data import two_baselines

SIDES = ["2018 mapping", "2019 mapping", ""]
FILTERS = [Filters(), Filters(entity="UNODC"), Filters(pillar="II")]


def _source(session, label: str, filters: Filters) -> Source:
    baseline_id = get_baseline(session, label).id if label else None
    return Source(baseline_id, filters)


@pytest.mark.parametrize("filters", FILTERS)
def test_the_moves_are_those_the_codes_give(db_session, filters) -> None:
    two_baselines(db_session)
    # Revive the project cancelled before "2019 mapping", and cancel another one live.
    db_session.execute(update(Project).where(Project.code == "P-002").values(status="ongoing"))
    db_session.execute(update(Project).where(Project.code == "P-003").values(status="cancelled"))
    seen = set()
    for old in SIDES:
        for new in SIDES:
            a, b = _source(db_session, old, filters), _source(db_session, new, filters)
            expected = compare.changes(
                project_statuses(db_session, a), project_statuses(db_session, b)
            )
            counted = (
                len(expected.added),
                len(expected.removed),
                sum(expected.status_changes.values()),
            )
            assert portfolio_moves(db_session, a, b) == counted, (old, new, filters)
            seen.add(counted)
    assert len(seen) > 2, "the pairs differ: the test compares something"
