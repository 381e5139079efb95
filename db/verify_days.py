"""`kaika verify`'s rollup check: `points_days` (migration 0016) equals the points ledger
summed per business date and kind, points and number of entries alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

CODE = "points_days.mismatch"

# Both sides in one grouped pass: a day missing from either side shows as zeros there. The
# ledger is scanned, not read through its date index (a random read per entry).
_MISMATCH = text("""
    SELECT business_date, kind, SUM(rp), SUM(lp), SUM(re), SUM(le) FROM (
        SELECT business_date, kind, SUM(points) AS lp, COUNT(*) AS le, 0 AS rp, 0 AS re
        FROM points_ledger NOT INDEXED GROUP BY business_date, kind
        UNION ALL
        SELECT business_date, kind, 0, 0, points, entries FROM points_days)
    GROUP BY business_date, kind
    HAVING SUM(rp) != SUM(lp) OR SUM(re) != SUM(le)
    ORDER BY business_date, kind LIMIT :cap
""")


def points_days(conn: Connection, cap: int) -> list[dict[str, Any]]:
    """Each (business date, kind) whose rollup differs from the ledger, at most `cap`."""
    return [{"business_date": r[0], "kind": r[1], "rollup": r[2], "ledger": r[3],
             "rollup_entries": r[4], "ledger_entries": r[5]}
            for r in conn.execute(_MISMATCH, {"cap": cap})]
