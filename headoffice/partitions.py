"""Monthly partitions of head office's ever-growing tables on PostgreSQL (issue 14 §4).

Every id that crosses the wire is a UUIDv7 born with its record: the first 12 hex digits are
its birth time in milliseconds, so as text the ids sort by time. `events`, `sales` and the two
ledgers are partitioned by RANGE on that id; a month spans from the first UUIDv7 string of the
month to the next month's, and a DEFAULT partition takes whatever falls outside (a till with a
wrong clock, an id that is no UUID). The id is in every primary key, so the idempotency keys
hold across partitions without a global index. SQLite (a one-shop head office) is untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Connection, text

from headoffice import carry

# table -> its partition key (the UUIDv7 id column in its primary key)
PARTITIONED = {"events": "event_id", "sales": "id", "points_ledger": "id",
               "wallet_ledger": "id"}
AHEAD = 3
# A wrong clock could name 1970: a converted table gets no more months than these behind.
MAX_MONTHS_BACK = 120
PARTITION_NAME = re.compile(r"^(events|sales|points_ledger|wallet_ledger)_(p\d{6}|default)$")
_UUID7 = "^[0-9a-f]{8}-[0-9a-f]{4}-7"


@dataclass(frozen=True)
class Maintenance:
    """What one `maintain` run did: partitions made, rows moved out of DEFAULT, detached."""

    created: list[str]
    moved: int
    detached: list[str]


def month_start(year: int, month: int) -> str:
    """The first UUIDv7 string of a month (UTC): its millisecond time, every other bit zero."""
    ms = int(datetime(year, month, 1, tzinfo=UTC).timestamp() * 1000)
    digits = f"{ms:012x}"
    return f"{digits[:8]}-{digits[8:]}-0000-0000-000000000000"


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def partition_name(table: str, year: int, month: int) -> str:
    return f"{table}_p{year:04d}{month:02d}"


def id_month(value: str) -> tuple[int, int] | None:
    """The UTC month a UUIDv7 string was born in; None for anything else."""
    if not re.match(_UUID7, value):
        return None
    born = datetime.fromtimestamp(int(value[:8] + value[9:13], 16) / 1000, UTC)
    return born.year, born.month


def sorts_bytewise(conn: Connection) -> bool:
    """Whether the database's default collation orders UUIDv7 text as bytes do (so the ranges
    mean months): C, C.UTF-8 and ICU's en-US do for lowercase hex ids (tests/headoffice)."""
    bounds = [month_start(*add_months(1999, 12, n)) for n in range(0, 360, 7)]
    bounds += ["0189a000-0000-7000-8000-000000000000", "0189a000-0000-7000-8000-00000000000f"]
    got = conn.execute(text(
        "SELECT array_agg(b ORDER BY b) FROM unnest(CAST(:b AS text[])) AS b"), {"b": bounds})
    return list(got.scalar_one()) == sorted(bounds)


def exists(conn: Connection, name: str) -> bool:
    return bool(conn.execute(text("SELECT to_regclass(:n) IS NOT NULL"), {"n": name}).scalar_one())


def attached(conn: Connection, table: str) -> list[str]:
    """The month partitions attached to a table, oldest first."""
    rows = conn.execute(text(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = to_regclass(:t) ORDER BY c.relname"), {"t": table})
    return [r for (r,) in rows if r != f"{table}_default"]


def add_month(conn: Connection, table: str, year: int, month: int) -> int:
    """Make a month's partition and attach it, first moving into it the DEFAULT rows of its
    range (attaching refuses while DEFAULT holds any); returns the rows moved. The caller's
    transaction makes the three steps one."""
    name, key = partition_name(table, year, month), PARTITIONED[table]
    lo, hi = month_start(year, month), month_start(*next_month(year, month))
    conn.execute(text(f'CREATE TABLE "{name}" (LIKE "{table}" INCLUDING DEFAULTS '
                      "INCLUDING CONSTRAINTS)"))
    moved = conn.execute(text(
        f'WITH gone AS (DELETE FROM "{table}_default" WHERE "{key}" >= :lo AND "{key}" < :hi '
        f'RETURNING *) INSERT INTO "{name}" SELECT * FROM gone'), {"lo": lo, "hi": hi}).rowcount
    conn.execute(text(f'ALTER TABLE "{table}" ATTACH PARTITION "{name}" '
                      f"FOR VALUES FROM ('{lo}') TO ('{hi}')"))
    carry.like_parent(conn, name, table)
    return int(moved or 0)


def create_ahead(conn: Connection, today: date, months: int = AHEAD) -> tuple[list[str], int]:
    """Partitions for this month and `months` ahead that are missing, DEFAULT rows moved in."""
    created: list[str] = []
    moved = 0
    for table in PARTITIONED:
        for n in range(months + 1):
            year, month = add_months(today.year, today.month, n)
            if not exists(conn, partition_name(table, year, month)):
                moved += add_month(conn, table, year, month)
                created.append(partition_name(table, year, month))
    return created, moved


def detach_before(conn: Connection, year: int, month: int, today: date) -> list[str]:
    """Detach (for archive) every month partition older than the given month; never the
    current month's or a later one. The detached tables stay, no longer part of the table."""
    if (year, month) > (today.year, today.month):
        raise ValueError(f"--detach-before {year:04d}-{month:02d} would detach the current "
                         f"month ({today.year:04d}-{today.month:02d}); name this month or "
                         "an earlier one")
    cutoff = partition_name("", year, month)[1:]
    detached = []
    for table in PARTITIONED:
        for name in attached(conn, table):
            if name[len(table) + 1:] < cutoff:
                conn.execute(text(f'ALTER TABLE "{table}" DETACH PARTITION "{name}"'))
                detached.append(name)
    return detached


def maintain(conn: Connection, today: date, ahead: int = AHEAD,
             detach: tuple[int, int] | None = None) -> Maintenance:
    """One maintenance run on a PostgreSQL head office, in the caller's transaction."""
    created, moved = create_ahead(conn, today, ahead)
    gone = detach_before(conn, *detach, today) if detach else []
    return Maintenance(created, moved, gone)


def _indexes(conn: Connection, table: str) -> tuple[tuple[str, str], list[str]]:
    """A table's primary key (name, definition) and its other indexes' CREATE statements."""
    pk = conn.execute(text(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = to_regclass(:t) AND contype = 'p'"), {"t": table}).one()
    others = conn.execute(text(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "WHERE i.indrelid = to_regclass(:t) AND NOT i.indisprimary "
        "ORDER BY i.indexrelid"), {"t": table})
    return (pk[0], pk[1]), [d for (d,) in others]


def rebuild(conn: Connection, table: str, today: date | None) -> None:
    """Rebuild a table in place with the same columns, keys and indexes: partitioned by month
    (from its oldest id's month to AHEAD months on, plus DEFAULT) when `today` is given, plain
    when not (the downgrade). Its rows are copied over."""
    (pk_name, pk_def), index_defs = _indexes(conn, table)
    old = f"{table}_unpartitioned"
    dress = carry.read(conn, table)
    conn.execute(text(f'ALTER TABLE "{table}" RENAME TO "{old}"'))
    conn.execute(text(f'ALTER TABLE "{old}" DROP CONSTRAINT "{pk_name}"'))
    for statement in index_defs:  # "CREATE [UNIQUE] INDEX name ON ..." -> free the name
        conn.execute(text(f"DROP INDEX {statement.split(' INDEX ', 1)[1].split(' ON ')[0]}"))
    by = f' PARTITION BY RANGE ("{PARTITIONED[table]}")' if today else ""
    conn.execute(text(f'CREATE TABLE "{table}" (LIKE "{old}" INCLUDING DEFAULTS '
                      f"INCLUDING CONSTRAINTS INCLUDING COMMENTS INCLUDING STORAGE "
                      f"INCLUDING COMPRESSION){by}"))
    carry.put_on(conn, table, dress)  # before the partitions, which take the parent's
    if today:
        _partition(conn, table, f"{table}_default", "DEFAULT")
        for year, month in _months(conn, old, PARTITIONED[table], today):
            _partition(conn, table, partition_name(table, year, month),
                       f"FOR VALUES FROM ('{month_start(year, month)}') "
                       f"TO ('{month_start(*next_month(year, month))}')")
    conn.execute(text(f'INSERT INTO "{table}" SELECT * FROM "{old}"'))
    # Key and indexes after the rows: one sorted build each instead of row-by-row inserts
    # (a quarter less time at 1.5M events, docs/performance.md); a duplicate still fails here.
    conn.execute(text(f'ALTER TABLE "{table}" ADD CONSTRAINT "{pk_name}" {pk_def}'))
    for statement in index_defs:
        conn.execute(text(statement))
    carry.put_comments(conn, table, dress)
    conn.execute(text(f'DROP TABLE "{old}"'))


def _partition(conn: Connection, table: str, name: str, bounds: str) -> None:
    conn.execute(text(f'CREATE TABLE "{name}" PARTITION OF "{table}" {bounds}'))
    carry.like_parent(conn, name, table)


def _months(conn: Connection, table: str, key: str, today: date) -> list[tuple[int, int]]:
    oldest = conn.execute(text(f'SELECT min("{key}") FROM "{table}" WHERE "{key}" ~ :p'),
                          {"p": _UUID7}).scalar_one()
    first = (today.year, today.month)
    if oldest is not None and (born := id_month(oldest)) is not None:
        first = min(first, max(born, add_months(today.year, today.month, -MAX_MONTHS_BACK)))
    last = add_months(today.year, today.month, AHEAD)
    months = []
    while first <= last:
        months.append(first)
        first = next_month(*first)
    return months


def parse_month(value: str) -> tuple[int, int]:
    """`2026-09` -> (2026, 9); anything else is refused with a sentence naming the option."""
    found = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
    if not found or not 1 <= int(found[2]) <= 12:
        raise ValueError(f"--detach-before wants a month as YYYY-MM (e.g. 2026-09), not {value!r}")
    return int(found[1]), int(found[2])


def report(done: Maintenance) -> str:
    """The lines `kaika-headoffice maintain` prints."""
    lines = [f"created {name}" for name in done.created]
    lines += [f"moved {done.moved} row(s) out of the DEFAULT partitions"] if done.moved else []
    lines += [f"detached {name} (now a plain table; archive it, then drop it)"
              for name in done.detached]
    return "\n".join(lines) or "nothing to do: every partition is in place"
