"""The sales repository: sales and returns with their lines and tenders, append-only."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from db.mapping_sales import LINE_COLUMNS, SALE_COLUMNS, TENDER_COLUMNS, sale_from, sale_params
from db.repos_driver import (
    Named,
    bound,
    execute,
    execute_many,
    fetch_all,
    fetch_all_named,
    insert_sql,
    select_sql,
)
from domain.records import Sale

# Sale ids per IN (...) when lines and tenders are read for many sales at once.
_BATCH = 500


class SqlSaleRepo:
    """Plain sqlite3 statements (db/repos_driver.py): completing a sale writes here."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, sale: Sale) -> None:
        """Header, lines and tenders as three plain INSERTs (executemany for the lines)."""
        params = bound(_INSERT_SALE, lambda: sale_params(sale))
        execute(self._s, _INSERT_SALE, params.header)
        if params.lines:
            execute_many(self._s, _INSERT_LINE, params.lines)
        if params.tenders:
            execute_many(self._s, _INSERT_TENDER, params.tenders)

    def get(self, sale_id: str) -> Sale | None:
        found = self._many("id = ?", (sale_id,))
        return found[0] if found else None

    def by_receipt(self, receipt_no: str) -> Sale | None:
        found = self._many("receipt_no = ?", (receipt_no,))
        return found[0] if found else None

    def returns_of(self, sale_id: str) -> list[Sale]:
        return self._many("original_sale_id = ?", (sale_id,))

    def in_shift(self, shift_id: str) -> list[Sale]:
        return self._many("shift_id = ?", (shift_id,))

    def on_date(self, business_date: date) -> list[Sale]:
        return self._many("business_date = ?", (business_date.isoformat(),))

    def member_sales(self, member_id: str, since: date, until: date) -> list[Sale]:
        """Sales and returns of the member with business dates in [since, until]."""
        return self._many("member_id = ? AND business_date >= ? AND business_date <= ?",
                          (member_id, since.isoformat(), until.isoformat()))

    def lowest_unit_price(self, sku: str, since: date, until: date,
                          member_id: str | None) -> tuple[int, str] | None:
        """(unit fen, receipt number) of the lowest price a sale line of `sku` cost per unit
        with a business date in [since, until]: the member's sales, or anyone's for None."""
        who = "" if member_id is None else " AND s.member_id = ?"
        params = (sku, since.isoformat(), until.isoformat(),
                  *(() if member_id is None else (member_id,)))
        rows = fetch_all(self._s, _LOWEST.format(who=who), params)
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def _many(self, where: str, params: tuple[str, ...]) -> list[Sale]:
        """In the order they were rung up; lines and tenders come in one query per batch."""
        headers = fetch_all_named(self._s, select_sql("sales", SALE_COLUMNS, where, "at, id"),
                                  params)
        ids = [h["id"] for h in headers]
        lines = self._children(_LINES, ids)
        tenders = self._children(_TENDERS, ids)
        return [sale_from(h, lines.get(h["id"], ()), tenders.get(h["id"], ()))
                for h in headers]

    def _children(self, sql: str, sale_ids: Sequence[str]) -> dict[str, list[Named]]:
        """Rows of `sql` (ordered by sale, then number) grouped by their sale id."""
        found: dict[str, list[Named]] = defaultdict(list)
        for start in range(0, len(sale_ids), _BATCH):
            batch = sale_ids[start:start + _BATCH]
            marks = ", ".join("?" for _ in batch)
            for row in fetch_all_named(self._s, sql.format(marks=marks), batch):
                found[row["sale_id"]].append(row)
        return found

    def busy_members(self, since: date, until: date, more_than: int) -> list[tuple[date, str, int]]:
        """(business date, member id, sales) where a member bought more than `more_than` times
        on one business date in [since, until]: a card lent out (staff-card alerts)."""
        rows = fetch_all(self._s, _BUSY, (since.isoformat(), until.isoformat(), more_than))
        return [(date.fromisoformat(str(r[0])), str(r[1]), int(r[2])) for r in rows]


_INSERT_SALE = insert_sql("sales", SALE_COLUMNS)
_INSERT_LINE = insert_sql("sale_lines", LINE_COLUMNS)
_INSERT_TENDER = insert_sql("tenders", TENDER_COLUMNS)
_LINES = select_sql("sale_lines", LINE_COLUMNS, "sale_id IN ({marks})", "sale_id, line_no")
_TENDERS = select_sql("tenders", TENDER_COLUMNS, "sale_id IN ({marks})", "sale_id, tender_no")
# Per unit rounded down: a refund never exceeds what a unit cost.
_LOWEST = ("SELECT l.final_fen / l.qty AS unit, s.receipt_no FROM sale_lines l "
           "JOIN sales s ON s.id = l.sale_id WHERE s.kind = 'sale' AND l.qty > 0 "
           "AND l.sku = ? AND s.business_date >= ? AND s.business_date <= ?{who} "
           "ORDER BY unit, s.at, s.id LIMIT 1")
_BUSY = ("SELECT business_date, member_id, COUNT(*) AS n FROM sales "
         "WHERE kind = 'sale' AND member_id IS NOT NULL AND business_date >= ? "
         "AND business_date <= ? GROUP BY business_date, member_id HAVING COUNT(*) > ? "
         "ORDER BY business_date DESC, n DESC, member_id")
