"""Every language's catalogue is complete: each message the source marks is in it, translated
(every plural form), not fuzzy, with the English placeholders, and nothing is left obsolete.

It fails until the translators have finished (run `make messages`, translate, `make install`);
the check itself is tested on synthetic catalogues in tests/app/test_catalogues.py."""

from __future__ import annotations

import pytest

from tests.app import catalogues


@pytest.fixture(scope="module")
def extracted() -> set[catalogues.MsgId]:
    return catalogues.extract()


@pytest.mark.parametrize("language", catalogues.LANGUAGES)
def test_the_catalogue_is_complete(language: str, extracted: set[catalogues.MsgId]) -> None:
    found = catalogues.problems(extracted, catalogues.read(language))
    assert found == [], f"{language}: {len(found)} message(s) to do:\n" + "\n".join(found)


ARROWS = {"&larr;": "&rarr;", "&rarr;": "&larr;"}


def test_right_to_left_arrows_point_the_way_the_page_turns() -> None:
    """In Arabic the page runs from right to left: "previous" points right, "next" left, so
    every arrow entity of an English message is the mirrored one in its translation."""
    arabic = catalogues.read("ar")
    checked = 0
    for message in arabic:
        english = message.id if isinstance(message.id, str) else ""
        for arrow, mirrored in ARROWS.items():
            if arrow in english:
                checked += 1
                assert mirrored in str(message.string), f"{english!r}: {message.string!r}"
                assert arrow not in str(message.string), f"{english!r}: {message.string!r}"
    assert checked >= 2, "the pager's two arrows are checked"
