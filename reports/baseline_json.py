"""The baseline report model as the contract's JSON-ready dict (docs/interfaces.md section 4).

The keys of the contract are kept; the Annex II tables are added beside them. Money stays
Decimal (whole dollars as int) and shares stay Decimal: the JSON encoder turns them into
numbers at the edge. The CSV and XLSX are this dict flattened to (dotted.key, value) rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from indicators.portfolio import money
from reports.baseline_content import MONEY, BaselineChanges, BaselineModel, Number, ShareRow
from reports.content import CoverageRow, NeedCoverageSection

APPEAL_DEFINITION = "portfolio projects (any status but cancelled) included in the appeal"
TARGET_DEFINITION = "share of the budget of projects marked 3 (gender equality principal objective)"


def contract(model: BaselineModel) -> dict[str, Any]:
    """Return the report as the contract's dict, extended with the Annex II tables."""
    h = {f.key: _value(f.value, f.kind) for f in model.headlines}
    report: dict[str, Any] = {
        "baseline": {"label": model.label, "as_of": model.as_of.isoformat(), "hash": model.sha256},
        "projects": h["projects"],
        "implementing_entities": h["implementing_entities"],
        "by_pillar": _shares(model.by_pillar),
        "by_scope": _shares(model.by_scope),
        "by_status": _shares(model.by_status),
        "budget_usd": {
            "total": h["budget_usd"],
            "active": h["budget_active_usd"],
            "completed": h["budget_completed_usd"],
        },
        "funded_usd": h["funded_usd"],
        "shortfall_usd": h["shortfall_usd"],
        "shortfall_pct_of_active": h["shortfall_pct_of_active"],
        "in_multi_year_appeal": h["in_multi_year_appeal"],
        "cted_needs": {
            "total": h["cted_needs"],
            "addressed": h["cted_needs_addressed"],
            "coverage_pct": h["cted_needs_coverage_pct"],
        },
    }
    report.update(_tables(model))
    if model.coverage is not None:
        report["cted_needs_coverage"] = _coverage(model.coverage)
    if model.comparison is not None:
        report["compare"] = comparison(model.comparison)
    report["key_messages"] = list(model.key_messages)
    return report


def comparison(cmp: BaselineChanges) -> dict[str, Any]:
    """Return the "compare" object: this report minus the comparison named by label."""
    return {
        "label": cmp.label,
        "as_of": cmp.as_of.isoformat(),
        "projects": cmp.projects,
        "added": len(cmp.added),
        "removed": len(cmp.removed),
        "carried_over": cmp.carried_over,
        "status_changes": {f"{t.before.value}->{t.after.value}": t.count for t in cmp.transitions},
        "delta": {d.key: _value(d.change, d.kind) for d in cmp.deltas},
    }


def _value(value: Number, kind: str) -> Number:
    return money(Decimal(value)) if kind == MONEY else value


def _shares(rows: Sequence[ShareRow]) -> dict[str, Any]:
    return {r.key: {"count": r.count, "share_pct": r.share_pct} for r in rows}


def _tables(model: BaselineModel) -> dict[str, Any]:
    tables: dict[str, Any] = {
        "by_entity_pillar": {
            r.entity: {
                "I": r.counts[0],
                "II": r.counts[1],
                "III": r.counts[2],
                "IV": r.counts[3],
                "total": r.total,
            }
            for r in model.entity_pillar
        },  # fmt: skip
        "by_pve_priority_area": {
            str(r.number): {"title": r.title, "count": r.projects, "share_pct": r.share_pct}
            for r in model.pve
        },
    }
    tables["seed_funding"] = {
        str(f.year): {"projects": f.project_count, "total_usd": money(f.total)}
        for f in model.seed_funding
    }
    if model.funding is not None and model.funding.appeal is not None:
        a = model.funding.appeal
        tables["multi_year_appeal"] = {
            "definition": APPEAL_DEFINITION,
            "projects": a.project_count,
            "requirement_usd": money(a.requirement),
            "funded_usd": money(a.funded),
            "shortfall_usd": money(a.shortfall),
        }
    if model.gender is not None:
        g = model.gender
        tables["gender_marker"] = {
            "target_pct": g.target_pct,
            "target_measure": TARGET_DEFINITION,
            "toward_target_pct": g.toward_target_pct,
            "markers": {
                s.marker: {
                    "projects": s.project_count,
                    "budget_usd": money(s.budget),
                    "budget_share_pct": g.pct(s),
                    "counts_toward_target": s.counts_toward_target,
                }
                for s in g.shares
            },  # fmt: skip
        }
    return tables


def _coverage(cov: NeedCoverageSection) -> dict[str, Any]:
    def rows(items: Sequence[CoverageRow]) -> dict[str, Any]:
        return {
            r.label: {"total": r.needs, "addressed": r.covered, "coverage_pct": r.coverage_pct}
            for r in items
        }

    return {
        "by_pillar": rows(cov.by_pillar),
        "by_member_state": rows(cov.by_member_state),
        "by_thematic_area": rows(cov.by_thematic_area),
        "confidential": {"total": cov.confidential_needs, "addressed": cov.confidential_covered},
    }


def flatten(report: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Flatten nested figures into (dotted.key, value) rows for CSV and XLSX; a list's items
    are numbered from 1 (`key_messages.1`)."""
    rows: list[tuple[str, Any]] = []
    for key, value in report.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            rows.extend(flatten(value, path + "."))
        elif isinstance(value, list):
            rows.extend(flatten({str(n): item for n, item in enumerate(value, 1)}, path + "."))
        else:
            rows.append((path, value))
    return rows
