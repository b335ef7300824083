"""Charts of the comparison view, drawn from a Screen with matplotlib's Figure API."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from flask_babel import gettext as _
from matplotlib.figure import Figure

from app.compare.comparison import Screen, Side
from reports import charts
from reports.charts import bar_chart, grouped_bar_chart

MAX_STATES = 25
WIDE = (9.0, 3.2)


def _names(screen: Screen) -> tuple[str, str]:
    """Return the legend names of A and B (kept apart when both sides share a label)."""
    a, b = screen.a.name, screen.b.name
    a, b = _(a), _(b)  # the live portfolio's name is a message; labels read as they are
    return (_("A: %(name)s", name=a), _("B: %(name)s", name=b)) if a == b else (a, b)


def counts_chart(screen: Screen, part: str, title: str) -> Figure:
    """Draw A against B for one breakdown of project counts (by_pillar, by_scope, by_status)."""
    a_counts = getattr(screen.a.figures.portfolio, part)
    b_counts = getattr(screen.b.figures.portfolio, part)
    labels = list(a_counts)
    name_a, name_b = _names(screen)
    series = {
        name_a: [a_counts[k].count for k in labels],
        name_b: [b_counts[k].count for k in labels],
    }
    return grouped_bar_chart(title, labels, series, ylabel=_("projects"), size=WIDE)


def entity_money_chart(side: Side) -> Figure:
    """Draw budget, funded and shortfall of the active projects per entity on one side."""
    labels = list(side.money)
    budget = [side.money[e][0] for e in labels]
    funded = [side.money[e][1] for e in labels]
    series = {
        _("budget"): budget,
        _("funded"): funded,
        _("shortfall"): [b - f for b, f in zip(budget, funded, strict=True)],
    }
    title = _("Active projects by entity, US$ (%(name)s)", name=_(side.name))
    return grouped_bar_chart(title, labels, series, ylabel=_("US$"), size=WIDE)


def coverage_pillar_chart(screen: Screen) -> Figure:
    """Draw the share of CTED needs addressed per pillar, A against B."""
    a_cov, b_cov = screen.a.figures.needs.by_pillar, screen.b.figures.needs.by_pillar
    labels = list(a_cov)
    name_a, name_b = _names(screen)
    series = {
        name_a: [a_cov[k].coverage_pct for k in labels],
        name_b: [b_cov[k].coverage_pct for k in labels],
    }
    title = _("CTED needs addressed by pillar, %")
    return grouped_bar_chart(title, labels, series, size=WIDE)


def coverage_state_chart(side: Side) -> Figure:
    """Draw needs and needs addressed per member state (the largest first) on one side."""
    groups = side.figures.needs.by_member_state
    labels = sorted(groups, key=lambda k: (-groups[k].total, k))[:MAX_STATES]
    series: dict[str, list[int | Decimal]] = {
        _("needs"): [groups[k].total for k in labels],
        _("addressed"): [groups[k].addressed for k in labels],
    }
    title = _("CTED needs by member state (%(name)s)", name=_(side.name))
    if len(groups) > MAX_STATES:
        title = _(
            "CTED needs by member state (%(name)s), the %(count)s with most needs",
            name=_(side.name),
            count=MAX_STATES,
        )
    return grouped_bar_chart(title, labels, series, ylabel=_("needs"), size=WIDE)


def transitions_chart(screen: Screen) -> Figure:
    """Draw how many projects moved from one status to another between old and new."""
    changes = screen.comparison.status_changes
    title = _(
        "Status changes from %(old)s to %(new)s", old=_(screen.old.name), new=_(screen.new.name)
    )
    labels = [k.replace("->", " → ") for k in changes] or [_("no change")]
    values = list(changes.values()) or [0]
    return bar_chart(title, labels, values, ylabel=_("projects"), size=WIDE)


CHARTS: dict[str, Callable[[Screen], Figure]] = {
    "pillar": lambda s: counts_chart(s, "by_pillar", _("Projects by pillar")),
    "scope": lambda s: counts_chart(s, "by_scope", _("Projects by scope")),
    "status": lambda s: counts_chart(s, "by_status", _("Projects by status")),
    "entity_money": lambda s: entity_money_chart(s.b),
    "coverage_pillar": coverage_pillar_chart,
    "coverage_state": lambda s: coverage_state_chart(s.b),
    "transitions": transitions_chart,
}


def chart_svg(screen: Screen, name: str) -> bytes:
    """Render one named chart of the screen as SVG bytes (KeyError for an unknown name)."""
    fig = CHARTS[name](screen)
    try:
        return charts.to_svg(fig)
    finally:
        charts.release(fig)
