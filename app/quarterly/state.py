"""Which state of the portfolio a quarter's report shows, and which baseline it compares with.

The rules (docs/interfaces.md, "Which figures a quarterly report shows"):

- The **close baseline** of a quarter is the baseline whose as-of date is the quarter's last day
  (the latest frozen, if several). Issuing a report freezes it when there is none.
- A quarter's report shows, in this order: its close baseline; else, while the quarter runs, the
  live portfolio (its state today); else the latest baseline whose as-of date falls inside the
  quarter; else the live portfolio, read on the report's date and labelled "live portfolio,
  today", never with the quarter's end date.
- It compares with the baseline the user names, by default the previous quarter's close
  baseline; without either there is no change column.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.baselines.services import create_baseline, get_baseline
from app.errors import DomainError
from app.models.baselines import Baseline
from indicators.periods import PeriodKey
from reports.content import PortfolioState
from reports.formatting import fmt_long_date


def close_label(period: PeriodKey) -> str:
    """Return the label issuing gives a quarter's close baseline, e.g. "2019Q3 close"."""
    return f"{period} close"


def close_baseline(session: Session, period: PeriodKey) -> Baseline | None:
    """Return the quarter's close baseline: as of its last day, the latest frozen."""
    stmt = select(Baseline).where(Baseline.as_of == period.end())
    return session.scalar(stmt.order_by(Baseline.id.desc()).limit(1))


def state_baseline(session: Session, period: PeriodKey, today: dt.date) -> Baseline | None:
    """Return the frozen state a quarter's report shows, or None for the live portfolio.

    Its close baseline; else, while the quarter runs, None (the live portfolio is its state
    today); else the latest baseline inside the quarter; else None.
    """
    close = close_baseline(session, period)
    if close is not None or period.end() >= today:
        return close
    stmt = select(Baseline).where(Baseline.as_of >= period.start(), Baseline.as_of <= period.end())
    return session.scalar(stmt.order_by(Baseline.as_of.desc(), Baseline.id.desc()).limit(1))


def state_of(baseline: Baseline | None, today: dt.date) -> PortfolioState:
    """Describe the state a baseline (or, for None, the live portfolio on `today`) holds."""
    if baseline is None:
        return PortfolioState(None, today)
    return PortfolioState(baseline.label, baseline.as_of)


def compared_baseline(session: Session, period: PeriodKey, label: str | None) -> Baseline | None:
    """Return the baseline named by `label`, or by default the previous quarter's close."""
    if label:
        return get_baseline(session, label)
    return close_baseline(session, period.previous())


def freeze_close_if_missing(
    session: Session, user_id: int | None, period: PeriodKey, today: dt.date
) -> None:
    """Freeze the quarter's close baseline from the live portfolio unless it exists already.

    Refused while the quarter runs (its close is not known yet). When a baseline later than the
    quarter exists, the live portfolio is no longer the quarter's state: nothing is frozen, and
    the report is issued from the frozen state inside the quarter, or refused without one.
    """
    if close_baseline(session, period) is not None:
        return
    if period.end() >= today:
        raise DomainError(
            _(
                "%(period)s closes on %(day)s: issue its report once it has closed",
                period=period,
                day=fmt_long_date(period.end()),
            )
        )
    later = session.scalar(
        select(Baseline).where(Baseline.as_of > period.end()).order_by(Baseline.as_of).limit(1)
    )
    if later is None:
        create_baseline(session, user_id, close_label(period), period.end())
    elif state_baseline(session, period, today) is None:
        raise DomainError(
            _(
                "no frozen state of the portfolio for %(period)s, and the live portfolio is no"
                " longer its state (baseline '%(label)s' is as of %(day)s): the report cannot be"
                " issued",
                period=period,
                label=later.label,
                day=fmt_long_date(later.as_of),
            )
        )
