"""`kaika verify`'s check of the kept Analysis figures: `member_figures` (migration 0017)
equals every member's figures recomputed from sales and lines over the kept window.

Both sides are read once, in member order, and compared as they go by, like two sorted
files: the recomputation is grouped by SQLite from the covering indexes on sales and lines
(streamed in member order, never sorted), the kept rows come by their primary key. A
comparison in SQL (`EXCEPT` both ways) recomputed everyone twice and sorted both sides.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any, cast

from sqlalchemy import Connection

from db.member_figures import RECOMPUTED

CODE = "member_figures.mismatch"
_PAGE = 5000
Row = tuple[Any, ...]

_KEPT = ("SELECT member_id, last_purchase, orders_ever, orders, revenue_fen, categories "
         "FROM member_figures ORDER BY member_id")
_SALES = f"SELECT * FROM ({RECOMPUTED}) ORDER BY 1"
_NAMES = ("member_id", "last_purchase", "orders_ever", "orders", "revenue_fen", "categories")


def member_figures(conn: Connection, cap: int) -> list[dict[str, Any]]:
    """Each member whose kept figures differ from their sales, a row per side (`kept`
    first), in member order, at most `cap`: a member kept wrong shows twice, a member
    missing from either side once."""
    raw = cast(sqlite3.Connection, conn.connection.driver_connection)
    found: list[dict[str, Any]] = []
    for kept, sales in _paired(_rows(raw, _KEPT), _rows(raw, _SALES)):
        if kept == sales:
            continue
        found += [{"side": side, **dict(zip(_NAMES, row, strict=True))}
                  for side, row in (("kept", kept), ("sales", sales)) if row is not None]
        if len(found) >= cap:
            return found[:cap]
    return found


def _rows(raw: sqlite3.Connection, sql: str) -> Iterator[Row]:
    cursor = raw.execute(sql)
    while page := cursor.fetchmany(_PAGE):
        yield from page


def _paired(kept: Iterator[Row], sales: Iterator[Row]) -> Iterator[tuple[Row | None,
                                                                         Row | None]]:
    """(kept row, recomputed row) per member in either stream, None where one lacks it."""
    k, s = next(kept, None), next(sales, None)
    while k is not None or s is not None:
        if s is None or (k is not None and k[0] < s[0]):
            yield k, None
            k = next(kept, None)
        elif k is None or s[0] < k[0]:
            yield None, s
            s = next(sales, None)
        else:
            yield k, s
            k, s = next(kept, None), next(sales, None)
