"""Baseline report through the application against hand-written SQL aggregates."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from tests.perf.bench_db import BASELINE_LABEL, median_seconds

ACTIVE = "('pipeline', 'ongoing', 'suspended')"
PROJECTS = f"""
SELECT pillar, scope, status, COUNT(*),
       SUM(CASE WHEN status IN {ACTIVE} THEN budget_usd ELSE 0 END),
       SUM(CASE WHEN status = 'completed' THEN budget_usd ELSE 0 END),
       SUM(CASE WHEN status IN {ACTIVE} THEN funded_usd ELSE 0 END),
       SUM(CASE WHEN in_multi_year_appeal THEN 1 ELSE 0 END)
FROM baseline_projects WHERE baseline_id = :b AND status <> 'cancelled'
GROUP BY pillar, scope, status
"""
ENTITIES = """
SELECT entity, COUNT(*) FROM baseline_projects
WHERE baseline_id = :b AND status <> 'cancelled' GROUP BY entity
"""
GENDER = """
SELECT gender_marker, COUNT(*) FROM baseline_projects
WHERE baseline_id = :b AND status <> 'cancelled' GROUP BY gender_marker
"""
NEEDS = """
SELECT n.pillar, n.member_state, n.thematic_area, n.confidential, COUNT(*),
       SUM(CASE WHEN EXISTS (
           SELECT 1 FROM baseline_links l JOIN baseline_projects p
             ON p.baseline_id = l.baseline_id AND p.code = l.project_code
           WHERE l.baseline_id = :b AND l.need_code = n.code AND p.status <> 'cancelled'
       ) THEN 1 ELSE 0 END)
FROM baseline_needs n WHERE n.baseline_id = :b
GROUP BY n.pillar, n.member_state, n.thematic_area, n.confidential
"""
RAW_SQL = (PROJECTS, ENTITIES, GENDER, NEEDS)


def raw_figures(session: Session, baseline_id: int) -> list[list[Any]]:
    """Compute the report's figures with the hand-written aggregates."""
    return [session.execute(text(sql), {"b": baseline_id}).all() for sql in RAW_SQL]


def app_report(session: Session) -> dict[str, Any]:
    """Compute the report as the page and the command do."""
    from app.figures.baseline_report import baseline_report

    return baseline_report(session, BASELINE_LABEL)


def measure(engine: Engine, repeat: int = 7) -> dict[str, float]:
    """Return the median seconds of the app's report and of the raw SQL, each in a new session."""
    with Session(engine) as session:
        baseline_id = session.scalar(
            text("SELECT id FROM baselines WHERE label = :l"), {"l": BASELINE_LABEL}
        )

    def app() -> None:
        with Session(engine) as session:
            app_report(session)

    def raw() -> None:
        with Session(engine) as session:
            raw_figures(session, baseline_id)

    def cold() -> None:
        from app.figures import baseline_report

        getattr(baseline_report, "clear_cache", lambda: None)()
        app()

    cold_s = median_seconds(cold, repeat)
    app_s = median_seconds(app, repeat)
    raw_s = median_seconds(raw, repeat)
    return {
        "app_ms": app_s * 1000,
        "app_uncached_ms": cold_s * 1000,
        "raw_sql_ms": raw_s * 1000,
        "ratio": app_s / raw_s,
        "ratio_uncached": cold_s / raw_s,
    }
