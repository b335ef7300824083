"""Write an IATI 2.03 `iati-activities` file, one `iati-activity` per project, streamed.

Elements follow the order the schema's sequence requires (iati-activities-schema.xsd).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO

from lxml import etree

from reports.iati import mappings as m
from reports.iati.results import result_element
from reports.iati.types import Evidence, ProjectRecord, Publisher

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANG = "en"
VERSION = "2.03"


def write_activities(
    out: IO[bytes], publisher: Publisher, projects: Iterable[ProjectRecord]
) -> int:
    """Write the file to `out`, one project at a time; return the number of activities."""
    count = 0
    attributes = {"version": VERSION, "generated-datetime": publisher.generated.isoformat()}
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", attributes):
            for project in projects:
                xf.write(activity(publisher, project), pretty_print=True)
                count += 1
    return count


def narrative(parent: etree._Element, tag: str, text: str) -> etree._Element:
    """Add `tag` holding one English narrative (the tracker's data is kept in English)."""
    holder = etree.SubElement(parent, tag)
    etree.SubElement(holder, "narrative", {XML_LANG: LANG}).text = text
    return holder


def activity(publisher: Publisher, project: ProjectRecord) -> etree._Element:
    """Return one project's `iati-activity` element."""
    root = etree.Element(
        "iati-activity", {XML_LANG: LANG, "default-currency": "USD", "hierarchy": "1"}
    )
    etree.SubElement(root, "iati-identifier").text = f"{publisher.org_ref}-{project.code}"
    org = {"ref": publisher.org_ref, "type": m.ORGANISATION_TYPE_MULTILATERAL}
    etree.SubElement(root, "reporting-org", org).append(_narrative(publisher.org_name))
    narrative(root, "title", project.title)
    narrative(root, "description", _description(project)).set("type", "1")
    implementer = {"role": m.ROLE_IMPLEMENTING, "type": m.ORGANISATION_TYPE_MULTILATERAL}
    part = etree.SubElement(root, "participating-org", implementer)
    part.append(_narrative(f"{project.entity_name} ({project.entity_acronym})"))
    etree.SubElement(root, "activity-status", code=m.ACTIVITY_STATUS[project.status])
    _dates(root, project, publisher)
    _recipients(root, project)
    for code, share in _with_shares(m.sectors(project.pillar, project.thematic_areas)):
        etree.SubElement(root, "sector", vocabulary="1", code=code, percentage=share)
    if project.gender_marker in m.GENDER_SIGNIFICANCE:
        significance = m.GENDER_SIGNIFICANCE[project.gender_marker]
        etree.SubElement(root, "policy-marker", vocabulary="1", code="1", significance=significance)
    _budget(root, project)
    for item in project.evidence:
        _document_link(root, item)
    for result in project.results:
        root.append(result_element(result))
    return root


def _narrative(text: str) -> etree._Element:
    element = etree.Element("narrative", {XML_LANG: LANG})
    element.text = text
    return element


def _description(project: ProjectRecord) -> str:
    return (
        f"{project.title}. A project of {project.entity_name} under pillar {project.pillar} "
        f"of the United Nations Global Counter-Terrorism Strategy ({project.pillar_title}), "
        f"reported to the UN Global Counter-Terrorism Coordination Compact."
    )


def _dates(root: etree._Element, project: ProjectRecord, publisher: Publisher) -> None:
    """Planned start and end (1, 3) from the project's dates; actual start (2) once begun and
    actual end (4) once completed, never after the day the file stands for. The schema wants
    one date at least: without a start date, the day the project was recorded is the planned
    start (the day the file stands for when that is not known either)."""
    started = project.status in ("ongoing", "suspended", "completed")
    start, end = project.start_date, project.end_date
    if start is None:
        _date(root, "1", project.recorded_on or publisher.as_of)
    else:
        _date(root, "1", start)
        if started and start <= publisher.as_of:
            _date(root, "2", start)
    if end is not None:
        _date(root, "3", end)
        if project.status == "completed" and end <= publisher.as_of:
            _date(root, "4", end)


def _date(root: etree._Element, kind: str, day: dt.date) -> None:
    etree.SubElement(root, "activity-date", {"type": kind, "iso-date": day.isoformat()})


def _recipients(root: etree._Element, project: ProjectRecord) -> None:
    """A national project's countries (alpha-2), otherwise region 998 (docs/iati.md)."""
    codes = [c for c in (m.country_code(iso3) for iso3 in project.countries) if c]
    if project.scope == "national" and codes:
        for code, share in _with_shares(codes):
            etree.SubElement(root, "recipient-country", code=code, percentage=share)
        return
    etree.SubElement(
        root, "recipient-region", code=m.UNSPECIFIED_REGION, vocabulary="1", percentage="100"
    )


def _with_shares(codes: list[str]) -> list[tuple[str, str]]:
    return [
        (code, m.decimal_text(share))
        for code, share in zip(codes, m.percentages(len(codes)), strict=True)
    ]


def _budget(root: etree._Element, project: ProjectRecord) -> None:
    """The whole budget over the project's dates: indicative (1) in the pipeline, else
    committed (2); original (type 1). Without both dates there is no period to give."""
    if project.start_date is None or project.end_date is None:
        return
    status = "1" if project.status == "pipeline" else "2"
    budget = etree.SubElement(root, "budget", type="1", status=status)
    etree.SubElement(budget, "period-start", {"iso-date": project.start_date.isoformat()})
    etree.SubElement(budget, "period-end", {"iso-date": project.end_date.isoformat()})
    value = {"currency": "USD", "value-date": project.start_date.isoformat()}
    etree.SubElement(budget, "value", value).text = m.decimal_text(project.budget_usd)


def _document_link(root: etree._Element, item: Evidence) -> None:
    link = etree.SubElement(root, "document-link", url=item.url, format=item.format)
    link.append(_titled(item.title))
    etree.SubElement(link, "category", code=m.DOCUMENT_CATEGORY_RESULTS)
    if item.added_on is not None:
        etree.SubElement(link, "document-date", {"iso-date": item.added_on.isoformat()})


def _titled(text: str) -> etree._Element:
    title = etree.Element("title")
    title.append(_narrative(text))
    return title
