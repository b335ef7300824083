"""What makes a translation catalogue complete, as a pure function over Babel catalogues, and
the fresh extraction of the source's marked messages it is checked against.

`problems(extracted, catalogue)` names every message that a translator still has to do: one
the source marks but the catalogue lacks, one without a translation (in any plural form), one
marked fuzzy, one whose placeholders differ from the English (a %(name)s dropped, added or
renamed would raise or lose a value at run time), and one the catalogue keeps as obsolete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "app" / "translations"
LANGUAGES = ("ar", "zh", "fr", "ru", "es")  # English is the source language
# The Makefile's `messages` target: Babel's default keywords and the lazy ones.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
}
MsgId = str | tuple[str, ...]
# %(name)s, %s, %d, %.1f ... and {name}; "%%" is a literal percent sign, removed first.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifeEgGxXorc]|\{\w*\}")


def extract(root: Path = ROOT) -> set[MsgId]:
    """Return every message the source marks, read with babel.cfg and the Makefile's keywords."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[MsgId] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message)
    found.discard("")
    return found


def read(language: str, directory: Path = TRANSLATIONS) -> Catalog:
    """Return a language's catalogue (messages.po) as Babel reads it."""
    with (directory / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def placeholders(text: str) -> set[str]:
    """Return the placeholders of a message ("%(code)s", "%s", "{name}")."""
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def problems(extracted: Iterable[MsgId], catalogue: Catalog) -> list[str]:
    """Return one line per message of the catalogue that is not ready, naming it."""
    found = []
    for msgid in sorted(extracted, key=_key):
        message = catalogue.get(msgid)
        if message is None:
            found.append(f"missing: {_name(msgid)}")
        else:
            found += [
                f"{problem}: {_name(msgid)}"
                for problem in _entry_problems(message, catalogue.num_plurals)
            ]
    found += [f"obsolete: {_name(m.id)}" for m in catalogue.obsolete.values()]
    return found


def _entry_problems(message: Message, plural_forms: int) -> list[str]:
    forms = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
    wanted = plural_forms if message.pluralizable else 1
    found = []
    if len(forms) < wanted or any(not form for form in forms):
        found.append("untranslated")
    if message.fuzzy:
        found.append("fuzzy")
    if any(form and not _same_placeholders(message, form) for form in forms):
        found.append("placeholders differ")
    return found


def _same_placeholders(message: Message, translation: str) -> bool:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    expected = set().union(*(placeholders(i) for i in ids))
    got = placeholders(translation)
    if len(ids) > 1:  # a plural form may leave the number out ("one report", "deux rapports")
        return got - {"%(num)d"} == expected - {"%(num)d"}
    return got == expected


def _key(msgid: MsgId) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _name(msgid: object) -> str:
    return repr(msgid)
