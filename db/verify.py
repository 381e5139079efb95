"""`kaika verify`: SQLite integrity, foreign keys, balances against ledgers, lots, audit chain
and its sealed marks, seals of ledger, balance and lot rows, outbox, card numbers held by two
members."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from db import verify_cards, verify_days, verify_figures
from db.audit import chain_break
from db.card_secret import is_clear
from db.crypto import FieldCipher
from db.engine import read_only
from db.outbox import PRUNED_THROUGH, SEQ_COUNTER
from db.seals import Sealer
from db.store import StoreDb
from db.verify_members import Found, member_pass
from domain.errors import DomainError
from domain.progress import NO_PROGRESS, Progress

# A badly damaged file could yield millions of rows; the first ones say enough.
MAX_PER_CHECK = 1000
MMAP_BYTES = 1 << 32  # SQLite maps as much as it was built to allow (2 GB as shipped)
CACHE_KIB = 256 * 1024
DEFAULT_CACHE = -2000  # SQLite's own default, as every other connection of the pool has


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong, as a stable code and parameters (the CLI prints or translates it)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}


def verify(store: StoreDb, progress: Progress = NO_PROGRESS, *,
           thorough: bool = False) -> list[Problem]:
    """Every check, in one consistent read snapshot; an empty list means the store is sound.

    SQLite's quick_check by default (every page, record and constraint, in one pass);
    `thorough` adds what integrity_check adds, that each index holds exactly its table's
    rows: at a million members that alone takes longer than everything else together.
    """
    problems: list[Problem] = []
    with read_only(store.engine).connect() as conn, _bulk_reads(conn), conn.begin():
        progress.step(0, None, "verify: integrity")
        problems += _integrity(conn, thorough)
        progress.step(0, None, "verify: foreign keys")
        problems += _foreign_keys(conn)
        found = member_pass(conn, store.sealer, MAX_PER_CHECK, progress)
        problems += _balances(found) + _lots(found)
        problems += _outbox(conn) + _cards(conn)
        problems += _capped(verify_days.CODE, found.days.mismatches(_raw(conn),
                                                                    MAX_PER_CHECK + 1), _same)
        progress.step(0, None, "verify: analysis figures")
        problems += _member_figures(conn)
        progress.step(0, None, "verify: audit trail")
        problems.extend(_audit_chain(conn, store.sealer))
        problems.extend(_personal_data_key(conn, store.cipher))
        problems.extend(_seals(store, problems, found))
    return problems


@contextmanager
def _bulk_reads(conn: Connection) -> Iterator[None]:
    """Map the file and give the walk a big page cache, for this run only: through the
    default 2 MB cache each page of a big store was read from the OS again and again."""
    raw = _raw(conn)  # outside any BEGIN
    raw.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
    raw.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        yield
    finally:
        raw.execute("PRAGMA mmap_size = 0")
        raw.execute(f"PRAGMA cache_size = {DEFAULT_CACHE}")


def _integrity(conn: Connection, thorough: bool) -> list[Problem]:
    pragma = "integrity_check" if thorough else "quick_check"
    messages = [str(r[0]) for r in conn.exec_driver_sql(f"PRAGMA {pragma}(100)")]
    if messages == ["ok"]:
        return []
    return [Problem("db.integrity", {"message": m}) for m in messages]


def _foreign_keys(conn: Connection) -> list[Problem]:
    rows = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchmany(MAX_PER_CHECK + 1)
    return _capped("db.foreign_key", rows, lambda r: {
        "table": r[0], "rowid": r[1], "parent": r[2]})


# (problem code, index of the projected figure, index of the ledger sum) in a mismatch row.
_BALANCE_FIGURES = (
    ("balance.points_mismatch", 1, 4),
    ("balance.wallet_principal_mismatch", 2, 5),
    ("balance.wallet_bonus_mismatch", 3, 6),
)


def _balances(found: Found) -> list[Problem]:
    """The projection read at the till must equal the sums of the ledgers, figure by figure."""
    rows = found.balance
    problems = [Problem(code, {"member_id": row[0], "projected": row[projected],
                               "ledger": row[ledger]})
                for row in rows[:MAX_PER_CHECK]
                for code, projected, ledger in _BALANCE_FIGURES if row[projected] != row[ledger]]
    if len(rows) > MAX_PER_CHECK:
        problems.append(Problem("verify.more", {"check": "balance", "shown": MAX_PER_CHECK}))
    return problems + _capped("balance.missing", found.missing, lambda r: {"member_id": r})


def _lots(found: Found) -> list[Problem]:
    """Unspent lots add up to the points balance (never below zero); each lot is in range."""
    problems = _capped("lots.remaining_mismatch", found.lots, lambda r: {
        "member_id": r[0], "lots_remaining": r[1], "expected": r[2]})
    return problems + _capped("lots.out_of_range", found.out_of_range, lambda r: {
        "lot_id": r[0], "member_id": r[1], "points": r[2], "remaining": r[3]})


def _outbox(conn: Connection) -> list[Problem]:
    """Per terminal, seqs run from the pruned watermark + 1 to n with no hole, and the counter
    stands at n (day close deletes an acknowledged prefix and records how far it went)."""
    problems: list[Problem] = []
    stats = conn.execute(_OUTBOX_STATS, {"seq": SEQ_COUNTER, "pruned": PRUNED_THROUGH})
    for terminal, count, top, counter, pruned in stats:
        if count != top - pruned:
            problems.append(Problem("outbox.seq_gap", {
                "terminal_id": terminal, "first_missing": _first_missing(conn, terminal, pruned)}))
        if counter != top:
            problems.append(Problem("outbox.counter_mismatch", {
                "terminal_id": terminal, "counter": counter, "max_seq": top}))
    emptied = conn.execute(_PRUNED_TO_NOTHING, {"pruned": PRUNED_THROUGH, "seq": SEQ_COUNTER})
    problems += [Problem("outbox.seq_gap", {"terminal_id": t, "first_missing": w + 1})
                 for t, w in emptied]
    return problems


# Rows at or below the watermark are ignored: pruning removes them, and any left are history.
_OUTBOX_STATS = text("""
    SELECT o.terminal_id, COUNT(*), MAX(o.seq), c.value, COALESCE(w.value, 0) FROM outbox o
    LEFT JOIN counters c ON c.terminal_id = o.terminal_id AND c.name = :seq
    LEFT JOIN counters w ON w.terminal_id = o.terminal_id AND w.name = :pruned
    WHERE o.seq > COALESCE(w.value, 0)
    GROUP BY o.terminal_id ORDER BY o.terminal_id
""")
# Pruning always keeps a terminal's newest acknowledged event, so a watermark with nothing
# above it means rows were deleted by something else; unless the counter stands at the
# watermark (a restored till skipped past what head office holds and made nothing since:
# sync/standing.py).
_PRUNED_TO_NOTHING = text("""
    SELECT w.terminal_id, w.value FROM counters w WHERE w.name = :pruned AND NOT EXISTS (
        SELECT 1 FROM outbox o WHERE o.terminal_id = w.terminal_id AND o.seq > w.value)
    AND NOT EXISTS (SELECT 1 FROM counters c WHERE c.terminal_id = w.terminal_id
                    AND c.name = :seq AND c.value = w.value)
    ORDER BY w.terminal_id
""")


def _first_missing(conn: Connection, terminal: str, pruned: int) -> int:
    seqs = conn.execute(text(
        "SELECT seq FROM outbox WHERE terminal_id = :t AND seq > :p ORDER BY seq"),
        {"t": terminal, "p": pruned}).scalars()
    expected = pruned + 1
    for seq in seqs:
        if seq != expected:
            return expected
        expected += 1
    return expected


def _audit_chain(conn: Connection, sealer: Sealer) -> list[Problem]:
    """The chain's links (HMACs with the store key) and its sealed marks (db/audit.py)."""
    with Session(bind=conn) as session:
        broken = chain_break(session, sealer)
    if broken is None:
        return []
    code, params = _CHAIN_PROBLEMS.get(broken.reason, "audit.chain_broken"), {
        "seq": broken.seq, "entry_id": broken.entry_id}
    if code == "audit.chain_broken":
        params["reason"] = broken.reason
    if broken.head_seq is not None:
        params = {"last_seq": broken.seq, "head_seq": broken.head_seq}
    return [Problem(code, params)]


_CHAIN_PROBLEMS = {
    "truncated": "audit.chain_truncated",  # the last entries were deleted
    "rewritten": "audit.chain_rewritten",  # relinked without the store key
    "head_lost": "audit.head_lost",  # the sealed head mark was removed or forged
    "rekeyed": "audit.chain_rekeyed",  # keyed a second time (the upgrade forced again)
    "broken_before_keyed": "audit.broken_before_keyed",
}

# (table, problem code, the columns a problem names)
_SEAL_CHECKS = (
    ("points_ledger", "ledger.unsealed", ("id", "member_id")),
    ("wallet_ledger", "ledger.unsealed", ("id", "member_id")),
    ("member_balances", "balance.unsealed", ("member_id",)),
    ("points_lots", "lots.unsealed", ("id", "member_id")),
)


def _seals(store: StoreDb, found: list[Problem], walked: Found) -> list[Problem]:
    """Every ledger, balance and lot row carries the seal Kaika made when it wrote it: a row
    without one was written outside Kaika, and no event or audit entry accounts for it.
    The member pass checked them (db/verify_members.py); here they are named."""
    if store.sealer.key() is None:
        if any(p.code.startswith("store.key_") for p in found):
            return []
        return [Problem("store.key_missing", {"path": str(store.cipher.key_path)})]
    problems: list[Problem] = []
    for table, code, named in _SEAL_CHECKS:
        problems += _capped(code, walked.unsealed.get(table, []), _namer(table, named))
    return problems


def _namer(table: str, named: tuple[str, ...]) -> Callable[[Any], dict[str, Any]]:
    keys = ["lot_id" if c == "id" and table == "points_lots" else c for c in named]
    return lambda row: {"table": table, **dict(zip(keys, row, strict=True))}


def _personal_data_key(conn: Connection, cipher: FieldCipher) -> list[Problem]:
    """The key file beside the database must open the ID numbers and the card secret."""
    tokens = [conn.execute(text(
        "SELECT id_number_enc FROM members WHERE id_number_enc IS NOT NULL LIMIT 1")).scalar()]
    secret = conn.execute(text("SELECT card_secret_hex FROM store_settings")).scalar()
    tokens.append(None if secret is None or is_clear(secret) else secret)
    for token in filter(None, tokens):
        try:
            cipher.decrypt(token)
        except DomainError as exc:
            return [Problem(exc.code, exc.params)]
    return []


def _capped(code: str, rows: Sequence[Any],
            params: Callable[[Any], dict[str, Any]]) -> list[Problem]:
    found = [Problem(code, params(r)) for r in rows[:MAX_PER_CHECK]]
    if len(rows) > MAX_PER_CHECK:
        found.append(Problem("verify.more", {"check": code, "shown": MAX_PER_CHECK}))
    return found


def _cards(conn: Connection) -> list[Problem]:
    """No card number held here by a member other than the one it was issued to."""
    found = verify_cards.card_numbers(conn, MAX_PER_CHECK + 1)
    return _capped(verify_cards.CODE, found, _same)


def _member_figures(conn: Connection) -> list[Problem]:
    """The per-member figures the Analysis page groups equal those recomputed from sales."""
    found = verify_figures.member_figures(conn, MAX_PER_CHECK + 1)
    return _capped(verify_figures.CODE, found, _same)


def _same(params: dict[str, Any]) -> dict[str, Any]:
    return params


def _raw(conn: Connection) -> sqlite3.Connection:
    """The driver's connection, in the same read transaction."""
    return cast(sqlite3.Connection, conn.connection.driver_connection)
