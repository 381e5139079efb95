"""Time the till's hot paths beside raw-sqlite3 baselines on the same database, same sample.

    python -m bench.run --db bench/data/bench.sqlite3 [--n 2000] [--out bench/out/results.json]

Each round runs Kaika's path and its baseline back to back, in alternating order so neither
always finds the other's pages freshly cached; warm-up rounds are thrown away. Kaika runs as the
till does: `desktop.bootstrap.open_app`, the system clock, the real services.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy

from bench.generate import CASHIER, DEFAULT_DB, counts
from bench.plans import plan_sale
from bench.raw import RawSearch, RawStore
from bench.search import KINDS, draw_people, search_rounds, typed_for
from bench.stats import Goal, Result, summary, table
from db.verify import verify
from desktop.bootstrap import App, open_app
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.members import find_by_card, member_by_card
from domain.services.staff import login

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "results.json"
BASKET = 20  # lines priced in the quote benchmark
SALE_LINES = 5  # lines of the completed sale
Thunk = Callable[[], object]
Round = tuple[Thunk, Thunk, Callable[[object, object], None]]  # Kaika, raw, check both


@dataclass(frozen=True, slots=True)
class Sample:
    """Cards (number, member id) and active SKUs drawn with one seeded random source."""

    cards: list[tuple[str, str]]
    skus: list[str]
    rng: random.Random

    def basket(self, size: int) -> list[str]:
        return self.rng.sample(self.skus, size)


def draw_sample(conn: sqlite3.Connection, rng: random.Random, cards: int) -> Sample:
    """Distinct usable cards of active members, picked by random rowid; all active SKUs."""
    top = conn.execute("SELECT max(rowid) FROM cards").fetchone()[0] or 0
    if cards > top:
        raise SystemExit(f"the sample needs {cards} cards; the store has {top}")
    picked: list[tuple[str, str]] = []
    for rowid in rng.sample(range(1, top + 1), top):
        row = conn.execute(
            "SELECT c.number, c.member_id FROM cards c JOIN members m ON m.id = c.member_id "
            "WHERE c.rowid = ? AND c.state IN ('issued', 'active') AND m.status = 'active'",
            (rowid,)).fetchone()
        if row is not None:
            picked.append((row[0], row[1]))
            if len(picked) == cards:
                break
    skus = [r[0] for r in conn.execute("SELECT sku FROM products WHERE active = 1 ORDER BY sku")]
    return Sample(picked, skus, rng)


def warm_file(path: Path) -> None:
    """Read the database once so it sits in the OS page cache, as on a till in use."""
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            with file.open("rb") as f:
                while f.read(1 << 23):
                    pass


def paired(rounds: Iterator[Round], warmup: int) -> tuple[list[int], list[int]]:
    """Time each round's two thunks in alternating order; checks run outside the clock."""
    kaika_ns: list[int] = []
    raw_ns: list[int] = []
    for i, (kaika, raw, check) in enumerate(rounds):
        if i % 2 == 0:
            k_ns, k_out = _timed(kaika)
            r_ns, r_out = _timed(raw)
        else:
            r_ns, r_out = _timed(raw)
            k_ns, k_out = _timed(kaika)
        check(k_out, r_out)
        if i >= warmup:
            kaika_ns.append(k_ns)
            raw_ns.append(r_ns)
    return kaika_ns, raw_ns


def _timed(thunk: Thunk) -> tuple[int, object]:
    start = time.perf_counter_ns()
    out = thunk()
    return time.perf_counter_ns() - start, out


class Bench:
    """The three benchmarks, and two rows of context, against one open store."""

    def __init__(self, app: App, raw: RawStore, sample: Sample, n: int, warmup: int) -> None:
        self.app = app
        self.ctx = app.ctx
        self.raw = raw
        self.sample = sample
        self.n = n
        self.warmup = warmup
        self.cashier_id = login(app.ctx, CASHIER[0], CASHIER[2]).id

    def card_lookup(self) -> Result:
        """What a swipe reads first, timed alone: the goal's "card → member with balances"."""
        def rounds() -> Iterator[Round]:
            for number, _ in self._cards(0):
                yield (partial(member_by_card, self.ctx, number),
                       partial(self.raw.member_by_card, number), _same_member)

        k, r = paired(rounds(), self.warmup)
        return Result("card → member with balances (`members.member_by_card`, a swipe's "
                      "first read)", Goal(5, 3), summary(k), summary(r),
                      "raw = one SELECT joining the three")

    def member_panel(self) -> Result:
        """The whole read of a swipe (context), beside the same two statements on the plain
        connection, on cards of its own so neither side finds them cached by the first
        benchmark."""
        today = self.ctx.local_date()
        until = today + timedelta(days=self.ctx.pack.points.warn_days)

        def rounds() -> Iterator[Round]:
            for number, _ in self._cards(3):
                yield (partial(find_by_card, self.ctx, number),
                       partial(self.raw.member_panel, number, today, until), _same_panel)

        k, r = paired(rounds(), self.warmup)
        return Result("card → member panel (`members.find_by_card`: the above, then "
                      "expiring lots and coupons)", None, summary(k), summary(r),
                      "raw = Kaika's two SELECTs on the plain connection")

    def scan_and_quote(self) -> list[Result]:
        """Scanning 20 items and pricing the basket, each beside its raw reads."""
        carts_made: list[carts.Cart] = []
        baskets: list[tuple[str, list[str]]] = []

        def scanned(cart: carts.Cart, skus: Sequence[str]) -> carts.Cart:
            """Scan, keeping the scanned cart (a Cart is immutable) for the quotes after."""
            done = self._scan(cart, skus)
            carts_made.append(done)
            return done

        def scans() -> Iterator[Round]:
            for number, member_id in self._cards(0):
                skus = self.sample.basket(BASKET)
                baskets.append((member_id, skus))
                yield (partial(scanned, self._cart(number, member_id), skus),
                       partial(self.raw.products, skus), _same_count)

        def quotes() -> Iterator[Round]:
            for cart, (member_id, skus) in zip(carts_made, baskets, strict=True):
                yield (partial(checkout.quote, self.ctx, cart),
                       partial(self.raw.basket_reads, member_id, skus), _priced)

        k_scan, r_scan = paired(scans(), self.warmup)
        k, r = paired(quotes(), self.warmup)
        return [
            Result(f"scan {BASKET} items (`cart.add_item` × {BASKET})", None, summary(k_scan),
                   summary(r_scan), "context: the product reads happen here, not in the quote"),
            Result(f"price a {BASKET}-line basket with a member (`checkout.quote`)", Goal(5),
                   summary(k), summary(r),
                   f"raw = {BASKET} product reads + member with balances"),
        ]

    def complete_sale(self) -> Result:
        """Two members per round (one per side) so neither side's sale changes the other's."""
        def rounds() -> Iterator[Round]:
            cards = self._cards(1, per_round=2)
            for (k_card, k_member), (r_card, r_member) in zip(cards[::2], cards[1::2],
                                                               strict=True):
                skus = self.sample.basket(SALE_LINES)
                k_cart = self._paid_cart(k_card, k_member, skus)
                plan = plan_sale(self.ctx, self._paid_cart(r_card, r_member, skus))
                yield (partial(checkout.complete, self.ctx, k_cart),
                       partial(self.raw.complete, plan), _both_committed)

        k, r = paired(rounds(), self.warmup)
        return Result(f"complete a member sale, {SALE_LINES} lines, cash (`checkout.complete`)",
                      Goal(25, 2), summary(k), summary(r),
                      "raw = the same rows in one BEGIN IMMEDIATE, WAL, synchronous=FULL")

    def member_search(self) -> list[Result]:
        """The Members page's search of each kind, on its own random members per kind."""
        rounds = self.n + self.warmup
        people = draw_people(self.raw.conn, self.sample.rng, rounds)
        raw = RawSearch(self.raw.conn)
        results = []
        for label, kind in KINDS:
            typed = typed_for(kind, self.sample.rng, people)
            k, r = paired(search_rounds(self.ctx, raw, typed), self.warmup)
            results.append(Result(f"member search: {label} (`lookup.search`, 50 hits)",
                                  Goal(50), summary(k), summary(r),
                                  "raw = the same index ranges, then each hit's cards and "
                                  "balances"))
        return results

    def _cards(self, first_round: int, per_round: int = 1) -> list[tuple[str, str]]:
        """Cards for every round (warm-up ones first) starting at round `first_round`."""
        rounds = self.n + self.warmup
        start = first_round * rounds
        return self.sample.cards[start:start + rounds * per_round]

    def _cart(self, number: str, member_id: str) -> carts.Cart:
        cart = carts.start_sale(self.ctx, self.cashier_id)
        cart = replace(cart, member_id=member_id, card_number=number)
        return cart

    def _scan(self, cart: carts.Cart, skus: Sequence[str]) -> carts.Cart:
        for sku in skus:
            cart = carts.add_item(self.ctx, cart, sku)
        return cart

    def _paid_cart(self, number: str, member_id: str, skus: Sequence[str]) -> carts.Cart:
        cart = self._scan(self._cart(number, member_id), skus)
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        return cart


def _same_member(kaika: Any, raw: Any) -> None:
    if raw is None or kaika.member.id != raw[7] or kaika.balances.points != raw[-3]:
        raise AssertionError(f"Kaika and raw disagree on card {kaika.card.number}")


def _same_panel(kaika: Any, raw: Any) -> None:
    """Kaika's CARD_HOLDER row: the card's member id at 1, points third from the end."""
    if raw is None or kaika.member.id != raw[1] or kaika.balances.points != raw[-3]:
        raise AssertionError(f"Kaika and raw disagree on card {kaika.card.number}")


def _same_count(kaika: Any, raw: Any) -> None:
    if len(kaika.lines) != sum(row is not None for row in raw):
        raise AssertionError("Kaika and raw scanned different baskets")


def _priced(kaika: Any, raw: Any) -> None:
    if kaika.due_fen <= 0 or raw != BASKET + 1:
        raise AssertionError("a basket was not priced or not read in full")


def _both_committed(kaika: Any, raw: Any) -> None:
    if not kaika.sale.receipt_no or not raw:
        raise AssertionError("a sale did not commit")


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(), "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version, "sqlalchemy": sqlalchemy.__version__,
        "cores": os.cpu_count(),
    }
    for path, key, field in (("/proc/cpuinfo", "cpu", "model name"),
                             ("/proc/meminfo", "memory", "MemTotal")):
        try:
            lines = Path(path).read_text().splitlines()
        except OSError:
            continue
        found = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(field)), None)
        info[key] = found
    return info


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--n", type=int, default=2000, help="timed rounds per benchmark")
    parser.add_argument("--warmup", type=int, default=200, help="untimed rounds first")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--verify", action="store_true",
                        help="run `kaika verify` on the store after the sales")
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist; run python -m bench.generate first")
    report = run(args.db, args.n, args.warmup, args.seed, args.verify)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(report["table"])
    print(f"\nresults: {args.out}")
    return 0


def run(path: Path, n: int, warmup: int, seed: int, check: bool) -> dict[str, Any]:
    started = datetime.now(UTC)
    sizes = counts(path)
    warm_file(path)
    app = open_app(path)
    raw = RawStore(path)
    try:
        # Rounds of cards: look-ups and baskets, two per sale, the member panel.
        sample = draw_sample(raw.conn, random.Random(seed), 4 * (n + warmup))
        bench = Bench(app, raw, sample, n, warmup)
        # The sample and the catalogue list are the harness's, not the till's: keep the
        # collector from walking them on every full collection (a till would do the same
        # after start-up). Collections of what the timed code allocates still run.
        gc.collect()
        gc.freeze()
        load_before = os.getloadavg()
        results = [bench.card_lookup(), bench.member_panel(), *bench.scan_and_quote(),
                   bench.complete_sale(), *bench.member_search()]
        load_after = os.getloadavg()
        problems = [p.to_dict() for p in verify(app.store)] if check else None
    finally:
        raw.close()
        app.close()
    return {
        "date": started.isoformat(timespec="seconds"), "machine": machine(),
        "load_average": {"before": load_before, "after": load_after},
        "db": {"path": str(path), "size_mb": round(path.stat().st_size / 1e6), "rows": sizes},
        "n": n, "warmup": warmup, "seed": seed,
        "results": [r.to_dict() for r in results], "verify": problems,
        "table": table(results),
    }


if __name__ == "__main__":
    raise SystemExit(main())
