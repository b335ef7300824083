"""Declarative base, engine, the per-request session and the one transaction block."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import (
    CursorResult,
    DateTime,
    Engine,
    MetaData,
    Numeric,
    Table,
    create_engine,
    event,
)
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MONEY = Numeric(18, 2)
QUANTITY = Numeric(20, 4)


class Base(DeclarativeBase):
    """Base of every model: named constraints, Decimal as Numeric, aware timestamps."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        Decimal: QUANTITY,
        dt.datetime: DateTime(timezone=True),
    }

    if TYPE_CHECKING:
        # Every model maps one Table; SQLAlchemy types __table__ as any FromClause.
        __table__: ClassVar[Table]


def utcnow() -> dt.datetime:
    """Return the current time in UTC."""
    return dt.datetime.now(dt.UTC)


def rowcount(result: object) -> int:
    """Return how many rows an UPDATE or DELETE matched (its result is a CursorResult)."""
    if not isinstance(result, CursorResult):
        raise TypeError("rowcount needs the result of an INSERT, UPDATE or DELETE")
    return result.rowcount


def integrity_message(error: IntegrityError) -> str:
    """Say, for the user, why the database refused a write on one of its own rules: most often
    a lost race, where someone else created the record with the same key a moment earlier."""
    original = getattr(error, "orig", None)
    text = str(original if original is not None else error)
    if getattr(original, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in text:
        return (
            "someone else created the same record (the same label, period or key) at the same "
            "moment; nothing of yours was written. Reload to see it."
        )
    return f"the database refused the change ({text.splitlines()[0]}); nothing was written"


def is_locked(error: OperationalError) -> bool:
    """Tell whether SQLite gave up waiting for another connection's write lock."""
    return "database is locked" in str(getattr(error, "orig", error))


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; on SQLite turn foreign keys on and make transactions real."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    # pysqlite's legacy transaction handling breaks SAVEPOINTs and all-or-nothing
    # imports; take over BEGIN ourselves (SQLAlchemy's documented recipe).
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
        _optimize(dbapi_connection, OPTIMIZE_ON_OPEN)
        record.info["optimized_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        # A long-lived pooled connection refreshes statistics at most once an interval.
        if time.monotonic() - record.info.get("optimized_at", 0.0) > OPTIMIZE_INTERVAL_S:
            _optimize(dbapi_connection, "PRAGMA optimize")
            record.info["optimized_at"] = time.monotonic()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


# SQLite's advice for long-lived connections: a bounded approximate ANALYZE (0x10002) of
# whatever needs it when a connection opens, then a plain `PRAGMA optimize` now and then.
OPTIMIZE_ON_OPEN = "PRAGMA optimize=0x10002"
OPTIMIZE_INTERVAL_S = 3600.0
# Rows ANALYZE looks at per index on SQLite: approximate statistics at a bounded cost.
ANALYSIS_LIMIT = 1000


def _optimize(dbapi_connection: Any, pragma: str) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute(pragma)
    except sqlite3.Error:
        pass  # statistics are an optimisation: a busy or read-only database goes without
    finally:
        cursor.close()


def refresh_statistics(session: Session, tables: Iterable[str] | None = None) -> None:
    """Run ANALYZE on tables whose data just changed shape (an import, a freeze, a seed).

    SQLite never gathers statistics by itself, and without them its planner may scan a whole
    table inside a loop; PostgreSQL's autovacuum would get there, but only after a while.
    Runs in the caller's transaction (nothing is committed here); None: every table.
    """
    analyze(session.connection(), tables)


def analyze(connection: Connection, tables: Iterable[str] | None = None) -> None:
    """Gather planner statistics on the given tables (None: the whole database)."""
    names = "" if tables is None else ", ".join(f'"{name}"' for name in sorted(set(tables)))
    if tables is not None and not names:
        return
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        for name in names.split(", ") if names else [""]:
            connection.exec_driver_sql(f"ANALYZE {name}".strip())
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"ANALYZE {names}".strip())


def init_app(app: Flask) -> None:
    """Attach an engine and a session factory to the app; close sessions after each request."""
    engine = make_engine(app.config["DATABASE_URL"], echo=app.config.get("SQLALCHEMY_ECHO", False))
    app.extensions["db_engine"] = engine
    app.extensions["db_sessionmaker"] = sessionmaker(engine, expire_on_commit=False)
    app.before_request(_note_client)
    app.teardown_appcontext(_close_session)


def session() -> Session:
    """Return this request's (or command's) session.

    The session carries who is at the other end in `info["client"]` (the request's address, or
    "cli" for a command; set again at the start of every request), so that services record it
    without reading the request.
    """
    if "db_session" not in g:
        g.db_session = current_app.extensions["db_sessionmaker"]()
        g.db_session.info["client"] = client_address()
    db_session: Session = g.db_session
    return db_session


def session_factory() -> sessionmaker[Session]:
    """Return the app's session factory, for reading after the request has ended (a streamed
    download is sent once its request, and the request's session, are over): whoever makes a
    session from it closes it."""
    factory: sessionmaker[Session] = current_app.extensions["db_sessionmaker"]
    return factory


def _note_client() -> None:
    session().info["client"] = client_address()


def client_address() -> str:
    """Return the address the current request came from, "cli" outside a request."""
    if not has_request_context():
        return "cli"
    return (request.remote_addr or "")[:64]


@contextmanager
def transaction() -> Iterator[Session]:
    """Run a unit of work: commit it once when the block ends, or roll it back and re-raise.

    Services only flush; views and commands run them inside this block (or inside the web's
    `app.ui.writes.form_write` and `button_write`, which are built on it).
    """
    current = session()
    try:
        yield current
        current.commit()
    except BaseException:
        current.rollback()
        raise


def _close_session(_exc: BaseException | None) -> None:
    db_session = g.pop("db_session", None)
    if db_session is not None:
        db_session.close()
