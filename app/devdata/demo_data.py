"""Fixed vocabulary of the demo: entities, countries, project titles, need themes, dates."""

from __future__ import annotations

import datetime as dt

ENTITIES = ("UNOCT", "UNODC", "CTED", "UNDP", "UNESCO", "OHCHR")

COUNTRIES = (
    "KEN", "NGA", "MLI", "NER", "TCD", "BFA", "SOM", "IRQ", "JOR", "TUN",
    "IDN", "PHL", "KGZ", "TJK", "UZB",
)  # fmt: skip

REGIONS = (
    ["MLI", "NER", "BFA", "TCD", "MRT"],
    ["KEN", "SOM", "ETH", "UGA"],
    ["KGZ", "TJK", "UZB", "KAZ", "TKM"],
    ["IDN", "PHL", "MYS"],
    ["IRQ", "JOR", "LBN"],
)

PROJECT_TITLES: tuple[tuple[str, str], ...] = (
    ("Preventing violent extremism through youth engagement and empowerment", "I"),
    ("Strategic communications to counter terrorist narratives online", "I"),
    ("Community resilience and dialogue platforms in border regions", "I"),
    ("Education for the prevention of violent extremism in schools", "I"),
    ("Border security and management: advance passenger information", "II"),
    ("Countering the financing of terrorism: financial intelligence units", "II"),
    ("Protection of critical infrastructure and soft targets", "II"),
    ("Preventing terrorists from acquiring weapons and explosives", "II"),
    ("Strengthening the criminal justice response to terrorism", "III"),
    ("Legislative assistance for the ratification of the universal instruments", "III"),
    ("Prison management and prevention of radicalization in detention", "III"),
    ("Support to victims of terrorism and their associations", "III"),
    ("Human rights training for law enforcement and security forces", "IV"),
    ("Gender-sensitive counter-terrorism and the role of women", "IV"),
    ("Rule of law-based investigation and prosecution of terrorist cases", "IV"),
    ("Accountability and oversight of counter-terrorism measures", "IV"),
)

NEED_AREAS: tuple[tuple[str, str], ...] = (
    ("Border security", "Establish an advance passenger information system at the main airports."),
    ("Countering the financing of terrorism", "Train the financial intelligence unit on analysis."),
    ("Criminal justice", "Develop prosecutorial guidelines for terrorism cases."),
    ("Preventing violent extremism", "Design a national action plan to prevent violent extremism."),
    ("Human rights", "Review counter-terrorism legislation for compliance with human rights law."),
    (
        "Law enforcement",
        "Strengthen interagency information sharing on foreign terrorist fighters.",
    ),
    ("Victims of terrorism", "Establish assistance and compensation schemes for victims."),
)


def need_date(index: int) -> dt.date:
    """Return a deterministic assessment date between 2016 and August 2019."""
    return dt.date(2016 + index % 4, 1 + (index * 5) % 8, 1 + (index * 7) % 27)


def quarter_dates(key: str) -> tuple[dt.date, dt.date]:
    """Return the first and last day of a quarter keyed like 2019Q3."""
    year, quarter = int(key[:4]), int(key[5])
    start = dt.date(year, 3 * quarter - 2, 1)
    following = dt.date(year + quarter // 4, 3 * quarter % 12 + 1, 1)
    return start, following - dt.timedelta(days=1)
