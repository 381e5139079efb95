"""Repositories of the till's own working state: sales on hold, payment PINs, closed days."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from db.rows_base import insert_row
from db.rows_till import ClosedDayRow, HeldSaleRow, MemberPinRow
from domain.records import ClosedDay, HeldSale, MemberPin


class SqlHeldSaleRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def all(self) -> list[HeldSale]:
        rows = self._s.scalars(select(HeldSaleRow).order_by(HeldSaleRow.held_at,
                                                             HeldSaleRow.id))
        return [_held(r) for r in rows]

    def get(self, held_id: str) -> HeldSale | None:
        row = self._s.get(HeldSaleRow, held_id)
        return None if row is None else _held(row)

    def add(self, held: HeldSale) -> None:
        self._s.add(HeldSaleRow(id=held.id, held_at=held.held_at, held_by=held.held_by,
                                total_fen=held.total_fen, items=held.items,
                                member_id=held.member_id, cart=held.cart))
        self._s.flush()

    def remove(self, held_id: str) -> None:
        self._s.execute(delete(HeldSaleRow).where(HeldSaleRow.id == held_id))


class SqlMemberPinRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, member_id: str) -> MemberPin | None:
        r = self._s.get(MemberPinRow, member_id)
        if r is None:
            return None
        return MemberPin(member_id=r.member_id, pin_hash=r.pin_hash, set_at=r.set_at,
                         set_by=r.set_by, failures=r.failures, failed_on=r.failed_on)

    def save(self, pin: MemberPin) -> None:
        self._s.merge(MemberPinRow(member_id=pin.member_id, pin_hash=pin.pin_hash,
                                   set_at=pin.set_at, set_by=pin.set_by,
                                   failures=pin.failures, failed_on=pin.failed_on))
        self._s.flush()


def _held(r: HeldSaleRow) -> HeldSale:
    return HeldSale(id=r.id, held_at=r.held_at, held_by=r.held_by, total_fen=r.total_fen,
                    items=r.items, member_id=r.member_id, cart=dict(r.cart))


class SqlDayRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def closed_through(self) -> date | None:
        return self._s.scalar(select(func.max(ClosedDayRow.business_date)))

    def trading_days(self, after: date | None, before: date) -> list[date]:
        """Business dates after `after` (None: from the first) and before `before` on which
        anything was rung up, paid into a wallet or a shift worked, oldest first."""
        low = (after or date.min).isoformat()
        found = self._s.execute(text(
            "SELECT business_date FROM sales WHERE business_date > :low AND business_date < :high"
            " UNION SELECT business_date FROM wallet_ledger"
            " WHERE business_date > :low AND business_date < :high"
            " UNION SELECT business_date FROM shifts"
            " WHERE business_date > :low AND business_date < :high ORDER BY 1"),
            {"low": low, "high": before.isoformat()}).scalars()
        return [date.fromisoformat(str(day)) for day in found]

    def get(self, day: date) -> ClosedDay | None:
        row = self._s.get(ClosedDayRow, day)
        return None if row is None else ClosedDay(row.business_date, row.closed_at,
                                                  row.staff_id, row.z)

    def add(self, closed: ClosedDay) -> None:
        """Insert only: a day is closed once (the primary key refuses a second row)."""
        insert_row(self._s, ClosedDayRow(business_date=closed.business_date,
                                         closed_at=closed.closed_at, staff_id=closed.staff_id,
                                         z=closed.z))
