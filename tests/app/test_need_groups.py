"""Need coverage counted by the database agrees with coverage counted need by need."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.baselines.services import get_baseline
from app.figures.data_source import Source
from app.figures.queries import need_groups
from indicators.coverage import NeedFacts, coverage_of_groups, group_needs, need_coverage
from tests.app.comparison_data import two_baselines


def need_rows(session, source) -> tuple[list[NeedFacts], set[str]]:
    """Read the source's needs one row each: the oracle the grouped query must agree with."""
    needs, addressed = [], set()
    for code, state, pillar, area, secret, linked in session.execute(select(source.needs())):
        needs.append(NeedFacts(code, state, pillar, area, bool(secret)))
        if linked:
            addressed.add(code)
    return needs, addressed


def _key(group):
    return (group.pillar, group.member_state, group.thematic_area, group.confidential)


@pytest.mark.parametrize("label", [None, "2018 mapping", "2019 mapping"])
def test_grouped_counts_match_the_rows(db_session, label) -> None:
    two_baselines(db_session)
    source = Source(None if label is None else get_baseline(db_session, label).id)
    needs, addressed = need_rows(db_session, source)
    counted = sorted(need_groups(db_session, source), key=_key)
    assert counted == sorted(group_needs(needs, addressed), key=_key)
    assert sum(g.total for g in counted) == len(needs) > 0
    assert 0 < sum(g.addressed for g in counted) == len(addressed) < len(needs)
    for reveal in (False, True):
        assert coverage_of_groups(counted, reveal) == need_coverage(needs, addressed, reveal)
