"""What a chart shows, apart from how it is drawn: its figures, their words and their table.

Pure (no matplotlib): a page or a PDF can describe a chart, and print its figures beside it,
without importing the drawing library (issue 17); `reports.charts.draw` turns one into a Figure.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from xml.sax.saxutils import escape, quoteattr

from reports.formatting import fmt_pct, fmt_value
from reports.localized import gettext

Number = Decimal | int
Series = tuple[tuple[str, tuple[Number, ...]], ...]  # (name, a value per label) of each series


class Kind(enum.Enum):
    """What the figures count: whole things (integer ticks), money, per cents or numbers."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    NUMBER = "number"


@dataclass(frozen=True)
class ChartData:
    """One bar chart's figures: a value per label for each series (one series: plain bars)."""

    title: str
    labels: tuple[str, ...]
    series: Series
    kind: Kind = Kind.NUMBER
    ylabel: str = ""
    label_header: str = ""  # the heading of the labels' column in the figures' table
    empty_text: str = ""  # said instead of drawing an empty chart
    target: Number | None = None

    @property
    def empty(self) -> bool:
        """True when there is nothing to draw: no label, or no series."""
        return not self.labels or not self.series

    def empty_message(self) -> str:
        """Say that there is nothing to chart (the chart's own words when it has them)."""
        return self.empty_text or gettext("No figures to chart for this selection.")

    def value_text(self, value: Number) -> str:
        """Write one figure as the table and the bar labels show it."""
        if self.kind is Kind.PERCENT:
            return fmt_pct(Decimal(value), 1)
        return fmt_value(value)

    def headers(self) -> list[str]:
        """Return the figures' table headers: the labels' column, then one per series."""
        first = self.label_header or gettext("Item")
        unnamed = self.ylabel or gettext("Value")
        return [first, *(name or unnamed for name, _ in self.series)]

    def rows(self) -> list[list[str]]:
        """Return the figures' table rows, formatted, one per label."""
        return [
            [label, *(self.value_text(values[i]) for _, values in self.series)]
            for i, label in enumerate(self.labels)
        ]

    def description(self) -> str:
        """Say the chart's figures in words, e.g. "I: 2019 mapping 3, live portfolio 4; II: ..."."""
        if self.empty:
            return self.empty_message()
        items = [self._label_words(i, label) for i, label in enumerate(self.labels)]
        text = reduce(lambda a, b: gettext("%(before)s; %(after)s", before=a, after=b), items)
        if self.target is not None:
            target = self.value_text(self.target)
            text = gettext("%(figures)s; target %(target)s", figures=text, target=target)
        return gettext("%(figures)s.", figures=text)

    def _label_words(self, i: int, label: str) -> str:
        """Say one label's figures: "I: 3" or "I: 2019 mapping 3, live portfolio 4"."""
        if len(self.series) == 1:
            value = self.value_text(self.series[0][1][i])
            return gettext("%(label)s: %(value)s", label=label, value=value)
        parts = [
            gettext("%(series)s %(value)s", series=name, value=self.value_text(values[i]))
            for name, values in self.series
        ]
        values = reduce(lambda a, b: gettext("%(before)s, %(after)s", before=a, after=b), parts)
        return gettext("%(label)s: %(values)s", label=label, values=values)


@dataclass(frozen=True)
class PanelChart:
    """Small count charts side by side under one title, e.g. a pillar's projects by scope."""

    title: str
    panels: tuple[ChartData, ...]

    def description(self) -> str:
        """Say every panel's figures: "By scope – Global: 1; National: 2. By status – ..."."""
        said = [
            gettext("%(panel)s \u2013 %(figures)s", panel=p.title, figures=p.description())
            for p in self.panels
        ]
        return " ".join(said)


def counts(
    title: str, values: dict[str, int], ylabel: str = "", label_header: str = ""
) -> ChartData:
    """Chart one series of counts, e.g. projects by status."""
    series = (("", tuple(values.values())),)
    return ChartData(title, tuple(values), series, Kind.COUNT, ylabel, label_header)


NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")  # and CR, which XML rewrites


def xml_text(text: str) -> str:
    """Escape text for XML, dropping the control characters XML 1.0 cannot hold."""
    return escape(NOT_XML.sub("", text))


def svg_with_text(svg: bytes, ident: str, title: str, description: str) -> bytes:
    """Give an SVG its text alternative: role="img", a <title> and a <desc> it is labelled by."""
    head, sep, rest = svg.decode("utf-8").partition("<svg ")
    if not sep:
        raise ValueError("not an SVG document")
    title_id, desc_id = f"{ident}-title", f"{ident}-desc"
    attrs = f'role="img" aria-labelledby="{title_id}" aria-describedby="{desc_id}" '
    tag_end = rest.index(">") + 1
    alt = (
        f"\n <title id={quoteattr(title_id)}>{xml_text(title)}</title>"
        f"\n <desc id={quoteattr(desc_id)}>{xml_text(description)}</desc>"
    )
    return f"{head}<svg {attrs}{rest[:tag_end]}{alt}{rest[tag_end:]}".encode()
