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
