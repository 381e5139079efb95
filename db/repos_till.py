"""Repositories of the till's own working state: sales on hold, payment PINs, closed days."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from db.mapping_members import PIN_COLUMNS, pin_from, pin_params
from db.mapping_sales import (
    CLOSED_DAY_COLUMNS,
    HELD_COLUMNS,
    closed_day_from,
    closed_day_params,
    held_from,
    held_params,
)
from db.repos_driver import (
    execute,
    fetch_all,
    fetch_all_named,
    fetch_named,
    fetch_one,
    insert_sql,
    select_sql,
    upsert_sql,
    write,
)
from domain.records import ClosedDay, HeldSale, MemberPin


class SqlHeldSaleRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def all(self) -> list[HeldSale]:
        return [held_from(r) for r in fetch_all_named(self._s, _ALL_HELD, ())]

    def get(self, held_id: str) -> HeldSale | None:
        row = fetch_named(self._s, _HELD, (held_id,))
        return None if row is None else held_from(row)

    def add(self, held: HeldSale) -> None:
        write(self._s, _INSERT_HELD, lambda: held_params(held))

    def remove(self, held_id: str) -> None:
        execute(self._s, "DELETE FROM held_sales WHERE id = ?", (held_id,))


class SqlMemberPinRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, member_id: str) -> MemberPin | None:
        row = fetch_named(self._s, _PIN, (member_id,))
        return None if row is None else pin_from(row)

    def save(self, pin: MemberPin) -> None:
        write(self._s, _SAVE_PIN, lambda: pin_params(pin))


_TRADING_DAYS = (
    "SELECT business_date FROM sales WHERE business_date > ? AND business_date < ?"
    " UNION SELECT business_date FROM wallet_ledger WHERE business_date > ? AND business_date < ?"
    " UNION SELECT business_date FROM shifts WHERE business_date > ? AND business_date < ?"
    " ORDER BY 1")


class SqlDayRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def closed_through(self) -> date | None:
        row = fetch_one(self._s, "SELECT MAX(business_date) FROM closed_days", ())
        return None if row is None or row[0] is None else date.fromisoformat(row[0])

    def trading_days(self, after: date | None, before: date) -> list[date]:
        """Business dates after `after` (None: from the first) and before `before` on which
        anything was rung up, paid into a wallet or a shift worked, oldest first."""
        low, high = (after or date.min).isoformat(), before.isoformat()
        found = fetch_all(self._s, _TRADING_DAYS, (low, high) * 3)
        return [date.fromisoformat(str(day)) for (day,) in found]

    def get(self, day: date) -> ClosedDay | None:
        row = fetch_named(self._s, _DAY, (day.isoformat(),))
        return None if row is None else closed_day_from(row)

    def add(self, closed: ClosedDay) -> None:
        """Insert only: a day is closed once (the primary key refuses a second row)."""
        write(self._s, _INSERT_DAY, lambda: closed_day_params(closed))


_ALL_HELD = select_sql("held_sales", HELD_COLUMNS, "1", "held_at, id")
_HELD = select_sql("held_sales", HELD_COLUMNS, "id = ?")
_INSERT_HELD = insert_sql("held_sales", HELD_COLUMNS)
_PIN = select_sql("member_pins", PIN_COLUMNS, "member_id = ?")
_SAVE_PIN = upsert_sql("member_pins", PIN_COLUMNS, ("member_id",))
_DAY = select_sql("closed_days", CLOSED_DAY_COLUMNS, "business_date = ?")
_INSERT_DAY = insert_sql("closed_days", CLOSED_DAY_COLUMNS)
