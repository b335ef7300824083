"""The kept figures shared by the processes (app/shared_cache.py): a page one worker computed is
served by another from the shared store, the same to the byte; a write makes it computed
again; a baseline's hash is checked once for every worker; a store that fails never fails a
page. "Another worker" is the same app with its in-process LRUs emptied."""

from __future__ import annotations

import logging
import os
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask_caching import Cache
from sqlalchemy import select

from app import create_app, shared_cache
from app.baselines import services as baseline_services
from app.compare import side_cache
from app.db import transaction
from app.figures import baseline_model
from app.models.baselines import Baseline
from app.quarterly import glance
from tests.app import factories

DEMO_PASSWORD = "demo-password-2019"


def _share(app: Flask, kind: str, url: str = "") -> Cache:
    cache = Cache(
        config={
            "CACHE_TYPE": kind,
            "CACHE_REDIS_URL": url,
            "CACHE_KEY_PREFIX": f"compact-test-{os.getpid()}:",
        }
    )
    cache.init_app(app)
    app.extensions[shared_cache.EXTENSION] = cache
    return cache


@pytest.fixture
def shared(app: Flask) -> Iterator[Cache]:
    """A shared store for this test: Flask-Caching's SimpleCache, which pickles as Redis does."""
    cache = _share(app, "SimpleCache")
    yield cache
    cache.clear()
    del app.extensions[shared_cache.EXTENSION]


@pytest.fixture
def demo(app: Flask) -> str:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["snapshot", "create", "Shared 2019", "--as-of", "2019-06-30"])
    assert result.exit_code == 0, result.output
    with transaction() as session:
        labels = session.scalars(select(Baseline.label)).all()
    assert "Shared 2019" in labels
    return "Shared 2019"


def another_worker() -> None:
    """Forget what this process keeps, as a worker that has computed nothing yet."""
    side_cache.clear()
    baseline_model.clear_cache()


def _signed_in(app: Flask, email: str) -> Any:
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(owner, name)
    monkeypatch.setattr(owner, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def test_another_worker_serves_the_pages_from_the_shared_store(
    app, shared, demo, monkeypatch
) -> None:
    label = urllib.parse.quote(demo)
    pages = {
        "cted@demo.example": ["/", "/member-states", f"/compare?a={label}&b="],
        "admin@demo.example": ["/", "/periods", "/projects?page=2", "/needs"],
        "unodc@demo.example": ["/", "/needs?covered=no"],
        "viewer@demo.example": [
            "/",
            f"/compare?a={label}&b={label}",
            f"/baselines/{label}/report",
        ],
    }
    first = {}
    for email, paths in pages.items():
        client = _signed_in(app, email)
        first |= {(email, p): client.get(p).get_data(as_text=True) for p in paths}
    figures = _counting(monkeypatch, glance, "_figures")
    hashes = _counting(monkeypatch, baseline_services, "content_hash")
    models = _counting(monkeypatch, baseline_model, "_compute")
    another_worker()
    for email, paths in pages.items():
        client = _signed_in(app, email)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (email, path)
            assert response.get_data(as_text=True) == first[email, path], (email, path)
    assert figures == [], "the readers' homes came from the shared store"
    assert hashes == [], "the baseline's hash was checked once, by the first worker"
    assert models == [], "the baseline report's figures came from the shared store"


def test_a_write_makes_the_shared_figures_computed_again(
    app, shared, db_session, make_user, login, client, monkeypatch
) -> None:
    factories.project(db_session, "SC-A")
    db_session.commit()
    login(make_user("viewer"))
    figures = _counting(monkeypatch, glance, "_figures")
    before = client.get("/").get_data(as_text=True)
    another_worker()
    assert client.get("/").get_data(as_text=True) == before
    assert len(figures) == 1, "computed by one worker, read by the other"
    with transaction() as session:
        factories.project(session, "SC-B")
    another_worker()
    after = client.get("/").get_data(as_text=True)
    assert len(figures) == 2, "the write raised the data version: computed afresh"
    assert after != before


def test_a_store_that_cannot_be_reached_never_fails_a_page(
    app, db_session, make_user, login, client, caplog
) -> None:
    _share(app, "RedisCache", "redis://127.0.0.1:1/0")  # nothing listens on port 1
    try:
        factories.project(db_session, "SC-DOWN")
        db_session.commit()
        login(make_user("viewer"))
        with caplog.at_level(logging.WARNING, logger="app.shared_cache"):
            response = client.get("/")
        assert response.status_code == 200
        assert "1 project" in response.get_data(as_text=True)
        assert "the shared cache could not be read" in caplog.text
    finally:
        del app.extensions[shared_cache.EXTENSION]


def test_what_another_version_of_the_code_kept_is_never_read(app, shared) -> None:
    shared.set(shared_cache.shared_key(("kept", "x")), "not a 1-tuple: something else wrote it")
    assert shared_cache.get(("kept", "x"), lambda: 42) == 42


def test_the_prefix_is_a_digest_of_the_code_unless_set(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'prefix.sqlite'}"
    made = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "k" * 48, "KEPT_CACHE_TYPE": "SimpleCache"}
    )
    cache = made.extensions[shared_cache.EXTENSION]
    assert cache.config["CACHE_KEY_PREFIX"] == f"compact:{shared_cache.code_digest()}:"
    assert len(shared_cache.code_digest()) == 16
    named = create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "k" * 48, "KEPT_CACHE_URL": "redis://x:6379/0",
         "KEPT_CACHE_PREFIX": "release-7"}
    )  # fmt: skip
    assert (
        named.extensions[shared_cache.EXTENSION].config["CACHE_KEY_PREFIX"] == "compact:release-7:"
    )
    assert (
        shared_cache.EXTENSION
        not in create_app({"DATABASE_URL": url, "SECRET_KEY": "k" * 48}).extensions
    )


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_two_apps_share_through_redis(
    app, db_session, make_user, login, client, monkeypatch
) -> None:
    """Through a real Redis (CI starts one; REQUIRE_REDIS=1 makes its absence a failure)."""
    if not _redis_up():
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(f"no Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL} (CI requires one)")
    cache = _share(app, "RedisCache", REDIS_URL)
    try:
        cache.clear()
        factories.project(db_session, "SC-REDIS")
        db_session.commit()
        login(make_user("viewer"))
        figures = _counting(monkeypatch, glance, "_figures")
        before = client.get("/").get_data(as_text=True)
        another_worker()
        assert client.get("/").get_data(as_text=True) == before
        assert len(figures) == 1
    finally:
        cache.clear()
        del app.extensions[shared_cache.EXTENSION]
