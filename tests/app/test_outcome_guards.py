"""Outcome values are reported data like a project's: an outcome indicator or a period holding
them cannot be deleted, and changing the indicator's baseline or targets needs a reason."""

from __future__ import annotations

import pytest

from app.errors import DomainError
from app.logframe.indicator_services import delete_indicator, indicator_value_count
from app.progress import outcome_services as svc
from app.progress.period_services import delete_period
from tests.app.outcome_data import outcomes, scope_of


def test_an_outcome_indicator_with_values_is_counted_and_kept(db_session, make_user):
    o, admin = outcomes(db_session), make_user("admin")
    assert indicator_value_count(db_session, o.number) == 0
    svc.save_outcomes(db_session, admin, scope_of(db_session, o), o.complete(), 0)
    assert indicator_value_count(db_session, o.number) == 1
    with pytest.raises(DomainError, match="1 reported value"):
        delete_indicator(db_session, admin, o.number)


def test_a_period_with_outcome_values_cannot_be_deleted(db_session, make_user):
    o, admin = outcomes(db_session), make_user("admin")
    svc.save_outcomes(db_session, admin, scope_of(db_session, o), o.complete(), 0)
    with pytest.raises(DomainError, match="outcome report"):
        delete_period(db_session, admin, o.period)


def test_unapproved_outcome_values_keep_the_period_pending(db_session, make_user):
    import datetime as dt

    from app.progress.readiness import period_readiness

    o, admin = outcomes(db_session), make_user("admin")
    svc.submit_outcomes(db_session, admin, scope_of(db_session, o), o.complete(), 0)
    found = period_readiness(db_session, o.period, dt.date.today())
    assert found.unapproved_values == 3 and found.pending
    assert (
        period_readiness(db_session, o.period, dt.date.today(), entity_id=1).unapproved_values == 0
    )
    report = scope_of(db_session, o).report
    svc.approve_outcomes(db_session, make_user("reviewer"), report, report.version)
    assert period_readiness(db_session, o.period, dt.date.today()).unapproved_values == 0
