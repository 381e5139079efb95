"""`kaika verify`'s member pass: balances against the ledgers, lots, the points rollup, and the
seals of every ledger, balance and lot row, in one walk of each table in member order.

Each table is read once, ordered by member id (an index walk), and the walks advance together
like a merge, so the sums per member never need memory for a million members and no table is
read twice. Rows come a page at a time; each page's seals are checked in one tight loop from
the key's precomputed HMAC pads, against the row's canonical text as SQLite's json_array writes
it (the text db/seals.py seals), read as bytes; a row whose text differs from Python's JSON is
checked again through `Sealer.seal` before it is called unsealed. The points ledger's pages
also feed the `points_days` tally (db/verify_days.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection

from db.seals import SEAL_HEX, SEALED, Sealer
from db.verify_days import Tally
from domain.progress import Progress

Row = tuple[Any, ...]
Page = list[Row]
STEP = 20_000  # members between two progress reports
PAGE = 2_000  # rows fetched at a time
_first, _second, _third = itemgetter(0), itemgetter(1), itemgetter(2)


@dataclass
class Found:
    """Rows or members with something wrong, each list in the order verify reports it."""

    cap: int
    balance: list[Row] = field(default_factory=list)  # (member, projected, ledger) x 3
    missing: list[str] = field(default_factory=list)
    lots: list[Row] = field(default_factory=list)  # (member, lots remaining, expected)
    out_of_range: list[Row] = field(default_factory=list)  # (lot, member, points, rem.)
    unsealed: dict[str, list[Row]] = field(default_factory=dict)  # table -> named columns
    days: Tally = field(default_factory=Tally)  # the points ledger per date and kind

    def keep(self, found: list[Row], row: Row) -> None:
        """Rows arriving out of report order: keep the `cap` + 1 smallest (by first column)."""
        found.append(row)
        if len(found) > 8 * (self.cap + 1):
            found.sort(key=_first)
            del found[self.cap + 1:]

    def sorted(self) -> Found:
        for found in (self.out_of_range, *self.unsealed.values()):
            found.sort(key=_first)
            del found[self.cap + 1:]
        return self


class _Seals:
    """Checks one table's seals a page at a time; without a key there are none to check."""

    def __init__(self, raw: sqlite3.Connection, table: str, sealer: Sealer,
                 found: Found) -> None:
        self.raw, self.table, self.sealer, self.found = raw, table, sealer, found
        self.pads = sealer.pads()
        self.bad = found.unsealed.setdefault(table, [])
        self.cols = SEALED[table]

    def sql(self, extra: str) -> str:
        """`extra` columns, then the seal and the sealed text as UTF-8 bytes (what the HMAC
        takes: no decoding to str and encoding back per row)."""
        sealed = (f"seal, CAST(json_array('{self.table}', {', '.join(self.cols)}) AS BLOB)"
                  if self.pads else "NULL, NULL")
        return f"SELECT {extra}, {sealed} FROM {self.table} ORDER BY member_id"

    def check(self, page: Page, named: slice) -> None:
        """Each row's seal (its last but one column) against the HMAC of its text (last)."""
        if self.pads is None:
            return
        inner, outer = self.pads[0].copy, self.pads[1].copy
        for row in page:
            mac = inner()
            mac.update(row[-1])
            tag = outer()
            tag.update(mac.digest())
            if tag.hexdigest()[:SEAL_HEX] != row[-2]:
                self._suspect(row[-2], row[named])

    def _suspect(self, seal: str | None, named: Row) -> None:
        """The row's seal as Kaika makes it (db/seals.py), read again by its key: a row whose
        text SQLite writes differently from Python is still sealed."""
        if seal is not None:
            column = "member_id" if self.table == "member_balances" else "id"
            row = self.raw.execute(
                f"SELECT {', '.join(self.cols)} FROM {self.table} WHERE {column} = ?",
                (named[0],)).fetchone()
            if row is not None and self.sealer.seal(self.table, *row) == seal:
                return
        self.found.keep(self.bad, named)


def _walk(raw: sqlite3.Connection, seals: _Seals, extra: str, named: int,
          each: Callable[[Page], None] | None = None) -> Iterator[Row]:
    """A table's rows in member order (`extra` columns first), each page's seals checked
    (the columns from `named` on name a row) and `each` given the page, before its rows go."""
    cursor = raw.execute(seals.sql(extra))
    names = slice(named, -2)
    while page := cursor.fetchmany(PAGE):
        seals.check(page, names)
        if each is not None:
            each(page)
        yield from page


def _sums(rows: Iterator[Row]) -> Iterator[tuple[str, tuple[int, ...]]]:
    """(member, sum of the column after the member id) per member, in order."""
    for member, group in groupby(rows, _first):
        yield member, (sum(map(_second, group)),)


def _sums2(rows: Iterator[Row]) -> Iterator[tuple[str, tuple[int, ...]]]:
    """(member, sums of the two columns after the member id) per member, in order."""
    for member, group in groupby(rows, _first):
        found = list(group)
        yield member, (sum(map(_second, found)), sum(map(_third, found)))


class _Ahead:
    """A member-ordered stream read as far as the member asked for."""

    def __init__(self, stream: Iterator[tuple[str, tuple[int, ...]]]) -> None:
        self.stream = stream
        self.head = next(stream, None)

    def take(self, member_id: str) -> tuple[int, ...] | None:
        """The member's sums, or None; rows of members before it (orphans) are passed."""
        while self.head is not None and self.head[0] < member_id:
            self.head = next(self.stream, None)
        if self.head is not None and self.head[0] == member_id:
            return self.head[1]
        return None

    def drain(self) -> None:
        """Reads what is left (rows of no member after the last one)."""
        for _ in self.stream:
            pass
        self.head = None


def member_pass(conn: Connection, sealer: Sealer, cap: int, progress: Progress) -> Found:
    """Walk members, balances, ledgers and lots together in member order."""
    found = Found(cap)
    # The driver's own cursors, in the same read transaction: a row through SQLAlchemy's
    # result objects costs more than its seal.
    raw = cast(sqlite3.Connection, conn.connection.driver_connection)
    seals = {table: _Seals(raw, table, sealer, found) for table in SEALED}

    def lot_range(page: Page) -> None:
        for row in page:  # member, remaining, points, id
            if row[2] < 0 or row[1] < 0 or row[1] > row[2]:
                found.keep(found.out_of_range, (row[3], row[0], row[2], row[1]))

    def tally(page: Page) -> None:
        found.days.add(page, 1, 2, 3)

    points = _Ahead(_sums(_walk(raw, seals["points_ledger"],
                                "member_id, points, business_date, kind, id, member_id", 4,
                                tally)))
    wallet = _Ahead(_sums2(_walk(raw, seals["wallet_ledger"],
                                 "member_id, principal_fen, bonus_fen, id, member_id", 3)))
    lots = _Ahead(_sums(_walk(raw, seals["points_lots"],
                              "member_id, remaining, points, id, member_id", 3, lot_range)))
    balances = _walk(raw, seals["member_balances"], "member_id, points, wallet_principal_fen, "
                     "wallet_bonus_fen, member_id", 4)
    members = (r[0] for r in raw.execute("SELECT id FROM members ORDER BY id"))
    total = int(raw.execute("SELECT COUNT(*) FROM members").fetchone()[0])
    done = 0
    for member_id, balance, is_member in _union(members, balances):
        p, w, lot = points.take(member_id), wallet.take(member_id), lots.take(member_id)
        ledger = (p[0] if p else 0, *(w if w else (0, 0)))
        if balance is not None and balance[1:4] != ledger and len(found.balance) <= cap:
            found.balance.append((member_id, *balance[1:4], *ledger))
        if not is_member:
            continue
        done += 1
        if balance is None and len(found.missing) <= cap:
            found.missing.append(member_id)
        remaining, expected = lot[0] if lot else 0, max(ledger[0], 0)
        if remaining != expected and len(found.lots) <= cap:
            found.lots.append((member_id, remaining, expected))
        if done % STEP == 0:
            progress.step(done, total, "verify: members")
    if done % STEP:
        progress.step(done, total, "verify: members")
    # Whatever the member walk did not need is still read: its seals and the rollup's tally.
    for rest in (points, wallet, lots):
        rest.drain()
    return found.sorted()


def _union(members: Iterator[str],
           balances: Iterator[Row]) -> Iterator[tuple[str, Row | None, bool]]:
    """(id, its balances row or None, whether it is a member) for every member and every
    balances row, in id order (a balances row may lack its member: verify says so too)."""
    m, b = next(members, None), next(balances, None)
    while m is not None or b is not None:
        if b is None or (m is not None and m < b[0]):
            assert m is not None
            yield m, None, True
            m = next(members, None)
        elif m is None or b[0] < m:
            yield b[0], b, False
            b = next(balances, None)
        else:
            yield m, b, True
            m, b = next(members, None), next(balances, None)
