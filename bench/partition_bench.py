"""Migration h0009 (monthly partitions) and `maintain` on a head office of millions of rows,
beside the same partitioning done by hand in the same run (issue 14 §4); not a test.

    .venv/bin/python -m bench.partition_bench [--events 1500000] [--months 12]
        [--pg postgresql://postgres@127.0.0.1:5432/postgres] [--out bench/out/partitions.json]

A database of its own (dropped afterwards) at h0007 gets, by text-format `COPY`, `--events`
events born over the last `--months` months in push order (UUIDv7 ids, as tills make them),
a third as many sales with a JSON body, 0.4× points-ledger and 0.15× wallet-ledger rows, then
`VACUUM ANALYZE`. Timed, each in its own transaction:

1. by hand, indexes first: for each table `CREATE TABLE ... PARTITION BY RANGE` with the same
   key, indexes and month partitions as h0009 makes, then `INSERT ... SELECT` (rolled back);
2. by hand, indexes after: the same with the key and indexes made after the rows are in;
3. the migration itself (`upgrade` from h0007 to head: h0009 only);
4. `maintain --ahead 6` with rows of five months ahead (a till with a wrong clock) and
   non-UUID legacy ids waiting in DEFAULT: three months more, the rows moved out of DEFAULT;
5. `maintain` again, nothing to do.

The load average before and after each step goes with the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.ingest_bench import _loadavg
from headoffice import partitions
from headoffice.engine import make_engine
from headoffice.migrate import upgrade

CHUNK = 20_000


def uuid7(ms: int, rand: random.Random) -> str:
    return str(uuid.UUID(int=(ms << 80) | (0x7 << 76) | (rand.getrandbits(76))))


def event_rows(n: int, start_ms: int, span_ms: int, rand: random.Random) -> Iterator[str]:
    """Events as head office stores applied ones: no payload, a member on most."""
    kinds = ["sale.completed"] * 6 + ["points.earned", "member.updated", "wallet.topped_up"]
    for i in range(n):
        ms = start_ms + span_ms * i // n
        at = datetime.fromtimestamp(ms / 1000, UTC).isoformat()
        member = uuid7(ms - 86_400_000, rand) if i % 10 < 7 else "\\N"
        yield (f"{uuid7(ms, rand)}\tT{i % 400:03d}\t{i // 400 + 1}\t{kinds[i % 9]}\t1\t{at}\t"
               f"{at}\tS{i % 100:03d}\t{member}\tapplied\t\\N\t\\N\t\\N\n")


def sale_rows(n: int, start_ms: int, span_ms: int, rand: random.Random) -> Iterator[str]:
    for i in range(n):
        ms = start_ms + span_ms * i // n
        at = datetime.fromtimestamp(ms / 1000, UTC)
        total = 1000 + (i * 7919) % 90_000
        body = json.dumps({"lines": [{"sku": f"SKU{(i + k) % 5000:05d}", "qty": 1 + k,
                                      "price_fen": total // 3} for k in range(3)],
                           "tenders": [{"kind": "cash", "amount_fen": total}]})
        member = uuid7(ms - 86_400_000, rand) if i % 10 < 6 else "\\N"
        yield (f"S{i % 100:03d}\t{uuid7(ms, rand)}\tT{i % 400:03d}\tsale\tR{i:09d}\t"
               f"{at.isoformat()}\t{at.date().isoformat()}\t{member}\t{total}\t{total // 100}\t"
               f"{total}\t\\N\t{body}\n")


def ledger_rows(n: int, start_ms: int, span_ms: int, rand: random.Random,
                points: bool) -> Iterator[str]:
    for i in range(n):
        ms = start_ms + span_ms * i // n
        at = datetime.fromtimestamp(ms / 1000, UTC)
        head = (f"{uuid7(ms - 86_400_000, rand)}\t{uuid7(ms, rand)}\tS{i % 100:03d}\t"
                f"T{i % 400:03d}\t")
        tail = f"{at.isoformat()}\t{at.date().isoformat()}\t{uuid7(ms, rand)}\t"
        if points:
            yield f"{head}earn\t{1 + i % 500}\t\\N\t{tail}\t\\N\t\\N\t\\N\n"
        else:
            yield f"{head}spend\t{-(i % 5000)}\t0\t{tail}\\N\t\t\t\\N\n"


def copy_in(engine: sa.Engine, table: str, columns: str, rows: Iterator[str]) -> None:
    raw: Any = engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cur, cur.copy(
                f'COPY "{table}" ({columns}) FROM STDIN') as copy:
            chunk: list[str] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) == CHUNK:
                    copy.write("".join(chunk))
                    chunk.clear()
            copy.write("".join(chunk))
        raw.driver_connection.commit()
    finally:
        raw.close()


def fill(engine: sa.Engine, events: int, months: int) -> dict[str, int]:
    rand = random.Random(7)
    end_ms = int(datetime.now(UTC).timestamp() * 1000)
    start_ms = int((datetime.now(UTC) - timedelta(days=30 * months)).timestamp() * 1000)
    span = end_ms - start_ms
    counts = {"events": events, "sales": events // 3, "points_ledger": events * 4 // 10,
              "wallet_ledger": events * 15 // 100}
    copy_in(engine, "events", "event_id, terminal_id, seq, type, v, occurred_at, received_at, "
            "store_id, member_id, status, code, payload, detail",
            event_rows(counts["events"], start_ms, span, rand))
    copy_in(engine, "sales", "store_id, id, terminal_id, kind, receipt_no, at, business_date, "
            "member_id, total_fen, points_earned, qualifying_fen, original_sale_id, body",
            sale_rows(counts["sales"], start_ms, span, rand))
    copy_in(engine, "points_ledger", "member_id, id, store_id, terminal_id, kind, points, "
            "claimed_points, at, business_date, sale_id, reason, staff_id, event_id, last_day",
            ledger_rows(counts["points_ledger"], start_ms, span, rand, True))
    copy_in(engine, "wallet_ledger", "member_id, id, store_id, terminal_id, kind, "
            "principal_fen, bonus_fen, at, business_date, sale_id, staff_id, reference, "
            "tender_kind, event_id",
            ledger_rows(counts["wallet_ledger"], start_ms, span, rand, False))
    return counts


def by_hand(conn: sa.Connection, table: str, today: date, indexes_first: bool) -> None:
    """What h0009 does to one table, written plainly into `bl_<table>` (no catalogue reads
    beyond the index definitions, no grants)."""
    (_, pk_def), index_defs = partitions._indexes(conn, table)
    new, key = f"bl_{table}", partitions.PARTITIONED[table]
    keys = [f"ALTER TABLE {new} ADD CONSTRAINT {new}_pk {pk_def}"] + [
        d.replace(" INDEX ", " INDEX bl_", 1).replace(f" ON public.{table} ", f" ON {new} ")
        for d in index_defs]
    conn.execute(sa.text(f"CREATE TABLE {new} (LIKE {table} INCLUDING DEFAULTS "
                         f"INCLUDING CONSTRAINTS) PARTITION BY RANGE ({key})"))
    conn.execute(sa.text(f"CREATE TABLE {new}_default PARTITION OF {new} DEFAULT"))
    for year, month in partitions._months(conn, table, key, today):
        conn.execute(sa.text(
            f"CREATE TABLE {new}_{year}{month:02d} PARTITION OF {new} FOR VALUES FROM "
            f"('{partitions.month_start(year, month)}') "
            f"TO ('{partitions.month_start(*partitions.next_month(year, month))}')"))
    for statement in keys if indexes_first else []:
        conn.execute(sa.text(statement))
    conn.execute(sa.text(f"INSERT INTO {new} SELECT * FROM {table}"))
    for statement in [] if indexes_first else keys:
        conn.execute(sa.text(statement))


def timed(name: str, step: Callable[[], object]) -> dict[str, Any]:
    load, began = _loadavg(), time.perf_counter()
    step()
    seconds = time.perf_counter() - began
    out = {"step": name, "seconds": round(seconds, 2), "loadavg": [load, _loadavg()]}
    print(json.dumps(out), flush=True)
    return out


def baseline(engine: sa.Engine, indexes_first: bool) -> None:
    today = datetime.now(UTC).date()
    with engine.connect() as conn:
        for table in partitions.PARTITIONED:
            by_hand(conn, table, today, indexes_first)
        conn.rollback()  # the real tables stay as they were for the migration


def stray_rows(engine: sa.Engine, n: int) -> None:
    """Rows waiting in DEFAULT: ids of five months ahead (a till with a wrong clock) and
    legacy ids that are no UUID, as `maintain` meets them."""
    ahead = datetime.now(UTC) + timedelta(days=31 * 5)
    rand = random.Random(11)
    start = int(ahead.timestamp() * 1000)
    rows = list(event_rows(n, start, 86_400_000, rand))
    rows += [f"legacy-{i:08d}" + row[36:] for i, row in enumerate(event_rows(
        n, start, 1000, rand))]
    copy_in(engine, "events", "event_id, terminal_id, seq, type, v, occurred_at, received_at, "
            "store_id, member_id, status, code, payload, detail", iter(rows))


def maintain(engine: sa.Engine, ahead: int) -> partitions.Maintenance:
    with engine.begin() as conn:
        return partitions.maintain(conn, datetime.now(UTC).date(), ahead=ahead)


def sizes(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: int(conn.scalar(sa.text(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.oid = "
            "to_regclass(:t) OR c.oid IN (SELECT inhrelid FROM pg_inherits "
            "WHERE inhparent = to_regclass(:t))"), {"t": t}) or 0) // 2**20
                for t in partitions.PARTITIONED}


def run(engine: sa.Engine, args: argparse.Namespace) -> dict[str, Any]:
    upgrade(engine, "h0007")
    result: dict[str, Any] = {"loadavg_start": _loadavg(), "steps": []}
    began = time.perf_counter()
    result["rows"] = fill(engine, args.events, args.months)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    result["fill_s"] = round(time.perf_counter() - began, 1)
    result["mb_before"] = sizes(engine)
    steps = result["steps"]
    steps.append(timed("by hand, indexes first", lambda: baseline(engine, True)))
    steps.append(timed("by hand, indexes after", lambda: baseline(engine, False)))
    steps.append(timed("migration h0009", lambda: upgrade(engine)))
    result["mb_after"] = sizes(engine)
    stray_rows(engine, args.stray)
    done: list[partitions.Maintenance] = []
    steps.append(timed(f"maintain --ahead 6 ({2 * args.stray} rows in events_default)",
                       lambda: done.append(maintain(engine, 6))))
    steps.append(timed("maintain, nothing to do", lambda: done.append(maintain(engine, 6))))
    result["maintain"] = [{"created": len(d.created), "moved": d.moved} for d in done]
    result["loadavg_end"] = _loadavg()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--events", type=int, default=1_500_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--stray", type=int, default=5000,
                        help="rows of a future month, and as many legacy ids, in DEFAULT")
    parser.add_argument("--out", type=Path, default=Path("bench/out/partitions.json"))
    args = parser.parse_args()
    admin = sa.create_engine(args.pg.replace("postgresql://", "postgresql+psycopg://"),
                             isolation_level="AUTOCOMMIT")
    name = f"kaika_bench_parts_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(args.pg.rsplit("/", 1)[0] + "/" + name)
    try:
        result = run(engine, args)
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "steps"}, indent=2))


if __name__ == "__main__":
    main()
