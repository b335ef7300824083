"""The catalogue check (tests/app/catalogues.py) on small synthetic catalogues: it passes a
complete one and names the message for each defect (missing, untranslated, fuzzy, placeholders,
obsolete); and the fresh extraction finds the messages marked in Python and in the templates.
The check over the real catalogues is tests/app/test_catalogues_complete.py."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from hypothesis import given
from hypothesis import strategies as st

from tests.app import catalogues
from tests.app.catalogues import placeholders, problems

PLURAL = ("%(num)d report is late.", "%(num)d reports are late.")
# French has three plural forms in the CLDR data Babel reads: one, many (a million), other.
FRENCH = (
    "%(num)d rapport est en retard.",
    "%(num)d de rapports",
    "%(num)d rapports sont en retard.",
)
SOURCE = {"Sign in", "Saved %(code)s.", PLURAL}


def complete() -> Catalog:
    """A French catalogue with every source message translated."""
    catalogue = Catalog(locale="fr")
    catalogue.add("Sign in", "Se connecter")
    catalogue.add("Saved %(code)s.", "%(code)s enregistré.")
    catalogue.add(PLURAL, FRENCH)
    return catalogue


def changed(catalogue: Catalog, msgid: object, string: object, **kwargs: object) -> Catalog:
    """Replace one entry (Catalog.add merges into an existing entry without its string)."""
    del catalogue[msgid]
    catalogue.add(msgid, string, **kwargs)
    return catalogue


def test_a_complete_catalogue_has_no_problem() -> None:
    assert problems(SOURCE, complete()) == []


def test_a_message_missing_from_the_catalogue_is_named() -> None:
    assert problems(SOURCE | {"Sign out"}, complete()) == ["missing: 'Sign out'"]


def test_an_empty_translation_is_named() -> None:
    catalogue = complete()
    changed(catalogue, "Sign in", "")
    assert problems(SOURCE, catalogue) == ["untranslated: 'Sign in'"]


def test_one_empty_plural_form_is_named() -> None:
    catalogue = complete()
    changed(catalogue, PLURAL, (*FRENCH[:2], ""))
    assert problems(SOURCE, catalogue) == [f"untranslated: {PLURAL!r}"]


def test_a_fuzzy_entry_is_named() -> None:
    catalogue = complete()
    changed(catalogue, "Sign in", "Se connecter", flags=["fuzzy"])
    assert problems(SOURCE, catalogue) == ["fuzzy: 'Sign in'"]


def test_a_renamed_placeholder_is_named() -> None:
    catalogue = complete()
    changed(catalogue, "Saved %(code)s.", "%(code2)s enregistré.")
    assert problems(SOURCE, catalogue) == ["placeholders differ: 'Saved %(code)s.'"]


def test_a_dropped_or_added_placeholder_is_named() -> None:
    for wrong in ("Enregistré.", "%(code)s enregistré %(by)s.", "%s enregistré.", "{code}"):
        catalogue = complete()
        changed(catalogue, "Saved %(code)s.", wrong)
        assert problems(SOURCE, catalogue) == ["placeholders differ: 'Saved %(code)s.'"], wrong


def test_a_plural_form_with_a_wrong_placeholder_is_named() -> None:
    catalogue = complete()
    changed(catalogue, PLURAL, (*FRENCH[:2], "%(n)d rapports sont en retard."))
    assert problems(SOURCE, catalogue) == [f"placeholders differ: {PLURAL!r}"]


def test_a_plural_form_may_leave_the_number_out() -> None:
    catalogue = complete()
    changed(catalogue, PLURAL, ("Un rapport est en retard.", *FRENCH[1:]))
    assert problems(SOURCE, catalogue) == []


def test_a_missing_plural_form_is_named() -> None:
    catalogue = changed(complete(), PLURAL, FRENCH[:2])
    assert problems(SOURCE, catalogue) == [f"untranslated: {PLURAL!r}"]


def test_an_obsolete_entry_is_named() -> None:
    catalogue = complete()
    catalogue.obsolete["Old words"] = catalogue.add("Old words", "Vieux mots")
    del catalogue["Old words"]
    assert problems(SOURCE, catalogue) == ["obsolete: 'Old words'"]


def test_the_defects_survive_a_po_file_round_trip(tmp_path: Path) -> None:
    """The same defects read back from a .po file (as the real test reads them)."""
    catalogue = complete()
    changed(catalogue, "Sign in", "Se connecter", flags=["fuzzy"])
    changed(catalogue, "Saved %(code)s.", "")
    catalogue.obsolete["Old words"] = catalogue.add("Old words", "Vieux mots")
    del catalogue["Old words"]
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    write_po(buffer, catalogue)
    (folder / "messages.po").write_bytes(buffer.getvalue())
    read_back = catalogues.read("fr", tmp_path)
    assert problems(SOURCE | {"Sign out"}, read_back) == [
        "untranslated: 'Saved %(code)s.'",
        "fuzzy: 'Sign in'",
        "missing: 'Sign out'",
        "obsolete: 'Old words'",
    ]
    assert read_po(io.BytesIO(buffer.getvalue())).obsolete


@given(st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12), st.sampled_from("sd"))
def test_named_placeholders_are_found_and_percent_signs_are_not(name: str, kind: str) -> None:
    text = f"At 50%% of %({name}){kind} and {{{name}}}"
    assert placeholders(text) == {f"%({name}){kind}", f"{{{name}}}"}


def test_the_extraction_reads_python_and_templates(tmp_path: Path) -> None:
    (tmp_path / "babel.cfg").write_text(
        "[python: app/**.py]\n[jinja2: app/**/templates/**.html]\n", encoding="utf-8"
    )
    (tmp_path / "app" / "ui" / "templates").mkdir(parents=True)
    (tmp_path / "app" / "views.py").write_text(
        "LABEL = _l('Language')\n"
        "def f(n):\n"
        "    saved = _('Saved %(code)s.', code='A')\n"
        "    return saved + lazy_ngettext('%(num)d day', '%(num)d days', n)\n",
        encoding="utf-8",
    )
    (tmp_path / "app" / "ui" / "templates" / "page.html").write_text(
        "<p>{{ _('Sign in') }}</p>{{ ngettext('%(num)d item', '%(num)d items', 2) }}",
        encoding="utf-8",
    )
    assert catalogues.extract(tmp_path) == {
        "Language",
        "Saved %(code)s.",
        ("%(num)d day", "%(num)d days"),
        "Sign in",
        ("%(num)d item", "%(num)d items"),
    }


def test_the_real_source_has_marked_messages() -> None:
    found = catalogues.extract()
    assert {"Compact results tracker", "Sign out", "Language"} <= found
