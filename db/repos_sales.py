"""The sales repository: sales and returns with their lines and tenders, append-only."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.mapping import sale_from_row, sale_params
from db.rows import SaleLineRow, SaleRow, TenderRow
from db.rows_base import table_of
from domain.records import Sale

_SALES, _LINES, _TENDERS = table_of(SaleRow), table_of(SaleLineRow), table_of(TenderRow)


class SqlSaleRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, sale: Sale) -> None:
        """Header, lines and tenders as three plain INSERTs (executemany for the lines)."""
        params = sale_params(sale)
        self._s.execute(_SALES.insert(), params.header)
        if params.lines:
            self._s.execute(_LINES.insert(), params.lines)
        if params.tenders:
            self._s.execute(_TENDERS.insert(), params.tenders)

    def get(self, sale_id: str) -> Sale | None:
        row = self._s.get(SaleRow, sale_id)
        return None if row is None else sale_from_row(row)

    def by_receipt(self, receipt_no: str) -> Sale | None:
        row = self._s.scalar(select(SaleRow).where(SaleRow.receipt_no == receipt_no))
        return None if row is None else sale_from_row(row)

    def returns_of(self, sale_id: str) -> list[Sale]:
        return self._many(select(SaleRow).where(SaleRow.original_sale_id == sale_id))

    def in_shift(self, shift_id: str) -> list[Sale]:
        return self._many(select(SaleRow).where(SaleRow.shift_id == shift_id))

    def on_date(self, business_date: date) -> list[Sale]:
        return self._many(select(SaleRow).where(SaleRow.business_date == business_date))

    def member_sales(self, member_id: str, since: date, until: date) -> list[Sale]:
        """Sales and returns of the member with business dates in [since, until]."""
        return self._many(select(SaleRow).where(
            SaleRow.member_id == member_id, SaleRow.business_date >= since,
            SaleRow.business_date <= until))

    def _many(self, stmt: Select[tuple[SaleRow]]) -> list[Sale]:
        """In the order they were rung up; lines and tenders come in one query each."""
        ordered = stmt.order_by(SaleRow.at, SaleRow.id)
        return [sale_from_row(row) for row in self._s.scalars(ordered)]
