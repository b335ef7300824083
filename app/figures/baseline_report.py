"""The baseline report (docs/interfaces.md section 4): one function for command, page and API."""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.baselines.services import forget_verified, intact_baseline
from app.figures.data_source import Filters, Source
from app.figures.queries import need_groups, project_facts, tally
from app.models.baselines import Baseline
from indicators import compare, coverage, portfolio


@dataclass(frozen=True)
class Figures:
    """Everything one source's headline figures need."""

    portfolio: portfolio.PortfolioFigures
    needs: coverage.NeedCoverage


def source_figures(session: Session, source: Source, reveal_confidential: bool) -> Figures:
    """Compute a source's portfolio figures and need coverage with aggregate queries."""
    return Figures(
        portfolio.figures(tally(session, source)),
        coverage.coverage_of_groups(need_groups(session, source), reveal_confidential),
    )


def baseline_report(
    session: Session,
    label: str,
    compare_label: str | None = None,
    reveal_confidential: bool = False,
) -> dict[str, Any]:
    """Return the baseline report as the contract's JSON-ready dict (Decimals kept exact)."""
    baseline = intact_baseline(session, label)
    report = copy.deepcopy(_frozen_figures(session, baseline, reveal_confidential))
    if compare_label is not None:
        other = intact_baseline(session, compare_label)
        report["compare"] = comparison(session, baseline, other)
    return report


def live_report(session: Session, reveal_confidential: bool = False) -> dict[str, Any]:
    """Return the live portfolio's figures with the keys of the baseline report."""
    figures = source_figures(session, Source(None), reveal_confidential)
    live = {"label": None, "as_of": dt.date.today().isoformat(), "hash": None, "live": True}
    report: dict[str, Any] = {"baseline": live}
    report.update(portfolio.to_contract_dict(figures.portfolio))
    report["cted_needs"] = coverage.to_contract_dict(figures.needs)
    return report


# A frozen baseline never changes and its hash covers its label, date and rows: its figures
# can be kept per process, keyed by that hash. Every baseline reaches this cache through
# intact_baseline, which checks the rows against the hash the first time this process loads it.
_CACHE: OrderedDict[tuple[str, bool], dict[str, Any]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 32


def _frozen_figures(session: Session, baseline: Baseline, reveal: bool) -> dict[str, Any]:
    key = (baseline.content_hash, reveal)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    figures = source_figures(session, Source(baseline.id), reveal)
    report: dict[str, Any] = {"baseline": header(baseline)}
    report.update(portfolio.to_contract_dict(figures.portfolio))
    report["cted_needs"] = coverage.to_contract_dict(figures.needs)
    with _CACHE_LOCK:
        _CACHE[key] = report
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return report


def clear_cache() -> None:
    """Forget every cached baseline's figures and which baselines were verified (benchmarks and
    tests): the next load of a baseline's figures checks its hash again."""
    with _CACHE_LOCK:
        _CACHE.clear()
    forget_verified()


def header(baseline: Baseline) -> dict[str, str]:
    """Return the label, as-of date and hash of a baseline."""
    return {
        "label": baseline.label,
        "as_of": baseline.as_of.isoformat(),
        "hash": baseline.content_hash,
    }


def comparison(session: Session, baseline: Baseline, other: Baseline) -> dict[str, Any]:
    """Compare a baseline with another; the older of the two is the starting point."""
    mine = project_facts(session, Source(baseline.id))
    theirs = project_facts(session, Source(other.id))
    old, new = (theirs, mine) if other.as_of <= baseline.as_of else (mine, theirs)
    result = compare.compare(old, new)
    body = compare.to_contract_dict(result, other.label)
    body["projects"] = len([f for f in theirs if f.in_portfolio])
    return body


def live_or_baseline(session: Session, label: str | None, filters: Filters) -> Source:
    """Return the source named by a label ('' or None means the live portfolio)."""
    if not label:
        return Source(None, filters)
    return Source(intact_baseline(session, label).id, filters)


def to_json(report: dict[str, Any]) -> str:
    """Serialize a report; money and shares become JSON numbers at this edge only."""
    return json.dumps(report, indent=2, ensure_ascii=False, default=_number)


def _number(value: object) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"cannot serialize {type(value).__name__}")


def flatten(report: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Flatten nested figures into (dotted.key, value) rows for CSV and XLSX."""
    rows: list[tuple[str, Any]] = []
    for key, value in report.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, path + "."))
        else:
            rows.append((path, value))
    return rows
