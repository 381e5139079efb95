"""`kaika verify`'s check of the kept Analysis figures: `member_figures` (migration 0017)
equals every member's figures recomputed from sales and lines over the kept window."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from db.member_figures import RECOMPUTED

CODE = "member_figures.mismatch"

# Rows on one side only: a member kept wrong shows twice (kept, sales), a member missing from
# either side once.
_MISMATCH = text(f"""
    WITH kept AS (SELECT member_id, last_purchase, orders_ever, orders, revenue_fen,
                         categories FROM member_figures),
         sales_side AS ({RECOMPUTED})
    SELECT * FROM (
        SELECT 'kept' AS side, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM sales_side)
        UNION ALL
        SELECT 'sales', * FROM (SELECT * FROM sales_side EXCEPT SELECT * FROM kept))
    ORDER BY 2, 1 LIMIT :cap
""")


def member_figures(conn: Connection, cap: int) -> list[dict[str, Any]]:
    """Each member whose kept figures differ from their sales, a row per side, at most `cap`."""
    return [{"side": r[0], "member_id": r[1], "last_purchase": r[2], "orders_ever": r[3],
             "orders": r[4], "revenue_fen": r[5], "categories": r[6]}
            for r in conn.execute(_MISMATCH, {"cap": cap})]
