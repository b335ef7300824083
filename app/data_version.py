"""The data version: a number that every committed write raises, in one row of its own.

A session that wrote anything (a flush, or an UPDATE, INSERT or DELETE statement) raises the
number just before it commits, in the same transaction: a reader who sees the number also sees
what was written with it. The row is locked only from that last statement to the commit, so
writers wait on each other for no longer than a commit. `kept` keeps a costly result per
process under (database, number, key): any write, in any process, makes it computed afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import chain
from typing import TypeVar

from flask import Flask
from sqlalchemy import Table, event, select, update
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from app import shared_cache
from app.db import Base
from app.lru import Kept

T = TypeVar("T")
WROTE = "compact.data_version.wrote"  # in session.info while a transaction has written
SEEN = "compact.data_version.seen"  # in session.info: the number this transaction read
# Tables whose writes change no figure or list that is kept: the audit trail (it goes with
# another write, or records a sign-in), sign-in failures, the mail log, tokens' last use.
BOOKKEEPING = frozenset({"audit_events", "login_failures", "mail_log", "api_tokens"})
# What a session factory's `info` holds when its sessions raise the number: the app's own
# (init_app); a script's plain Session, on a database that may predate the table, not.
COUNTED = {"compact.data_version.counted": True}

# Results kept per process: a live comparison side per filter, the homes, a few lists; and,
# apart so that they never push those out, the many small ones (the lists' counts).
_KEPT = Kept(64)
_SMALL = Kept(2048)


def init_app(app: Flask) -> None:
    """Mark the app's session factory: its sessions raise the number when they commit writes."""
    app.extensions["db_sessionmaker"].configure(info=dict(COUNTED))


def _table() -> Table:
    """The one-row table (app/models/data_version.py; looked up, the models being a floor up)."""
    return Base.metadata.tables["data_version"]


def current(session: Session) -> int:
    """Return the number of the last committed write this session can see."""
    found = session.connection().execute(select(_table().c.number))
    return int(found.scalar_one())


def kept(session: Session, key: Hashable, compute: Callable[[], T], small: bool = False) -> T:
    """Return what `compute` gives for `key` as of the current data version, computed once
        per version and process (a small LRU). A session that has written and not yet committed
        sees its own changes, which no kept result holds: it computes afresh. Behind the LRU, the
    processes share what they computed when a shared store is set (`app.shared_cache`). `small`
    results (a count) are kept in an LRU of their own, large enough for every list's filters."""
    if session.info.get(WROTE):
        return compute()
    database = session.get_bind().engine.url.render_as_string(hide_password=True)
    full = (database, _seen(session), key)
    store = _SMALL if small else _KEPT
    return store.get(full, lambda: shared_cache.get(("kept", full), compute))


def _seen(session: Session) -> int:
    """Return the number as this transaction first read it: one SELECT per transaction, however
    many kept results a page asks for (a new transaction reads it again)."""
    if SEEN not in session.info:
        session.info[SEEN] = current(session)
    return int(session.info[SEEN])


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, _transaction: object) -> None:
    session.info.pop(SEEN, None)


def clear() -> None:
    """Forget everything kept (tests, whose rolled-back writes reuse version numbers)."""
    _KEPT.clear()
    _SMALL.clear()


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _flush: UOWTransaction) -> None:
    changed = chain(session.new, session.dirty, session.deleted)
    if any(_counts(getattr(type(row), "__tablename__", None)) for row in changed):
        session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if not state.is_select and _counts(
        getattr(getattr(state.statement, "table", None), "name", None)
    ):
        state.session.info[WROTE] = True


def _counts(table: str | None) -> bool:
    """Whether a write to this table can change what is kept (an unknown one can)."""
    return table not in BOOKKEEPING


@event.listens_for(Session, "before_commit")
def _raise_number(session: Session) -> None:
    # A rollback leaves the mark: the next commit of the session then raises the number once
    # more than needed, which only makes a kept result computed again. The commit's own flush
    # comes after this event: flush first, so that what it writes is counted.
    session.flush()
    if session.info.pop(WROTE, False) and all(session.info.get(k) for k in COUNTED):
        table = _table()
        session.connection().execute(update(table).values(number=table.c.number + 1))
