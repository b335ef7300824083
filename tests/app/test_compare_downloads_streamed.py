"""The streamed comparison downloads equal, byte for byte, those built whole in memory before
(tests/app/compare_reference.py): both directions, live and baselines, filters, parts, and
confidential needs hidden from those without clearance."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from app.baselines.services import create_baseline, get_baseline
from app.compare.comparison import build_screen
from app.compare.download_rows import every_indicator
from app.compare.params import load_options, read_params
from app.devdata.scale import seed_scale
from app.figures.data_source import Filters
from tests.app import compare_reference as reference
from tests.app import comparison_data as analysis_data
from tests.app.progress_data import world
from tests.app.test_baseline_parts import approved

OLD, NEW = "2018 mapping", "2019 mapping"
PARTS = "Before 2019Q4"
PAIRS = [(OLD, NEW), (NEW, OLD), (OLD, ""), ("", OLD), ("", "")]
FILTERS = [{}, {"pillar": "II"}, {"member_state": analysis_data.MARKER}, {"entity": "UNODC"}]


def _streamed(client, path: str, query: dict[str, str]) -> bytes:
    """GET a download and read it chunk by chunk, as a streamed response is sent."""
    response = client.get(path, query_string=query, buffered=False)
    assert response.status_code == 200, path
    assert response.is_streamed
    # A length announced before the body is known (an empty Response's 0) makes a real server
    # send nothing: streamed bytes go without a Content-Length.
    assert "Content-Length" not in response.headers, path
    data = b"".join(response.iter_encoded())
    response.close()
    return data


def _parts_of(data: bytes) -> dict[str, bytes]:
    """Return an XLSX's parts but its time-stamped properties, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def _expected(session, query: dict[str, str], reveal: bool) -> dict[str, bytes]:
    """Build the three downloads the way they were built before, from the same screen."""
    params = read_params(query, load_options(session, reveal))  # as the view checks them
    filters = params.filters
    screen = build_screen(session, params.a, params.b, filters, reveal, None)

    def rows():
        return reference.all_performance(session, screen.a.source, screen.b.source, filters.pillar)

    return {
        "/compare.csv": reference.screen_csv(screen, rows()),
        "/compare/parts.csv": reference.parts_csv(rows()),
        "/compare.xlsx": reference.screen_xlsx(screen, rows()),
    }


def _check(client, session, query: dict[str, str], reveal: bool) -> None:
    expected = _expected(session, query, reveal)
    for path, old in expected.items():
        new = _streamed(client, path, query)
        if path.endswith(".xlsx"):
            assert _parts_of(new) == _parts_of(old), (path, query)
        else:
            assert new == old, (path, query)


@pytest.fixture
def mapped(db_session):
    analysis_data.two_baselines(db_session)
    db_session.commit()
    return db_session


@pytest.mark.parametrize("role", ["viewer", "cted"])
@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_downloads_equal_the_ones_built_in_memory(
    client, make_user, login, mapped, role, filters, a, b
) -> None:
    user = make_user(role)
    login(user)
    _check(client, mapped, {"a": a, "b": b, **filters}, user.sees_confidential)


def test_a_hidden_need_stays_out_of_the_streamed_csv(client, make_user, login, mapped) -> None:
    login(make_user("viewer"))
    query = {"a": OLD, "b": "", "member_state": analysis_data.MARKER}
    assert analysis_data.CANARY.encode() not in _streamed(client, "/compare.csv", query)


def test_parts_stream_as_they_were_built(client, make_user, login, db_session) -> None:
    found = world(db_session)
    found.number.disaggregation = "sex"
    approved(db_session, found, "2019Q3", {"women": 10, "men": 20})
    create_baseline(db_session, None, PARTS, dt.date.today())
    approved(db_session, found, "2019Q4", {"men": 5, "women": 5, "not_recorded": 2}, True, 14)
    db_session.commit()
    login(make_user("viewer"))
    assert b"women" in _streamed(client, "/compare/parts.csv", {"a": PARTS, "b": ""})
    for a, b in ((PARTS, ""), ("", PARTS)):
        _check(client, db_session, {"a": a, "b": b}, False)


def test_a_seeded_portfolio_streams_as_it_was_built(client, make_user, login, db_session) -> None:
    seed_scale(db_session, 60, 7)
    create_baseline(db_session, None, PARTS, dt.date(2019, 6, 30))
    db_session.commit()
    login(make_user("viewer"))
    for a, b in ((PARTS, ""), ("", PARTS), (PARTS, PARTS)):
        _check(client, db_session, {"a": a, "b": b}, False)


def test_every_indicator_comes_once_in_the_order_of_the_chunked_reads(mapped) -> None:
    a, b = get_baseline(mapped, OLD), get_baseline(mapped, NEW)
    screen = build_screen(mapped, a.label, b.label, Filters(), False, None)
    streamed = list(every_indicator(mapped, screen.a.source, screen.b.source, ""))
    chunked = list(reference.all_performance(mapped, screen.a.source, screen.b.source, "", 1))
    assert len(streamed) >= 2
    assert streamed == chunked
