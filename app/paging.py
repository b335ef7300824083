"""Paging of the lists that grow with the portfolio: the page asked for, bounded page sizes,
the count from SQL COUNT and the LIMIT/OFFSET of one page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app import data_version

AnySelect: TypeAlias = Select[*tuple[Any, ...]]
PER_PAGE = 50
HOME_ROWS = 10  # rows a home page shows before its "see all" link
MAX_PAGE_DIGITS = 6


@dataclass(frozen=True)
class Paging:
    """Where one page sits in a list: the page asked for, how many pages, how many rows."""

    requested: int
    pages: int
    total: int
    per_page: int = PER_PAGE

    @property
    def page(self) -> int:
        """Return the page shown: the one asked for, or the last one when it is beyond."""
        return min(self.requested, self.pages)

    @property
    def beyond(self) -> bool:
        """Return whether the page asked for lies beyond the last page."""
        return self.requested > self.pages

    @property
    def offset(self) -> int:
        """Return the number of rows before the page."""
        return (self.requested - 1) * self.per_page


def requested_page(args: Mapping[str, str], name: str = "page") -> int:
    """Return the page number a request asks for, 1 when absent or not a number."""
    value = args.get(name, "1")
    return int(value) if value.isdigit() and 0 < len(value) <= MAX_PAGE_DIGITS else 1


def paging(total: int, requested: int, per_page: int = PER_PAGE) -> Paging:
    """Return the paging of a list of `total` rows for the page asked for (at least 1)."""
    pages = max(1, -(-total // per_page))
    return Paging(max(requested, 1), pages, total, per_page)


def count(session: Session, stmt: AnySelect) -> int:
    """Return the number of rows a statement selects, with one SQL COUNT, kept until the next
    write (`app.data_version`) under the statement's SQL and parameters: a pager's total then
    costs nothing on the next page, or for the next reader of the same list."""
    counted = select(func.count()).select_from(stmt.order_by(None).subquery())
    compiled = counted.compile(dialect=session.get_bind().dialect)
    key = ("count", compiled.string, repr(sorted(compiled.params.items())))
    return data_version.kept(session, key, lambda: session.scalar(counted) or 0, small=True)


def page_of(session: Session, stmt: AnySelect, requested: int) -> tuple[Paging, list[Any]]:
    """Return the paging and the rows of one page of a statement (none beyond the last page)."""
    where = paging(count(session, stmt), requested)
    if where.beyond:
        return where, []
    rows = session.execute(stmt.limit(where.per_page).offset(where.offset)).all()
    return where, list(rows)
