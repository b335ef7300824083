"""One baseline report model behind every format: JSON, CSV, XLSX, PDF, API and page agree.

The portfolio is built to the Working Group's published figures (2018 and 2019 mappings), with
gender markers and Plan of Action priority areas added, then rendered in every format, both
ways round: "2019 mapping" compared with "2018 mapping", and the reverse.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import openpyxl
from markupsafe import escape

from app.figures.baseline_model import baseline_model
from reports.baseline_content import MONEY, PCT, BaselineModel
from tests.app import factories
from tests.app.published import run
from tests.reports.pdftext import body_text, squash

NEW, OLD = "2019 mapping", "2018 mapping"
CONTRACT_PATHS = {
    "projects": "projects",
    "implementing_entities": "implementing_entities",
    "budget_usd": "budget_usd.total",
    "budget_active_usd": "budget_usd.active",
    "budget_completed_usd": "budget_usd.completed",
    "funded_usd": "funded_usd",
    "shortfall_usd": "shortfall_usd",
    "shortfall_pct_of_active": "shortfall_pct_of_active",
    "in_multi_year_appeal": "in_multi_year_appeal",
    "cted_needs": "cted_needs.total",
    "cted_needs_addressed": "cted_needs.addressed",
    "cted_needs_coverage_pct": "cted_needs.coverage_pct",
}


def expected(model: BaselineModel) -> dict[str, Decimal]:
    """Return every figure of the model under its dotted contract key."""
    figures = {CONTRACT_PATHS[f.key]: Decimal(f.value) for f in model.headlines}
    for group, rows in (("by_pillar", model.by_pillar), ("by_scope", model.by_scope),
                        ("by_status", model.by_status)):  # fmt: skip
        for r in rows:
            figures[f"{group}.{r.key}.count"] = Decimal(r.count)
            figures[f"{group}.{r.key}.share_pct"] = r.share_pct
    for e in model.entity_pillar:
        for pillar, n in zip(("I", "II", "III", "IV"), e.counts, strict=True):
            figures[f"by_entity_pillar.{e.entity}.{pillar}"] = Decimal(n)
    for p in model.pve:
        figures[f"by_pve_priority_area.{p.number}.count"] = Decimal(p.projects)
        figures[f"by_pve_priority_area.{p.number}.share_pct"] = p.share_pct
    for f in model.seed_funding:
        figures[f"seed_funding.{f.year}.projects"] = Decimal(f.project_count)
        figures[f"seed_funding.{f.year}.total_usd"] = f.total
    assert model.gender is not None and model.gender.toward_target_pct is not None
    figures["gender_marker.toward_target_pct"] = model.gender.toward_target_pct
    cmp = model.comparison
    if cmp is not None:
        for d in cmp.deltas:
            figures[f"compare.delta.{d.key}"] = Decimal(d.change)
        figures["compare.added"] = Decimal(len(cmp.added))
        figures["compare.removed"] = Decimal(len(cmp.removed))
        figures["compare.carried_over"] = Decimal(cmp.carried_over)
        figures["compare.projects"] = Decimal(cmp.projects)
        for t in cmp.transitions:
            figures[f"compare.status_changes.{t.before.value}->{t.after.value}"] = Decimal(t.count)
    return figures


def dig(report: dict[str, Any], path: str) -> Any:
    value: Any = report
    for key in path.split(".") if "->" not in path else _split_arrow(path):
        value = value[key]
    return value


def _split_arrow(path: str) -> list[str]:
    head, tail = path.split(".status_changes.")
    return [*head.split("."), "status_changes", tail]


def text_figure(value: Decimal, kind: str) -> str:
    """Write a figure as a reader sees it, independently of the renderer."""
    if kind == PCT:
        return f"{value:.1f} %"
    return f"{int(value):,}"


def text_change(value: Decimal, kind: str) -> str:
    number = f"{value:,.1f}" if kind == PCT else f"{int(value):,}"
    number = number if value <= 0 else f"+{number}"
    return f"{number} points" if kind == PCT else number


def check_every_format(runner, client, this: str, other: str, db_session) -> BaselineModel:
    model = baseline_model(db_session, this, other)
    figures = expected(model)
    base = ["report", "baseline", this, "--compare", other]
    as_json = json.loads(run(runner, *base, "--format", "json"))
    rows = list(csv.reader(io.StringIO(run(runner, *base, "--format", "csv"))))
    as_csv = {key: value for key, value in rows[1:]}
    api = client.get(f"/api/v1/baselines/{this}", query_string={"compare": other}).get_json()
    xlsx = client.get(f"/baselines/{this}.xlsx", query_string={"compare": other})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    as_xlsx = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert api == as_json
    for key, value in figures.items():
        assert Decimal(str(dig(as_json, key))) == value, key
        assert Decimal(as_csv[key]) == value, key
        assert Decimal(str(as_xlsx[key])) == value, key
    pdf = client.get(f"/baselines/{this}.pdf", query_string={"compare": other}).data
    page = client.get(f"/baselines/{this}/report", query_string={"compare": other}).text
    sentences = list(model.key_messages)
    assert sentences and as_json["key_messages"] == sentences and api["key_messages"] == sentences
    assert [as_csv[f"key_messages.{n}"] for n in range(1, len(sentences) + 1)] == sentences
    assert [as_xlsx[f"key_messages.{n}"] for n in range(1, len(sentences) + 1)] == sentences
    pdf_text = squash(body_text(pdf))
    for sentence in sentences:
        assert squash(sentence) in pdf_text, sentence
        assert escape(sentence) in page, sentence
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert this in title and "<table" not in title and page.count('id="seed-funding"') == 1
    text = squash(body_text(pdf))
    cmp = model.comparison
    assert cmp is not None
    for d in cmp.deltas:
        this_v, other_v = Decimal(d.this), Decimal(d.other)
        cells = [text_figure(this_v, d.kind), text_figure(other_v, d.kind),
                 text_change(this_v - other_v, d.kind)]  # fmt: skip
        assert squash("".join(cells)) in text, d.label
        assert "".join(f'<td class="num">{c}</td>' for c in cells) in page, d.label
    for r in model.by_pillar:
        assert squash(f"{r.count}{r.share_pct:.1f} %") in text
    for e in model.entity_pillar:
        assert squash(e.entity + "".join(str(n) for n in (*e.counts, e.total))) in text
    for p in model.pve:
        assert squash(f"{p.projects}{p.share_pct:.1f} %") in text
    assert squash(cmp.name) in text and cmp.name in page
    for f in model.seed_funding:
        assert squash(f"{f.year}:{f.project_count}projects,US${int(f.total):,}") in text
    return model


def test_every_format_agrees_both_ways(published_db, client, db_session, make_user, login):
    login(make_user("viewer"))
    forward = check_every_format(published_db, client, NEW, OLD, db_session)
    reverse = check_every_format(published_db, client, OLD, NEW, db_session)
    assert forward.comparison is not None and reverse.comparison is not None
    f, r = forward.comparison, reverse.comparison
    assert [d.change for d in f.deltas] == [-d.change for d in r.deltas]
    assert [a.code for a in f.added] == [x.ref.code for x in r.removed]
    assert [x.ref.code for x in f.removed] == [a.code for a in r.added]
    assert {(t.before, t.after, t.count) for t in f.transitions} == {
        (t.after, t.before, t.count) for t in r.transitions
    }
    # seed funding up to each baseline's year, as the Secretary-General's report gives it
    assert [(x.year, x.project_count, x.total) for x in forward.seed_funding] == [
        (2018, 9, Decimal(949_111)),
        (2019, 7, Decimal(973_748)),
    ]
    assert [x.year for x in reverse.seed_funding] == [2018]
    # the contract's example stays true
    assert (len(f.added), len(f.removed), f.carried_over) == (19, 22, 295)
    assert (len(r.added), len(r.removed), r.carried_over) == (22, 19, 295)


def test_each_project_is_listed_once_and_by_code(published_db, db_session):
    cmp = baseline_model(db_session, NEW, OLD).comparison
    assert cmp is not None
    removed = [x.ref.code for x in cmp.removed]
    changed = [c.code for c in cmp.status_changes]
    added = [a.code for a in cmp.added]
    assert not set(removed) & set(changed) and not set(added) & set(changed)
    for codes in (removed, changed, added):
        assert codes == sorted(codes)
    assert {x.reason for x in cmp.removed} == {"cancelled"}
    assert len(changed) == 100  # ongoing in 2018, completed in 2019
    assert [(t.before.value, t.after.value, t.count) for t in cmp.transitions] == [
        ("ongoing", "completed", 100),
        ("ongoing", "cancelled", 22),
    ]


def test_gender_target_counts_marker_three_only(published_db, db_session):
    model = baseline_model(db_session, NEW)
    gender = model.gender
    assert gender is not None
    counted = [s.marker for s in gender.shares if s.counts_toward_target]
    assert counted == ["GEN-3"]
    three = sum(s.budget for s in gender.shares if s.marker == "GEN-3")
    assert gender.toward_target_pct == (three / gender.total_budget * 100).quantize(Decimal("0.1"))


def test_multi_year_appeal_has_one_definition(published_db, db_session, app):
    model = baseline_model(db_session, NEW)
    assert model.funding is not None and model.funding.appeal is not None
    appeal = model.funding.appeal.project_count
    assert appeal == model.headline("in_multi_year_appeal").value == 22
    assert sum(r.mya_count for r in model.funding.rows) == appeal


def test_money_kinds_are_whole_dollars(published_db, db_session):
    model = baseline_model(db_session, NEW)
    money = [f for f in model.headlines if f.kind == MONEY]
    assert {f.key for f in money} >= {"budget_usd", "funded_usd", "shortfall_usd"}
    assert model.headline("budget_usd").value == Decimal(522_300_000)


def test_an_unknown_comparison_is_refused_cleanly(published_db, client, make_user, login):
    login(make_user("viewer"))
    page = client.get(f"/baselines/{NEW}/report", query_string={"compare": "nope"})
    assert page.status_code == 404 and "nope" in page.text
    pdf = client.get(f"/baselines/{NEW}.pdf", query_string={"compare": "nope"})
    assert pdf.status_code == 404
    result = published_db.invoke(args=["report", "baseline", NEW, "--compare", "nope"])
    assert result.exit_code == 1 and "Traceback" not in result.output and "nope" in result.output


def test_the_report_page_does_not_grow_with_the_portfolio(
    db_session, client, make_user, login, engine
):
    from sqlalchemy import event

    from app.baselines.services import create_baseline
    from app.figures.baseline_model import clear_cache

    def count(label: str, other: str) -> int:
        found: list[str] = []

        def collect(*args: Any) -> None:
            found.append(args[2])

        clear_cache()
        event.listen(engine, "before_cursor_execute", collect)
        response = client.get(f"/baselines/{label}/report", query_string={"compare": other})
        event.remove(engine, "before_cursor_execute", collect)
        assert response.status_code == 200
        return len(found)

    login(make_user("viewer"))
    for k in range(3):
        factories.project(db_session, f"S-{k}")
    create_baseline(db_session, None, "small-a", dt.date(2019, 1, 31))
    factories.project(db_session, "S-new")
    create_baseline(db_session, None, "small-b", dt.date(2019, 2, 28))
    small = count("small-b", "small-a")
    for k in range(3, 40):
        factories.project(db_session, f"S-{k}", status=("ongoing", "cancelled")[k % 2])
    create_baseline(db_session, None, "large-b", dt.date(2019, 3, 31))
    assert count("large-b", "small-a") == small


def test_confidential_needs_are_counted_never_named(db_session, client, make_user, login):
    from app.baselines.services import create_baseline

    secret = factories.need(
        db_session, "N-SECRET", confidential=True, member_state="FRA", thematic_area="Secret area"
    )
    factories.need(db_session, "N-OPEN", member_state="KEN")
    factories.project(db_session, "C-1", needs=[secret])
    create_baseline(db_session, None, "conf", dt.date(2019, 8, 31))
    login(make_user("viewer"))
    page = client.get("/baselines/conf/report").text
    pdf = body_text(client.get("/baselines/conf.pdf").data)
    data = client.get("/baselines/conf.csv").text
    for text in (page, pdf, data):
        assert "FRA" not in text and "Secret area" not in text
    assert "Confidential (1)" in page and "Confidential (1)" in pdf
    assert "cted_needs_coverage.confidential.total,1" in data
    client.post("/logout")
    login(make_user("cted"))
    assert "FRA" in client.get("/baselines/conf/report").text
