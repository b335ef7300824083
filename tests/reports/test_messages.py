"""Key messages: every sentence a template over the figures, none printed with a blank."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.content import SeedFundingSection
from reports.formatting import fmt_count, fmt_long_date, fmt_share, fmt_usd
from reports.messages import (
    PILLARS,
    SCOPES,
    STATUSES,
    Comparison,
    KeyFacts,
    Needs,
    key_messages,
)
from reports.pdf import render_quarterly
from tests.reports.pdftext import pages_text, squash
from tests.reports.sample import sample_quarterly

BLANKS = re.compile(
    r"None(?! of the)|\{|\}|nan|  | ,| \.|\.\.|%|\$-|\b1 projects\b|\bone projects\b"
)
dates = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2035, 12, 31))
money = st.decimals(min_value=Decimal(0), max_value=Decimal("2e9"), places=2)


seed_years = st.builds(
    SeedFundingSection,
    st.integers(2016, 2030),
    st.integers(0, 30),
    st.decimals(min_value=Decimal(0), max_value=Decimal("5e6"), places=0),
)


@st.composite
def partition(draw: st.DrawFn, total: int, keys: tuple[str, ...]) -> dict[str, int]:
    """Split a total over keys (some of them zero), as a count per key."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=len(keys) - 1,
                                max_size=len(keys) - 1)))  # fmt: skip
    bounds = [0, *cuts, total]
    counts = {k: bounds[i + 1] - bounds[i] for i, k in enumerate(keys)}
    return {k: n for k, n in counts.items() if n or draw(st.booleans())}


@st.composite
def facts(draw: st.DrawFn) -> KeyFacts:
    """Draw figures as a portfolio would give them (shortfall = active budget - funded)."""
    projects = draw(st.integers(0, 400))
    by_status = draw(partition(projects, STATUSES))
    active = sum(by_status.get(s, 0) for s in ("pipeline", "ongoing", "suspended"))
    budget_active = draw(money) if active else Decimal(0)
    budget_completed = draw(money) if by_status.get("completed") else Decimal(0)
    funded = draw(st.decimals(min_value=Decimal(0), max_value=budget_active, places=2))
    needs_total = draw(st.integers(0, 600))
    return KeyFacts(
        as_of=draw(dates),
        projects=projects,
        implementing_entities=draw(st.integers(1, 25)) if projects else 0,
        by_pillar=draw(partition(projects, PILLARS)),
        by_scope=draw(partition(projects, SCOPES)),
        by_status=by_status,
        budget_total=budget_active + budget_completed,
        budget_active=budget_active,
        budget_completed=budget_completed,
        funded=funded,
        shortfall=budget_active - funded,
        in_multi_year_appeal=draw(st.integers(0, projects)),
        needs=draw(
            st.none() | st.builds(Needs, st.just(needs_total), st.integers(0, needs_total))
        ),  # fmt: skip
        comparison=draw(
            st.none()
            | st.builds(Comparison, st.text("abc 2019", min_size=1), dates, st.integers(0, 400))
        ),  # fmt: skip
        entity=draw(st.none() | st.sampled_from(["UNODC", "UNOCT"])),
        seed_funding=draw(st.lists(seed_years, max_size=3, unique_by=lambda s: s.year)),
    )


@settings(max_examples=400)
@given(facts())
def test_every_sentence_is_whole(f: KeyFacts) -> None:
    messages = key_messages(f)
    assert messages, "the first sentence always says how many projects"
    for sentence in messages:
        assert sentence[0].isupper() and sentence.endswith("."), sentence
        label = f.comparison.label if f.comparison else ""
        # the label is the user's own text, quoted: check the sentence around it, not inside it
        checked = sentence.replace(f"\u201c{label}\u201d", "\u201cx\u201d")
        assert not BLANKS.search(checked), sentence


@settings(max_examples=400)
@given(facts())
def test_a_sentence_without_its_figures_is_left_out(f: KeyFacts) -> None:
    text = " ".join(key_messages(f))
    assert ("compared to" in text) == (f.comparison is not None)
    assert ("CTED" in text) == (f.needs is not None and f.needs.total > 0)
    assert ("shortfall" in text) == (f.active_projects > 0 and f.budget_active > 0)
    assert ("Pillar" in text) == (f.projects > 0)
    assert ("Counter-Terrorism Compact entit" in text) == (f.entity is None)
    seeded = f.entity is None and any(y.project_count for y in f.seed_funding)
    assert ("Seed funding" in text) == seeded
    if f.projects == 0:  # the Trust Fund's and CTED's figures do not depend on the portfolio
        needs = f.needs is not None and f.needs.total > 0
        assert len(key_messages(f)) == 1 + needs + seeded


@settings(max_examples=400)
@given(facts())
def test_the_sentences_carry_the_figures(f: KeyFacts) -> None:
    messages = key_messages(f)
    text = " ".join(messages)
    assert re.search(rf"\b{fmt_count(f.projects, 'project', words=False)}\b", text) or re.search(
        rf"\b{fmt_count(f.projects, 'project')}\b", text
    )
    if f.comparison is not None:
        assert (
            f"\u201c{f.comparison.label}\u201d, as of {fmt_long_date(f.comparison.as_of)}"
            in (messages[0])
        )
    if f.projects:
        assert fmt_usd(f.budget_total) in text
        for pillar, count in f.by_pillar.items():
            if 0 < count < f.projects:
                assert f"{fmt_share(count, f.projects)} " in text
                assert (
                    f"Pillar {pillar}." in text
                    or f"Pillar {pillar}," in text
                    or (f"Pillar {pillar} and" in text)
                )
    if f.entity is None:
        for year in f.seed_funding:
            if year.project_count:
                assert f" in {year.year} ({fmt_usd(year.total)} in total)" in text
                assert re.search(rf"\b{fmt_count(year.project_count, 'project', words=False)}"
                                 rf" in {year.year}\b", text) or re.search(
                    rf"\b{fmt_count(year.project_count, 'project')} in {year.year}\b", text
                )  # fmt: skip
    if f.active_projects and f.budget_active and f.shortfall:
        assert fmt_usd(f.shortfall) in text
        assert fmt_share(f.shortfall, f.budget_active) in text


PUBLISHED_LIKE = KeyFacts(
    as_of=dt.date(2019, 8, 31),
    projects=314,
    implementing_entities=13,
    by_pillar={"I": 103, "II": 35, "III": 154, "IV": 22},
    by_scope={"global": 78, "interregional": 13, "regional": 50, "national": 173},
    by_status={"ongoing": 176, "pipeline": 19, "completed": 119},
    budget_total=Decimal(522_300_000),
    budget_active=Decimal(469_800_000),
    budget_completed=Decimal(52_500_000),
    funded=Decimal(230_900_000),
    shortfall=Decimal(238_900_000),
    in_multi_year_appeal=22,
    comparison=Comparison("2018 mapping", dt.date(2018, 8, 31), 317),
)


def published_like(**changes: object) -> KeyFacts:
    """Figures like the 2019 ones of the Secretary-General's report, changed where a test says."""
    return dataclasses.replace(PUBLISHED_LIKE, **changes)  # type: ignore[arg-type]


def test_paragraph_56_reads_as_published() -> None:
    first, pillars = key_messages(published_like())[:2]
    assert first.startswith(
        "By August 2019, Counter-Terrorism Compact entities were implementing 314 projects "
        "compared to 317 projects in 2018"
    )
    assert pillars == (
        "Out of the 314 projects, 33 per cent fall under Pillar I, 11 per cent under Pillar II, "
        "49 per cent under Pillar III and 7 per cent under Pillar IV."
    )


def test_small_counts_are_words_unless_they_stand_by_larger_ones() -> None:
    one = published_like(
        projects=1, implementing_entities=1, by_pillar={"II": 1}, by_scope={"national": 1},
        by_status={"ongoing": 1}, in_multi_year_appeal=1, comparison=None, entity="UNODC",
    )  # fmt: skip
    text = " ".join(key_messages(one))
    assert "UNODC was implementing one project." in text
    assert "The one project falls under Pillar II." in text
    assert "The one project is ongoing." in text
    nine = published_like(comparison=Comparison("2018 mapping", dt.date(2018, 8, 31), 9))
    assert "compared to 9 projects in 2018" in key_messages(nine)[0]


@pytest.mark.parametrize(
    "field, value",
    [("by_pillar", {"I": 1}), ("by_status", {"cancelled": 314}), ("in_multi_year_appeal", 315)],
)
def test_figures_that_disagree_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValueError):
        published_like(**{field: value})


def test_a_hostile_baseline_label_comes_out_literally_in_the_pdf() -> None:
    label = '<img src="/etc/passwd"/> & <font color="red">x</font>'
    facts = published_like(comparison=Comparison(label, dt.date(2018, 8, 31), 317))
    report = dataclasses.replace(sample_quarterly(), key_messages=key_messages(facts))
    text = squash(" ".join(pages_text(render_quarterly(report))))
    assert squash(f"(baseline \u201c{label}\u201d, as of 31 August 2018).") in text


def test_the_pdf_without_key_messages_has_no_empty_heading() -> None:
    pages = pages_text(render_quarterly(sample_quarterly()))
    assert not any("Key messages" in page for page in pages)


def test_paragraph_63_seed_funding_counts_are_words_unless_one_is_ten_or_more() -> None:
    years = [
        SeedFundingSection(2018, 9, Decimal(949_111)),
        SeedFundingSection(2019, 7, Decimal(973_748)),
    ]
    text = " ".join(key_messages(published_like(seed_funding=years)))
    assert (
        "Seed funding from the Trust Fund for Counter-Terrorism was provided to nine projects in "
        "2018 ($949,111 in total) and to seven projects in 2019 ($973,748 in total)."
    ) in text
    more = [years[0], SeedFundingSection(2019, 12, Decimal(2_500_000))]
    text = " ".join(key_messages(published_like(seed_funding=more)))
    assert "to 9 projects in 2018 ($949,111 in total) and to 12 projects in 2019 (" in text
    assert "Seed funding" not in " ".join(
        key_messages(published_like(seed_funding=years, entity="UNODC"))
    )
