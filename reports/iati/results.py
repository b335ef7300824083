"""An output's `result` element: its indicators with baseline, targets and approved actuals."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from reports.iati import mappings as m
from reports.iati.types import Actual, IndicatorRecord, ResultRecord

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _narrative(parent: etree._Element, tag: str, text: str) -> etree._Element:
    holder = etree.SubElement(parent, tag)
    etree.SubElement(holder, "narrative", {XML_LANG: "en"}).text = text
    return holder


def result_element(result: ResultRecord) -> etree._Element:
    """Return `result` (type 1, output) with one `indicator` per indicator of the output."""
    element = etree.Element("result", type=m.RESULT_TYPE_OUTPUT)
    _narrative(element, "title", f"{result.code}: {result.title}")
    for indicator in result.indicators:
        element.append(indicator_element(indicator))
    return element


def indicator_element(indicator: IndicatorRecord) -> etree._Element:
    """Return `indicator`: title, baseline, then one period per quarter with a target or an
    approved actual, in period order."""
    measure = m.MEASURES[indicator.measure]
    attributes = {"measure": measure}
    if measure != "5":  # ascending has no meaning for a qualitative indicator
        attributes["ascending"] = "1" if indicator.direction == "increase" else "0"
    element = etree.Element("indicator", attributes)
    _narrative(element, "title", f"{indicator.code}: {indicator.name}")
    _baseline(element, indicator, measure)
    actuals = {a.period_key: a for a in indicator.actuals}
    for key in sorted(set(indicator.targets) | set(actuals)):
        element.append(_period(key, indicator.targets.get(key), actuals.get(key), measure))
    return element


def _baseline(parent: etree._Element, indicator: IndicatorRecord, measure: str) -> None:
    if not indicator.baseline_period:
        return  # the schema requires the baseline's year
    start, _end = m.quarter_dates(indicator.baseline_period)
    attributes = {"year": str(start.year), "iso-date": start.isoformat()}
    if indicator.baseline_value is not None and measure != "5":
        attributes["value"] = m.decimal_text(indicator.baseline_value)
    baseline = etree.SubElement(parent, "baseline", attributes)
    if indicator.baseline_note:
        _narrative(baseline, "comment", indicator.baseline_note)


def _period(
    key: str, target: Decimal | None, actual: Actual | None, measure: str
) -> etree._Element:
    start, end = m.quarter_dates(key)
    period = etree.Element("period")
    etree.SubElement(period, "period-start", {"iso-date": start.isoformat()})
    etree.SubElement(period, "period-end", {"iso-date": end.isoformat()})
    if target is not None and measure != "5":
        etree.SubElement(period, "target", value=m.decimal_text(target))
    if actual is not None:
        shown = {}
        if actual.value is not None and measure != "5":
            shown["value"] = m.decimal_text(actual.value)
        element = etree.SubElement(period, "actual", shown)
        if actual.text:
            _narrative(element, "comment", actual.text)
    return period
