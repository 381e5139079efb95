"""Member imports in batches: the job rows, and a batch of new members in one executemany each."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.crypto import FieldCipher
from db.engine import bulk_writes
from db.mapping_members import (
    CARD_COLUMNS,
    LOT_COLUMNS,
    MEMBER_COLUMNS,
    TIER_CHANGE_COLUMNS,
    card_params,
    lot_params,
    member_params,
    points_entry_params,
    tier_change_params,
    wallet_entry_params,
)
from db.mapping_store import JOB_COLUMNS, job_from, job_params
from db.member_terms import INSERT_TERMS, term_rows
from db.repos_driver import (
    Params,
    bound,
    execute,
    execute_many,
    fetch_named,
    insert_sql,
    positional,
    select_sql,
    upsert_sql,
)
from db.repos_ledgers import INSERT_POINTS, INSERT_WALLET
from db.texts import dump_json
from domain.ids import new_id_str
from domain.import_jobs import ImportJob, MemberBatch, PreparedBatch, RowsTaken

_JOB = select_sql("import_jobs", JOB_COLUMNS, "key = ?")
_SAVE_JOB = upsert_sql("import_jobs", JOB_COLUMNS, ("key",))
_INSERT_MEMBER = insert_sql("members", MEMBER_COLUMNS)
_INSERT_BALANCES = ("INSERT INTO member_balances "
                    "(member_id, points, wallet_principal_fen, wallet_bonus_fen) "
                    "VALUES (?, ?, ?, ?)")
_INSERT_TIER_CHANGE = insert_sql("tier_changes", TIER_CHANGE_COLUMNS)
_INSERT_LOT = insert_sql("points_lots", LOT_COLUMNS)
_INSERT_CARD = insert_sql("cards", CARD_COLUMNS)
OutboxRow = tuple[Any, dict[str, Any], "str | None"]  # (type, payload, member id) as queued


class SqlImportRepo:
    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self._s = session
        self._cipher = cipher

    def job(self, key: str) -> ImportJob | None:
        row = fetch_named(self._s, _JOB, (key,))
        return None if row is None else job_from(row)

    def save_job(self, job: ImportJob) -> None:
        execute(self._s, _SAVE_JOB, bound(_SAVE_JOB, lambda: job_params(job)))

    def add_members(self, batch: MemberBatch | PreparedBatch) -> None:
        """Each table in one executemany, from a batch the import prepared before the write
        lock (else made here: the same rows)."""
        fairy = self._s.connection().connection  # the pooled connection of this transaction
        bulk_writes(cast(sqlite3.Connection, fairy.driver_connection), fairy.info)
        inserts = (batch.inserts if isinstance(batch, PreparedBatch)
                   else member_inserts(batch, self._cipher))
        for sql, rows in inserts:
            if not rows:
                continue
            try:
                execute_many(self._s, sql, rows)
            except IntegrityError as err:
                if sql in _UNIQUE_KEYED and "UNIQUE" in str(err.orig):
                    raise RowsTaken() from err  # the import checks again and goes on
                raise


class ImportPreparer:
    """What bootstrap gives the import service: a batch made ready for its inserts before its
    write transaction, so the transaction only runs them. It travels to the import's worker
    process by pickle: the cipher goes as its key file's path."""

    def __init__(self, cipher: FieldCipher) -> None:
        self.cipher = cipher

    def __call__(self, batch: MemberBatch, events: Sequence[OutboxRow]) -> PreparedBatch:
        return PreparedBatch(tuple(member_inserts(batch, self.cipher)),
                             tuple(dump_json(payload) for _, payload, _ in events),
                             tuple(new_id_str() for _ in events))


def member_inserts(batch: MemberBatch, cipher: FieldCipher) -> list[tuple[str, list[Params]]]:
    """Each table's INSERT and rows, index keys in order where the batch allows (the mobile
    and search-term indexes of a million members are far bigger than the cache, and sorted
    inserts touch each of their pages once)."""
    members = sorted(batch.members, key=lambda m: m.mobile)
    cards = sorted(batch.cards, key=lambda c: c.number)
    made: list[tuple[str, Callable[[], list[Params]]]] = [
        (_INSERT_MEMBER, lambda: [member_params(m, cipher) for m in members]),
        (_INSERT_BALANCES, lambda: list(_balances(batch))),
        (INSERT_TERMS, lambda: list[Params](sorted(
            row for m in members for row in term_rows(m.id, m.name, m.mobile)))),
        (_INSERT_TIER_CHANGE, lambda: [tier_change_params(t) for t in batch.tier_changes]),
        (_INSERT_LOT, lambda: [lot_params(lot) for lot in batch.lots]),
        (INSERT_POINTS, lambda: [points_entry_params(e) for e in batch.points]),
        (INSERT_WALLET, lambda: [wallet_entry_params(e) for e in batch.wallet]),
        (_INSERT_CARD, lambda: [card_params(c) for c in cards]),
    ]
    return [_positional(sql, bound(sql, build)) for sql, build in made]


def _positional(sql: str, rows: list[Params]) -> tuple[str, list[Params]]:
    """The INSERT with `?` marks and its rows as tuples in their order: binding by name cost
    2.6 times as much (10.7 against 4.0 µs for a row of 32 columns), in the write lock, and
    tuples travel from the import's worker process without a key per value."""
    marked, names = positional(sql)
    if not names or not rows or not isinstance(rows[0], dict):
        return sql, rows
    return marked, [tuple(row[n] for n in names) for row in cast(list[dict[str, Any]], rows)]


_UNIQUE_KEYED = frozenset(positional(sql)[0] for sql in (_INSERT_MEMBER, _INSERT_CARD))


def _balances(batch: MemberBatch) -> list[tuple[str, int, int, int]]:
    """Each new member's projection: the sums of the batch's own ledger rows for them."""
    points: dict[str, int] = defaultdict(int)
    principal: dict[str, int] = defaultdict(int)
    bonus: dict[str, int] = defaultdict(int)
    for p in batch.points:
        points[p.member_id] += p.points
    for w in batch.wallet:
        principal[w.member_id] += w.principal_fen
        bonus[w.member_id] += w.bonus_fen
    return [(m.id, points[m.id], principal[m.id], bonus[m.id]) for m in batch.members]
