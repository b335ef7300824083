"""The comparison view's charts as figures (reports.chart_data): what each draws and says.

No matplotlib here: the page lists every chart's figures in a table beside its image, and only
the chart's own request (chart_svg) draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _

from app.compare.comparison import Screen, Side
from app.portfolio import labels as shown
from reports.chart_data import ChartData, Kind

MAX_STATES = 25
WIDE = (9.0, 3.2)  # inches; the page shows the image at this size (96 px an inch) or smaller
CSS_PX_PER_INCH = 96


def _names(screen: Screen) -> tuple[str, str]:
    """Return the legend names of A and B (kept apart when both sides share a label)."""
    a, b = _(screen.a.name), _(screen.b.name)  # the live portfolio's name is a message
    return (_("A: %(name)s", name=a), _("B: %(name)s", name=b)) if a == b else (a, b)


LABELS = {"by_scope": shown.SCOPE_LABELS, "by_status": shown.STATUS_LABELS}


def counts_chart(screen: Screen, part: str, title: str, header: str) -> ChartData:
    """Chart A against B for one breakdown of project counts (by_pillar, by_scope, by_status)."""
    a_counts = getattr(screen.a.figures.portfolio, part)
    b_counts = getattr(screen.b.figures.portfolio, part)
    keys = list(a_counts)
    words = LABELS.get(part)
    labels = tuple(shown.shown(words, k) if words else k for k in keys)
    name_a, name_b = _names(screen)
    series = (
        (name_a, tuple(a_counts[k].count for k in keys)),
        (name_b, tuple(b_counts[k].count for k in keys)),
    )
    return ChartData(title, labels, series, Kind.COUNT, _("projects"), header)


def entity_money_chart(side: Side) -> ChartData:
    """Chart budget, funded and shortfall of the active projects per entity on one side."""
    labels = tuple(side.money)
    budget = tuple(side.money[e][0] for e in labels)
    funded = tuple(side.money[e][1] for e in labels)
    shortfall = tuple(b - f for b, f in zip(budget, funded, strict=True))
    series = ((_("budget"), budget), (_("funded"), funded), (_("shortfall"), shortfall))
    title = _("Active projects by entity, US$ (%(name)s)", name=_(side.name))
    return ChartData(title, labels, series, Kind.MONEY, _("US$"), _("Entity"))


def coverage_pillar_chart(screen: Screen) -> ChartData:
    """Chart the share of CTED needs addressed per pillar, A against B."""
    a_cov, b_cov = screen.a.figures.needs.by_pillar, screen.b.figures.needs.by_pillar
    labels = tuple(a_cov)
    name_a, name_b = _names(screen)
    series = (
        (name_a, tuple(a_cov[k].coverage_pct for k in labels)),
        (name_b, tuple(b_cov[k].coverage_pct for k in labels)),
    )
    title = _("CTED needs addressed by pillar, %")
    return ChartData(title, labels, series, Kind.PERCENT, _("per cent addressed"), _("Pillar"))


def coverage_state_chart(side: Side) -> ChartData:
    """Chart needs and needs addressed per Member State (the largest first) on one side."""
    groups = side.figures.needs.by_member_state
    labels = tuple(sorted(groups, key=lambda k: (-groups[k].total, k))[:MAX_STATES])
    series: tuple[tuple[str, tuple[int | Decimal, ...]], ...] = (
        (_("needs"), tuple(groups[k].total for k in labels)),
        (_("addressed"), tuple(groups[k].addressed for k in labels)),
    )
    title = _("CTED needs by member state (%(name)s)", name=_(side.name))
    if len(groups) > MAX_STATES:
        title = _(
            "CTED needs by member state (%(name)s), the %(count)s with most needs",
            name=_(side.name),
            count=MAX_STATES,
        )
    return ChartData(title, labels, series, Kind.COUNT, _("needs"), _("Member State"))


def transitions_chart(screen: Screen) -> ChartData:
    """Chart how many projects moved from one status to another between old and new."""
    changes = screen.comparison.status_changes
    old, new = _(screen.old.name), _(screen.new.name)
    title = _("Status changes from %(old)s to %(new)s", old=old, new=new)
    labels = tuple(_status_change(k) for k in changes)
    series = ((_("projects"), tuple(changes.values())),)
    empty = _("No changes between these baselines")
    return ChartData(title, labels, series, Kind.COUNT, _("projects"), _("Status change"), empty)


def _status_change(change: str) -> str:
    """Say "ongoing->completed" in the reader's words: "Ongoing → Completed"."""
    before, _arrow, after = change.partition("->")
    statuses = shown.STATUS_LABELS
    return _(
        "%(before)s → %(after)s",
        before=shown.shown(statuses, before),
        after=shown.shown(statuses, after),
    )


CHARTS: dict[str, Callable[[Screen], ChartData]] = {
    "pillar": lambda s: counts_chart(s, "by_pillar", _("Projects by pillar"), _("Pillar")),
    "scope": lambda s: counts_chart(s, "by_scope", _("Projects by scope"), _("Scope")),
    "status": lambda s: counts_chart(s, "by_status", _("Projects by status"), _("Status")),
    "entity_money": lambda s: entity_money_chart(s.b),
    "coverage_pillar": coverage_pillar_chart,
    "coverage_state": lambda s: coverage_state_chart(s.b),
    "transitions": transitions_chart,
}


@dataclass(frozen=True)
class PageChart:
    """One chart as the page shows it: its name (URL and ids), figures and image size in px."""

    name: str
    data: ChartData
    width: int = round(WIDE[0] * CSS_PX_PER_INCH)
    height: int = round(WIDE[1] * CSS_PX_PER_INCH)

    @property
    def ident(self) -> str:
        """Return the id stem of the chart's elements (its SVG title, its figures' table)."""
        return f"chart-{self.name}"


def page_charts(screen: Screen) -> list[PageChart]:
    """Return every chart of the page with its figures, in the page's order."""
    return [PageChart(name, make(screen)) for name, make in CHARTS.items()]
