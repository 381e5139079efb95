"""`kaika verify`'s rollup check: `points_days` (migration 0016) equals the points ledger
summed per business date and kind, points and number of entries alike.

The ledger's sums are tallied from rows already being read: verify's member pass hands each
page of ledger rows it walks for the balances and seals to a `Tally` (a second read of the
ledger, grouped by SQLite, cost several seconds at a million members); `points_days` alone
walks the ledger for its own tally.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, cast

from sqlalchemy import Connection

CODE = "points_days.mismatch"
_PAGE = 5000
Key = tuple[Any, Any]  # (business date, kind)


class Tally:
    """Points and entries per (business date, kind) of the ledger rows it is given."""

    def __init__(self) -> None:
        self.points: dict[Key, int] = {}
        self.entries: dict[Key, int] = {}

    def add(self, rows: Iterable[Sequence[Any]], points: int, day: int, kind: int) -> None:
        """Adds rows whose columns `points`, `day` and `kind` hold those values."""
        sums, counts = self.points, self.entries
        for row in rows:
            key = (row[day], row[kind])
            sums[key] = sums.get(key, 0) + row[points]
            counts[key] = counts.get(key, 0) + 1

    def mismatches(self, raw: sqlite3.Connection, cap: int) -> list[dict[str, Any]]:
        """Each (business date, kind) whose rollup row differs from the tally (a day
        missing from either side counts as zeros there), in date and kind order, at most
        `cap`."""
        kept = {(r[0], r[1]): (r[2], r[3]) for r in raw.execute(
            "SELECT business_date, kind, points, entries FROM points_days")}
        found: list[dict[str, Any]] = []
        for key in sorted(kept.keys() | self.points.keys(), key=_nulls_first):
            rollup, rollup_entries = kept.get(key, (0, 0))
            ledger, ledger_entries = self.points.get(key, 0), self.entries.get(key, 0)
            if (rollup, rollup_entries) != (ledger, ledger_entries):
                found.append({"business_date": key[0], "kind": key[1], "rollup": rollup,
                              "ledger": ledger, "rollup_entries": rollup_entries,
                              "ledger_entries": ledger_entries})
                if len(found) >= cap:
                    break
        return found


def _nulls_first(key: Key) -> tuple[Any, ...]:
    """SQL's order: NULL before any value (a hand edit may leave one in the ledger)."""
    return tuple((value is not None, value) for value in key)


def points_days(conn: Connection, cap: int) -> list[dict[str, Any]]:
    """Each (business date, kind) whose rollup differs from the ledger, at most `cap`."""
    raw = cast(sqlite3.Connection, conn.connection.driver_connection)
    tally = Tally()
    cursor = raw.execute("SELECT points, business_date, kind FROM points_ledger")
    while page := cursor.fetchmany(_PAGE):
        tally.add(page, 0, 1, 2)
    return tally.mismatches(raw, cap)
