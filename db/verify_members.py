"""`kaika verify`'s member pass: balances against the ledgers, lots, and the seals of every
ledger, balance and lot row, in one walk of each table in member order.

Each table is read once, ordered by member id (an index walk), and the five walks advance
together like a merge, so the sums per member never need memory for a million members and
no table is read twice (the ledgers were: once per sum, once more for their seals). A seal
is checked in Python against the row's canonical text as SQLite's json_array writes it
(the text db/seals.py seals); a row whose text differs from Python's JSON is checked again
through `Sealer.seal` before it is called unsealed.
"""

from __future__ import annotations

import hmac
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection

from db.seals import SEAL_HEX, SEALED, Sealer
from domain.progress import Progress

Row = tuple[Any, ...]
STEP = 20_000  # members between two progress reports


@dataclass
class Found:
    """Rows or members with something wrong, each list in the order verify reports it."""

    cap: int
    balance: list[Row] = field(default_factory=list)  # (member, projected, ledger) x 3
    missing: list[str] = field(default_factory=list)
    lots: list[Row] = field(default_factory=list)  # (member, lots remaining, expected)
    out_of_range: list[Row] = field(default_factory=list)  # (lot, member, points, rem.)
    unsealed: dict[str, list[Row]] = field(default_factory=dict)  # table -> named columns

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


def _first(row: Row) -> Any:
    return row[0]


class _Seals:
    """Checks one table's seals as its rows go by; None as key: no seals to check."""

    def __init__(self, raw: sqlite3.Connection, table: str, key: bytes | None, sealer: Sealer,
                 found: Found) -> None:
        self.raw, self.table, self.key, self.sealer = raw, table, key, sealer
        self.bad = found.unsealed.setdefault(table, [])
        self.found = found
        self.cols = SEALED[table]

    def sql(self, extra: str) -> str:
        text = f"json_array('{self.table}', {', '.join(self.cols)})" if self.key else "NULL"
        return f"SELECT {extra}, seal, {text} FROM {self.table} ORDER BY member_id"

    def check(self, seal: str | None, text: str | None, named: Row) -> None:
        key = self.key
        if key is None or (seal is not None and text is not None and hmac.digest(
                key, text.encode("utf-8"), "sha256").hex()[:SEAL_HEX] == seal):
            return
        if seal is None or self._python_seal(named) != seal:
            self.found.keep(self.bad, named)

    def _python_seal(self, named: Row) -> str | None:
        """The row's seal as Kaika makes it (db/seals.py), read again by its key."""
        column = "member_id" if self.table == "member_balances" else "id"
        row = self.raw.execute(
            f"SELECT {', '.join(self.cols)} FROM {self.table} WHERE {column} = ?",
            (named[0],)).fetchone()
        return None if row is None else self.sealer.seal(self.table, *row)


def _grouped(rows: Iterator[Row], width: int, seals: _Seals,
             each: Callable[[Row], None] | None = None) -> Iterator[tuple[str, list[int]]]:
    """(member, sums of the `width` figures after the member id) per member, in order."""
    current: str | None = None
    sums = [0] * width
    for row in rows:
        seals.check(row[-2], row[-1], row[width + 1:-2])
        if each is not None:
            each(row)
        if row[0] != current:
            if current is not None:
                yield current, sums
            current, sums = row[0], [0] * width
        for i in range(width):
            sums[i] += row[i + 1]
    if current is not None:
        yield current, sums


class _Ahead:
    """A member-ordered stream read as far as the member asked for."""

    def __init__(self, stream: Iterator[tuple[str, list[int]]]) -> None:
        self.stream = stream
        self.head = next(stream, None)

    def take(self, member_id: str) -> list[int] | None:
        """The member's sums, or None; rows of members before it (orphans) are passed."""
        while self.head is not None and self.head[0] < member_id:
            self.head = next(self.stream, None)
        if self.head is not None and self.head[0] == member_id:
            return self.head[1]
        return None


def member_pass(conn: Connection, sealer: Sealer, cap: int, progress: Progress) -> Found:
    """Walk members, balances, ledgers and lots together in member order."""
    found, key = Found(cap), sealer.key()
    # The driver's own cursors, in the same read transaction: a row through SQLAlchemy's
    # result objects costs more than its seal.
    raw = cast(sqlite3.Connection, conn.connection.driver_connection)
    seals = {table: _Seals(raw, table, key, sealer, found) for table in SEALED}

    def walk(table: str, extra: str) -> Iterator[Row]:
        return raw.execute(seals[table].sql(extra))

    def lot_range(row: Row) -> None:
        if row[1] < 0 or row[2] < 0 or row[2] > row[1]:
            found.keep(found.out_of_range, (row[3], row[0], row[1], row[2]))

    points = _Ahead(_grouped(walk("points_ledger", "member_id, points, id, member_id"), 1,
                             seals["points_ledger"]))
    wallet = _Ahead(_grouped(walk("wallet_ledger", "member_id, principal_fen, bonus_fen, id, "
                                  "member_id"), 2, seals["wallet_ledger"]))
    lots = _Ahead(_grouped(walk("points_lots", "member_id, points, remaining, id, member_id"),
                           2, seals["points_lots"], lot_range))
    balances = walk("member_balances", "member_id, points, wallet_principal_fen, "
                                       "wallet_bonus_fen, member_id")
    members = (r[0] for r in raw.execute("SELECT id FROM members ORDER BY id"))
    total = int(raw.execute("SELECT COUNT(*) FROM members").fetchone()[0])
    done = 0
    for member_id, balance, is_member in _union(members, balances):
        p, w, lot = points.take(member_id), wallet.take(member_id), lots.take(member_id)
        ledger = (p[0] if p else 0, *(w if w else (0, 0)))
        if balance is not None:
            seals["member_balances"].check(balance[-2], balance[-1], (member_id,))
            if tuple(balance[1:4]) != ledger and len(found.balance) <= cap:
                found.balance.append((member_id, *balance[1:4], *ledger))
        if not is_member:
            continue
        done += 1
        if balance is None and len(found.missing) <= cap:
            found.missing.append(member_id)
        remaining, expected = lot[1] if lot else 0, max(ledger[0], 0)
        if remaining != expected and len(found.lots) <= cap:
            found.lots.append((member_id, remaining, expected))
        if done % STEP == 0:
            progress.step(done, total, "verify: members")
    if done % STEP:
        progress.step(done, total, "verify: members")
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
