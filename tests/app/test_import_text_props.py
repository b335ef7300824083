"""Property tests of the pure rules under the round trips: any text an export writes (CSV or
XLSX, formula-like text neutralised) reads back as the same text, and a diff names exactly the
fields that differ (issue 13 points 1 and 2)."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from app.portfolio.imports.reader import Columns, Limits, read_rows, restored
from app.portfolio.imports.result import field_changes, file_text
from app.text import FORBIDDEN
from reports.tabular import neutralise, to_csv, to_xlsx

COLUMNS = Columns(known=("code", "title"), required=("code", "title"))
LIMITS = Limits(10_000_000, 100_000_000)

# Cell text as a person types it: trimmed, no control characters, not an apostrophe put before
# a formula character by hand (that one is read as an export's neutralisation).
texts = (
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
    .map(str.strip)
    .filter(lambda t: t and not FORBIDDEN.search(t) and restored(t) == t)
)


@given(texts)
def test_restored_undoes_neutralise(text: str) -> None:
    assert restored(neutralise(text)) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, min_size=1, max_size=5))
def test_exported_titles_read_back_unchanged(titles: list[str]) -> None:
    rows = [[f"C-{i}", title] for i, title in enumerate(titles)]
    for data in (
        to_csv(["code", "title"], rows, bom=True),
        to_xlsx({"P": (["code", "title"], rows)}),
    ):
        read = read_rows(data, COLUMNS, LIMITS)
        assert [row["title"] for _, row in read] == titles


values = st.one_of(
    st.none(), st.booleans(), st.integers(0, 3), st.text(string.ascii_letters, max_size=5),
    st.frozensets(st.sampled_from(["KEN", "UGA", "TZA"])),
)  # fmt: skip


@given(
    st.dictionaries(st.sampled_from("abcdef"), values),
    st.dictionaries(st.sampled_from("abcdef"), values),
)
def test_field_changes_name_exactly_the_differing_fields(old: dict, new: dict) -> None:
    names = sorted(set(old) | set(new))
    changes = field_changes(old, new, names)
    assert set(changes) == {n for n in names if old.get(n) != new.get(n)}
    for name, (before, after) in changes.items():
        assert (before, after) == (file_text(old.get(name)), file_text(new.get(name)))
