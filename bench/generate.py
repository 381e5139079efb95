"""Generate a benchmark store: members with cards, a catalogue, and points and wallet ledgers.

    python -m bench.generate --db bench/data/bench.sqlite3 \\
        [--members 1000000 --skus 100000 --ledger 2000000 --seed 7] [--force]

The database is created, migrated and given its settings and staff by Kaika itself
(`desktop.bootstrap.open_app`, `add_staff`), so schema and settings are the real ones; the bulk
rows then go in with plain sqlite3 `executemany`, in large transactions, with
`synchronous=OFF` for the load only. The same seed gives the same members, cards, products and
ledger rows (the store's, terminal's and staff's own ids are made fresh, as in any new store).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.history import History, HistoryMaker, StoreHours, window_days
from bench.people import CARD_COLUMNS, MEMBER_COLUMNS, Joined, MemberMaker, max_members
from bench.products import PRODUCT_COLUMNS, product_row
from bench.vocab import mobiles
from db.crypto import default_key_path
from db.member_terms import INSERT_TERMS, term_rows
from db.seals import for_key_file, install
from desktop.bootstrap import open_app
from domain.records import Role, StoreSettings
from domain.rulepack import RulePack
from domain.services.setup import new_settings
from domain.services.staff import add_staff

DEFAULT_DB = Path(__file__).resolve().parent / "data" / "bench.sqlite3"
CASHIER = ("1001", "王收银", "1357")  # number, name, PIN: bench.run logs in with these
MANAGER = ("2001", "李店长", "2468")
CHUNK = 20_000  # members (with their ledgers) or products per transaction
LOAD_CACHE_KIB = 1_048_576  # a 1 GiB page cache while loading keeps index pages in memory
# Ledger rows fall on members with a skew: early joiners hold many rows, recent ones few.
ACTIVITY_SKEW = 1.5

POINTS_COLUMNS = ("id", "member_id", "kind", "points", "at", "business_date", "reason",
                  "sale_id", "staff_id")
LOT_COLUMNS = ("id", "member_id", "earned_on", "expires_on", "points", "remaining", "source",
               "sale_id")
WALLET_COLUMNS = ("id", "member_id", "kind", "principal_fen", "bonus_fen", "at",
                  "business_date", "sale_id", "staff_id", "reference", "tender_kind")
BALANCE_COLUMNS = ("member_id", "points", "wallet_principal_fen", "wallet_bonus_fen")


@dataclass(frozen=True, slots=True)
class Scale:
    members: int = 1_000_000
    skus: int = 100_000
    ledger: int = 2_000_000  # points and wallet ledger rows together
    seed: int = 7


@dataclass(frozen=True, slots=True)
class Store:
    """What the load needs to know about the store Kaika created."""

    pack: RulePack
    hours: StoreHours
    today: date
    cashier_id: str


def insert_sql(table: str, columns: Sequence[str]) -> str:
    marks = ", ".join("?" for _ in columns)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"


def generate(path: Path, scale: Scale, *, force: bool = False) -> dict[str, float]:
    """Create the store at `path` and fill it; returns counts and seconds per phase."""
    if scale.members > max_members():
        raise SystemExit(f"at most {max_members()} members fit the card numbering")
    _make_room(path, force)
    rng = random.Random(scale.seed)
    marks = [time.perf_counter()]
    store = _create_store(path, _settings(rng))
    conn = sqlite3.connect(path, isolation_level=None)
    # The sealing triggers (db/seals.py) call kaika_seal: give it the store's key.
    install(conn, for_key_file(default_key_path(path)))
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a crash mid-load means generating again
        conn.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
        conn.execute("PRAGMA foreign_keys = OFF")  # rows are made consistent; verify checks
        marks.append(time.perf_counter())
        _load_products(conn, rng, scale.skus)
        marks.append(time.perf_counter())
        _load_members(conn, rng, store, scale)
        marks.append(time.perf_counter())
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA synchronous = FULL")
    finally:
        conn.close()
    marks.append(time.perf_counter())
    phases = ("setup_s", "products_s", "members_and_ledgers_s", "checkpoint_s")
    timings = {name: b - a for name, a, b in zip(phases, marks[:-1], marks[1:], strict=True)}
    timings["total_s"] = marks[-1] - marks[0]
    return timings


def _make_room(path: Path, force: bool) -> None:
    """A benchmark store is always new: an existing one is replaced only with --force."""
    companions = [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", ".key"))]
    if path.exists() and not force:
        raise SystemExit(f"{path} exists; pass --force to replace it")
    for file in companions:
        file.unlink(missing_ok=True)


def _settings(rng: random.Random) -> StoreSettings:
    settings = new_settings(store_code="S001", terminal_code="T01", name="开卡基准店",
                            region_code="3101", rulepack="fashion")
    settings.card_secret_hex = rng.randbytes(32).hex()
    return settings


def _create_store(path: Path, settings: StoreSettings) -> Store:
    """Kaika itself creates, migrates and sets up the database (settings, audit, staff)."""
    app = open_app(path, settings=settings)
    try:
        # The manager is the store's first account and adds the cashier, as on the Staff page.
        manager = add_staff(app.ctx, MANAGER[0], MANAGER[1], Role.MANAGER, MANAGER[2])
        cashier = add_staff(app.ctx, CASHIER[0], CASHIER[1], Role.CASHIER, CASHIER[2],
                            by=manager.id)
        hours = StoreHours(app.settings.tz, app.settings.day_close)
        return Store(app.ctx.pack, hours, app.ctx.local_date(), cashier.id)
    finally:
        app.close()


def _load_products(conn: sqlite3.Connection, rng: random.Random, count: int) -> None:
    sql = insert_sql("products", PRODUCT_COLUMNS)
    cache: dict[str, str] = {}
    for start in range(1, count + 1, CHUNK):
        stop = min(start + CHUNK, count + 1)
        with _transaction(conn):
            conn.executemany(sql, [product_row(rng, i, cache) for i in range(start, stop)])


def ledger_budgets(rng: random.Random, members: int, rows: int) -> list[int]:
    """How many ledger rows each member gets (they add up to `rows`), skewed to early joiners."""
    counts = [0] * members
    for _ in range(rows):
        counts[int(members * rng.random() ** ACTIVITY_SKEW)] += 1
    return counts


def _load_members(conn: sqlite3.Connection, rng: random.Random, store: Store,
                  scale: Scale) -> None:
    """Members, cards, ledgers, lots and balances, chunk by chunk in joining order."""
    phones = mobiles(rng, scale.members)
    makers = MemberMaker(rng, store.pack, store.hours, store.today)
    days = makers.join_days(scale.members)
    budgets = ledger_budgets(rng, scale.members, scale.ledger)
    history = HistoryMaker(rng, store.pack, store.hours, store.cashier_id)
    window_start, window_end = window_days(store.today, store.pack)
    for start in range(0, scale.members, CHUNK):
        chunk = [makers.make(i, days[i], phones[i])
                 for i in range(start, min(start + CHUNK, scale.members))]
        _write_chunk(conn, chunk, [
            history.member(j.member_id, max(j.first_day, window_start), window_end,
                           budgets[start + k]) for k, j in enumerate(chunk)])


def _write_chunk(conn: sqlite3.Connection, joined: list[Joined], histories: list[History]) -> None:
    with _transaction(conn):
        conn.executemany(insert_sql("members", MEMBER_COLUMNS), [j.member for j in joined])
        # What SqlMemberRepo.add writes beside each member: the desk's search terms.
        conn.executemany(INSERT_TERMS, [
            row for j in joined
            for row in term_rows(j.member_id, str(j.member[1]), str(j.member[2]))])
        conn.executemany(insert_sql("cards", CARD_COLUMNS), [j.card for j in joined])
        conn.executemany(insert_sql("member_balances", BALANCE_COLUMNS), [
            (j.member_id, h.points, h.principal_fen, h.bonus_fen)
            for j, h in zip(joined, histories, strict=True)])
        conn.executemany(insert_sql("points_ledger", POINTS_COLUMNS),
                         [row for h in histories for row in h.points_rows])
        conn.executemany(insert_sql("points_lots", LOT_COLUMNS),
                         [lot.row() for h in histories for lot in h.lots])
        conn.executemany(insert_sql("wallet_ledger", WALLET_COLUMNS),
                         [row for h in histories for row in h.wallet_rows])


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN … COMMIT around a batch (ROLLBACK on error); the connection is in autocommit."""
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def counts(path: Path) -> dict[str, int]:
    """Rows per generated table (what the generator promised)."""
    tables = ("members", "cards", "member_balances", "products", "points_ledger",
              "wallet_ledger", "points_lots")
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    full = Scale()
    parser.add_argument("--members", type=int, default=full.members)
    parser.add_argument("--skus", type=int, default=full.skus)
    parser.add_argument("--ledger", type=int, default=full.ledger)
    parser.add_argument("--seed", type=int, default=full.seed)
    parser.add_argument("--force", action="store_true", help="replace an existing database")
    args = parser.parse_args(argv)
    scale = Scale(args.members, args.skus, args.ledger, args.seed)
    timings = generate(args.db, scale, force=args.force)
    for table, rows in counts(args.db).items():
        print(f"{table:>16}: {rows:>10,}")
    for phase, seconds in timings.items():
        print(f"{phase:>22}: {seconds:8.1f} s")
    size_mb = args.db.stat().st_size / 1e6
    print(f"generated {args.db} ({size_mb:,.0f} MB) in {timings['total_s']:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
