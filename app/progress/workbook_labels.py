"""The progress workbook's words in the reader's language, and read back in any of the six.

To the code, sheets and columns have English names (the constants of workbook.py and
workbook_sheets.py); a focal point reads them translated. The identifier columns (project_code,
period, indicator_code, activity_id, version, part) are codes and stay as they are. A workbook may
come back in another language than the reader's now (a colleague's download, a changed
preference), so reading accepts the words of every language the tracker speaks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from flask_babel import LazyString, force_locale
from flask_babel import lazy_gettext as _l

from app.i18n import LANGUAGES
from app.progress.forms import ACTIVITY_LABELS
from app.progress.labels import measure_label, status_label

SHEETS: dict[str, LazyString] = {
    "Progress": _l("Progress"),
    "Activities": _l("Activities"),
    "Narratives": _l("Narratives"),
    "Instructions": _l("Instructions"),
}
COLUMNS: dict[str, LazyString] = {
    "Project": _l("Project"),
    "Indicator": _l("Indicator"),
    "Measure": _l("Measure"),
    "Unit": _l("Unit"),
    "Baseline": _l("Baseline"),
    "Period target": _l("Period target"),
    "Life target": _l("Life target"),
    "Last approved": _l("Last approved"),
    "Value": _l("Value"),
    "Numerator": _l("Numerator"),
    "Denominator": _l("Denominator"),
    "Text (qualitative)": _l("Text (qualitative)"),
    "Report status": _l("Report status"),
    "Parts incomplete": _l("Parts incomplete"),
    "Activity": _l("Activity"),
    "Start": _l("Start"),
    "End": _l("End"),
    "Status": _l("Status"),
    "% complete": _l("Percent complete"),
    "Narrative": _l("Narrative"),
}
FLAGS: dict[bool, LazyString] = {True: _l("yes"), False: _l("no")}
# Words a "Parts incomplete" cell may hold besides the translations of yes and no.
PLAIN_FLAGS = {"yes": True, "no": False, "true": True, "false": False}


def sheet_title(name: str) -> str:
    """Return a sheet's title in the reader's language (at most 31 characters, as XLSX allows)."""
    return str(SHEETS[name])[:31]


def column_label(name: str) -> str:
    """Return a column's heading in the reader's language (an identifier column as it is)."""
    label = COLUMNS.get(name)
    return str(label) if label is not None else name


def flag_word(flag: bool) -> str:
    """Return yes or no in the reader's language."""
    return str(FLAGS[flag])


def shown_measure(measure: str) -> str:
    """Return an indicator's measure as the Measure column shows it."""
    return measure_label(measure)


def shown_status(status: str) -> str:
    """Return a report's status as the Report status column shows it."""
    return status_label(status)


def activity_word(status: str) -> str:
    """Return an activity status as the Status column offers it, in the reader's language."""
    label = ACTIVITY_LABELS.get(status)
    return str(label) if label is not None else status


@cache
def _readings() -> dict[str, dict[str, str]]:
    """Return, per kind (sheet, column, flag, activity), every language's word -> its name."""
    found: dict[str, dict[str, str]] = {"sheet": {}, "column": {}, "flag": {}, "activity": {}}
    for language in LANGUAGES:
        with force_locale(language):
            _add(found["sheet"], {n: sheet_title(n) for n in SHEETS})
            _add(found["column"], {n: column_label(n) for n in COLUMNS})
            _add(found["flag"], {str(f): flag_word(f) for f in FLAGS})
            _add(found["activity"], {s: activity_word(s) for s in ACTIVITY_LABELS})
    return found


def _add(into: dict[str, str], words: Mapping[str, str]) -> None:
    for name, word in words.items():
        into.setdefault(_key(word), name)
        into.setdefault(_key(name), name)


def _key(word: str) -> str:
    return " ".join(word.split()).casefold()


def column_name(heading: str) -> str:
    """Return the column a heading names, in any of the six languages (else the heading)."""
    return _readings()["column"].get(_key(heading), heading.strip())


def find_sheet(titles: Iterable[str], name: str) -> str | None:
    """Return the title of the file's sheet that is `name` in any language, or None."""
    sheets = _readings()["sheet"]
    return next((t for t in titles if sheets.get(_key(t)) == name), None)


def read_flag(word: str) -> bool | None:
    """Return what a yes/no cell says, in any language (None for another word)."""
    if _key(word) in PLAIN_FLAGS:
        return PLAIN_FLAGS[_key(word)]
    found = _readings()["flag"].get(_key(word))
    return None if found is None else found == "True"


def read_activity(word: str) -> str:
    """Return the activity status a cell names, in any language (else the word, lowered)."""
    return _readings()["activity"].get(_key(word), word.strip().lower())
