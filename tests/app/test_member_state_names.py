"""Member State names (app/reference/member_states.py): every ISO 3166-1 alpha-3 code of the
reference file shown as "Name (CODE)", a code without a name shown alone, ordered by name."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from app.reference.member_states import label, name_of, names, sort_key

codes = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)


def test_the_file_holds_every_iso_country_once() -> None:
    found = names()
    assert len(found) == 249
    assert all(len(code) == 3 and code.isupper() for code in found)
    assert (label("IRQ"), label("KEN"), label("CIV")) == (
        "Iraq (IRQ)", "Kenya (KEN)", "Côte d'Ivoire (CIV)",
    )  # fmt: skip


@given(codes)
def test_a_label_names_its_code(code: str) -> None:
    name = name_of(code)
    assert label(code) == (f"{name} ({code})" if name else code)
    assert label(code).endswith(f"({code})") or label(code) == code


@given(st.lists(codes, min_size=2, max_size=20, unique=True))
def test_codes_sort_by_name_whatever_their_order(picked: list[str]) -> None:
    ordered = sorted(picked, key=sort_key)
    assert sorted(reversed(picked), key=sort_key) == ordered
    keys = [sort_key(code) for code in ordered]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_accents_do_not_push_a_name_to_the_end() -> None:
    assert sorted(["HRV", "CIV", "CUB"], key=sort_key) == ["CIV", "HRV", "CUB"]
