"""Demo logframe and progress: outcomes, outputs, indicators, periods and quarterly reports."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy.orm import Session

from app.devdata.demo_columns import OUTCOME_COLUMNS, OUTPUT_COLUMNS
from app.devdata.demo_data import quarter_dates
from app.models.auth import User
from app.models.logframe import Activity, Indicator, IndicatorTarget, Outcome, Output
from app.models.portfolio import Project
from app.models.progress import ActivityUpdate, IndicatorValue, ProgressReport, ReportingPeriod
from indicators.shares import stored_parts_value
from indicators.types import Cumulation, Measure, ProjectStatus

OUTCOMES = {
    "I": (
        "Conditions conducive to terrorism are addressed through prevention",
        "Young people and communities are engaged in preventing violent extremism",
    ),
    "II": (
        "Member States prevent and combat terrorism at their borders",
        "Terrorist financing is detected and disrupted",
    ),
    "III": (
        "Member States build capacity to prosecute terrorism under the rule of law",
        "Victims of terrorism receive support and recognition",
    ),
    "IV": (
        "Counter-terrorism measures respect human rights and the rule of law",
        "Law enforcement agencies apply human rights standards",
    ),
}
INDICATOR_KINDS = (
    (Measure.NUMBER, Cumulation.NON_CUMULATIVE, "officials trained"),
    (Measure.PERCENTAGE, Cumulation.CUMULATIVE_LATEST, "% of trainees passing the assessment"),
    (Measure.NUMBER, Cumulation.CUMULATIVE_SUM, "cases handled (running total)"),
    (Measure.QUALITATIVE, Cumulation.CUMULATIVE_LATEST, "progress of the national strategy"),
)
Q3_STATUSES = ("draft", "submitted", "returned", "approved")
DETAILED = 10


def seed_logframe_and_progress(
    session: Session, rng: random.Random, projects: list[Project], users: dict[str, User]
) -> str:
    """Create outcomes, ten detailed project logframes, two periods and their reports."""
    outcomes = _outcomes(session)
    detailed = [p for p in projects if p.status != ProjectStatus.CANCELLED][:DETAILED]
    indicators = [_logframe(session, p, outcomes[p.pillar_code], n) for n, p in enumerate(detailed)]
    session.flush()
    q2, q3 = _period("2019Q2", "locked"), _period("2019Q3", "open")
    session.add_all([q2, q3])
    session.flush()
    reports = _reports(rng, detailed, indicators, (q2, q3), users)
    session.add_all(reports)
    session.flush()
    return (
        f"{len(outcomes) * 2} outcomes, {len(detailed)} detailed logframes, {len(reports)} reports"
    )


def _outcomes(session: Session) -> dict[str, list[Outcome]]:
    found: dict[str, list[Outcome]] = {}
    for pillar, statements in OUTCOMES.items():
        found[pillar] = [
            Outcome(
                code=f"OC-{pillar}-{n}",
                pillar_code=pillar,
                statement=text,
                assumptions=risks,
                means_of_verification=means,
            )
            for n, (text, (risks, means)) in enumerate(
                zip(statements, OUTCOME_COLUMNS[pillar], strict=True), start=1
            )
        ]
        for outcome in found[pillar]:
            outcome.indicators.append(
                _indicator(
                    f"{outcome.code}-IND1",
                    "Member States reporting progress",
                    Measure.NUMBER,
                    Cumulation.CUMULATIVE_LATEST,
                    Decimal(4),
                    Decimal(20),
                )
            )
            session.add(outcome)
    session.flush()
    return found


def _indicator(
    code: str, name: str, measure: Measure, cumulation: Cumulation, base: Decimal, target: Decimal
) -> Indicator:
    qualitative = measure == Measure.QUALITATIVE
    return Indicator(
        code=code,
        name=name,
        unit="%" if measure == Measure.PERCENTAGE else ("text" if qualitative else "number"),
        measure=measure.value,
        cumulation=cumulation.value,
        baseline_value=None if qualitative else base,
        baseline_period="2018Q4",
        baseline_note="Baseline from the 2018 mapping exercise",
        life_target=None if qualitative else target,
        targets=[]
        if qualitative
        else [
            IndicatorTarget(period_key="2019Q2", target=base + (target - base) / 4),
            IndicatorTarget(period_key="2019Q3", target=base + (target - base) / 2),
        ],
    )


def _logframe(
    session: Session, project: Project, outcomes: list[Outcome], n: int
) -> list[Indicator]:
    made = []
    for k in range(2 + n % 2):
        kind = (n + k) % len(INDICATOR_KINDS)
        output = Output(
            project=project,
            outcome=outcomes[k % 2],
            code=f"OP{k + 1}",
            title=f"Output {k + 1}: {project.title.split(':')[0].lower()} delivered",
            assumptions=OUTPUT_COLUMNS[kind][0],
            means_of_verification=OUTPUT_COLUMNS[kind][1],
        )
        output.activities = [
            Activity(
                title=f"{verb} for output {k + 1}",
                start_date=dt.date(2019, 1 + 3 * j, 1),
                end_date=dt.date(2019, 3 + 3 * j, 28),
                status="ongoing",
                percent_complete=30 * j,
            )
            for j, verb in enumerate(("Workshop", "Expert mission", "Training course"))
        ]
        measure, cumulation, name = INDICATOR_KINDS[kind]
        base, target = (Decimal(40), Decimal(80)) if measure == Measure.PERCENTAGE else (0, 120)
        indicator = _indicator(
            f"{project.code}-{output.code}-IND1",
            name,
            measure,
            cumulation,
            Decimal(base),
            Decimal(target),
        )
        output.indicators.append(indicator)
        session.add(output)
        made.append(indicator)
    return made


def _period(key: str, status: str) -> ReportingPeriod:
    start, end = quarter_dates(key)
    return ReportingPeriod(
        key=key,
        starts_on=start,
        ends_on=end,
        status=status,
        entry_opens_on=end - dt.timedelta(days=14),
        due_on=end + dt.timedelta(days=15),
    )


def _reports(
    rng: random.Random,
    projects: list[Project],
    indicators: list[list[Indicator]],
    periods: tuple[ReportingPeriod, ReportingPeriod],
    users: dict[str, User],
) -> list[ProgressReport]:
    reviewer = users["reviewer@demo.example"]
    focal = users["unodc@demo.example"]
    reports = []
    for n, (project, made) in enumerate(zip(projects, indicators, strict=True)):
        for period, status in (
            (periods[0], "approved" if n < 8 else "draft"),
            (periods[1], Q3_STATUSES[n % 4]),
        ):
            report = ProgressReport(
                project=project,
                period=period,
                status=status,
                author=focal,
                narrative=f"{period.key}: activities of {project.code} went ahead "
                "with national counterparts; see the indicator values.",
            )
            if status != "draft":
                report.submitted_by, report.submitted_at = focal, _at(period.ends_on, 10)
            if status in ("approved", "returned"):
                report.reviewed_by, report.reviewed_at = reviewer, _at(period.ends_on, 20 + n)
                report.is_highlight = status == "approved" and n % 2 == 1
                report.review_comment = "Please add sources." if status == "returned" else ""
            report.values = [_value(rng, i, period.key) for i in made]
            report.activity_updates = [
                ActivityUpdate(activity=a, status="ongoing", percent_complete=min(100, 25 + 15 * j))
                for j, a in enumerate(_activities(made[0]))
            ]
            reports.append(report)
    return reports


def _at(day: dt.date, days_after: int) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=days_after), dt.time(9), tzinfo=dt.UTC)


def _value(rng: random.Random, indicator: Indicator, key: str) -> IndicatorValue:
    step = 1 if key == "2019Q2" else 2
    if indicator.measure == Measure.QUALITATIVE:
        return IndicatorValue(indicator=indicator, text="Draft strategy validated by the ministry")
    if indicator.measure == Measure.PERCENTAGE:
        denominator = Decimal(rng.randrange(20, 60))
        numerator = (denominator * Decimal(45 + 10 * step) / 100).quantize(Decimal(1))
        value = stored_parts_value(False, numerator, denominator)
        return IndicatorValue(
            indicator=indicator, value=value, numerator=numerator, denominator=denominator
        )
    return IndicatorValue(indicator=indicator, value=Decimal(rng.randrange(10, 30) * step))


def _activities(indicator: Indicator) -> list[Activity]:
    """Return the activities of an output indicator's output (an outcome indicator has none)."""
    return indicator.output.activities if indicator.output is not None else []
