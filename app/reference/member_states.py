"""Member State names by ISO 3166-1 alpha-3 code, to show a code as "Iraq (IRQ)".

`member_states.csv` holds the 249 codes and short names of ISO 3166-1 as Debian's iso-codes
package lists them (`/usr/share/iso-codes/json/iso_3166-1.json`, fields `alpha_3` and `name`,
version 4.15): regenerate it from there when ISO renames a country. The needs, projects and
baselines keep the code alone; the name is only shown. Standard library only, no table."""

from __future__ import annotations

import csv
import unicodedata
from functools import cache
from importlib import resources


@cache
def names() -> dict[str, str]:
    """Return every known code with its name."""
    text = resources.files("app.reference").joinpath("member_states.csv").read_text("utf-8")
    return {row["iso3"]: row["name"] for row in csv.DictReader(text.splitlines())}


def name_of(code: str) -> str | None:
    """Return the name of a code, or None when the code names no country."""
    return names().get(code)


def label(code: str) -> str:
    """Return "Iraq (IRQ)", or the code alone when it names no known country."""
    name = name_of(code)
    return f"{name} ({code})" if name else code


def sort_key(code: str) -> tuple[str, str]:
    """Return the key that orders codes by their names, accents aside ("Côte d'Ivoire" before
    "Croatia"); unnamed codes by the code."""
    letters = unicodedata.normalize("NFKD", name_of(code) or code)
    return ("".join(c for c in letters if not unicodedata.combining(c)).casefold(), code)
