"""The one text rule (app/text.py), and that every way in applies it: forms, imports, workbook."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wtforms import Form, StringField

from app import text
from app.errors import ValidationFailed
from app.portfolio.imports import import_needs
from app.ui.forms import clean_text
from tests.app.imports_support import NEED, counts, csv_bytes, xlsx_bytes
from tests.app.progress_data import fingerprint, report_of, world

FORBIDDEN = ["\x00", "\x07", "\x1b", "\x7f", "\u202a", "\u202e", "\u2066", "\u2069", "\ud800"]
WELCOME = ["\t", "\n", "\r", "مرحبا", "Привет", "你好", "é", "\u200f", "\u00a0"]


@given(st.lists(st.sampled_from(WELCOME + list("abc -,.")), max_size=20).map("".join))
def test_ordinary_text_of_every_script_passes(value: str) -> None:
    assert text.problem(value) is None


@given(
    st.text(max_size=20),
    st.sampled_from(FORBIDDEN),
    st.text(max_size=20),
)
def test_a_forbidden_character_anywhere_is_named(before: str, bad: str, after: str) -> None:
    value = before + bad + after
    found = text.problem(value)
    assert found is not None
    assert f"U+{ord(bad):04X}" in text.invisible_characters(value)
    if "\x00" not in value:
        assert f"U+{ord(bad):04X}" in found


class _Form(Form):
    name = StringField(validators=[clean_text])


def test_the_form_validator_is_the_rule() -> None:
    for value in FORBIDDEN + WELCOME:
        form = _Form(data={"name": value})
        assert form.validate() == (text.problem(value) is None), repr(value)


def test_progress_narrative_refuses_a_direction_override(
    client, db_session, make_user, login
) -> None:
    w = world(db_session)
    login(make_user("focal_point", "UNODC"))
    before = fingerprint(db_session)
    data = w.form(narrative="Trained \u202eslaiciffo 30") | {"action": "save"}
    response = client.post(w.url, data=data)
    assert response.status_code == 422
    assert text.MESSAGE in response.get_data(as_text=True)
    assert fingerprint(db_session) == before
    assert report_of(db_session, w) is None


def test_imports_refuse_a_direction_override_in_csv_and_xlsx(db_session) -> None:
    bad = {**NEED, "code": "B", "description": "Border \u202egnilortnoc"}
    expected = ["row 2: description: contains invisible control characters (U+202E); remove them"]
    for data in (csv_bytes([bad]), xlsx_bytes([list(bad), list(bad.values())])):
        with pytest.raises(ValidationFailed) as caught:
            import_needs(db_session, None, data)
        assert caught.value.problems == expected
    assert counts(db_session)["needs"] == 0
