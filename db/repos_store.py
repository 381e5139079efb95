"""Repositories for the store's own things: settings, catalogue, staff, shifts, gifts, counters."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from db.card_secret import seal, unseal
from db.crypto import FieldCipher
from db.mapping_plain import (
    PRODUCT_COLUMNS,
    SETTINGS_COLUMNS,
    product_from_plain,
    settings_from_plain,
)
from db.mapping_store import (
    gift_from_row,
    gift_to_row,
    product_from_row,
    product_to_row,
    settings_to_row,
    shift_from_row,
    shift_to_row,
    staff_from_row,
    staff_to_row,
)
from db.repos_driver import fetch_one, select_sql
from db.rows import GiftRow, ProductRow, ShiftRow, StaffRow, TerminalRow
from db.rows_base import insert_row
from db.txcache import TxCache
from domain.catalog import Product
from domain.errors import NotFound
from domain.records import Gift, Shift, Staff, StoreSettings

# Appended to a prefix it bounds every string that starts with it (binary collation).
_PREFIX_END = "\U0010ffff"


class TerminalRef:
    """This till's terminal id, which counters and the outbox key on; read once per transaction."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self._cache = TxCache[str](session)

    def get(self) -> str:
        cached = self._cache.get()
        if cached is None:
            # fetch_one flushes, so settings saved earlier in this transaction are seen.
            row = fetch_one(self._s, "SELECT terminal_id FROM store_settings WHERE id = 1", ())
            if row is None:
                raise NotFound("store.not_initialised")
            cached = str(row[0])
            self._cache.set(cached)
        return cached

    def forget(self) -> None:
        self._cache.clear()


class SqlSettingsRepo:
    """The card secret is sealed on the way in and opened on the way out (db/card_secret.py)."""

    def __init__(self, session: Session, terminal: TerminalRef, cipher: FieldCipher) -> None:
        self._s = session
        self._terminal = terminal
        self._cipher = cipher

    def get(self) -> StoreSettings:
        row = fetch_one(self._s, _SETTINGS, ())
        if row is None:
            raise NotFound("store.not_initialised")
        stored = settings_from_plain(row)
        return replace(stored, card_secret_hex=unseal(self._cipher, stored.card_secret_hex))

    def save(self, settings: StoreSettings) -> None:
        """Upsert the settings row and register the terminal it names."""
        self._terminal.forget()
        self._s.merge(TerminalRow(id=settings.terminal_id, store_id=settings.store_id,
                                  code=settings.terminal_code, name=settings.terminal_code,
                                  active=True))
        sealed = replace(settings, card_secret_hex=seal(self._cipher, settings.card_secret_hex))
        self._s.merge(settings_to_row(sealed))


class SqlProductRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, sku: str) -> Product | None:
        row = fetch_one(self._s, _PRODUCT, (sku,))
        return None if row is None else product_from_plain(row)

    def by_barcode(self, code: str) -> Product | None:
        """Barcodes are not unique in the wild; an active product wins over a retired one."""
        row = fetch_one(self._s, _PRODUCT_BY_BARCODE, (code,))
        return None if row is None else product_from_plain(row)

    def search(self, text: str, limit: int = 20) -> list[Product]:
        """Active products: SKU, barcode and pinyin-initial prefixes first, then name matches."""
        needle = text.strip()
        if not needle or limit <= 0:
            return []
        found: dict[str, ProductRow] = {}
        for column, prefix in self._prefix_terms(needle):
            self._collect(found, _prefix(column, prefix), limit)
        self._collect(found, func.instr(func.lower(ProductRow.name), needle.lower()) > 0, limit)
        return [product_from_row(row) for row in found.values()]

    def add(self, product: Product) -> None:
        insert_row(self._s, product_to_row(product))

    def save(self, product: Product) -> None:
        self._s.merge(product_to_row(product))

    @staticmethod
    def _prefix_terms(needle: str) -> list[tuple[InstrumentedAttribute[Any], str]]:
        terms: list[tuple[InstrumentedAttribute[Any], str]] = [(ProductRow.sku, needle)]
        if needle.upper() != needle:
            terms.append((ProductRow.sku, needle.upper()))
        terms.append((ProductRow.barcode, needle))
        if needle.isascii() and needle.isalnum():
            terms.append((ProductRow.pinyin_initials, needle.lower()))
        return terms

    def _collect(self, found: dict[str, ProductRow], condition: ColumnElement[bool],
                 limit: int) -> None:
        if len(found) >= limit:
            return
        stmt = (select(ProductRow).where(ProductRow.active.is_(True), condition)
                .order_by(ProductRow.sku).limit(limit))
        for row in self._s.scalars(stmt):
            if len(found) < limit:
                found.setdefault(row.sku, row)


def _prefix(column: InstrumentedAttribute[Any], prefix: str) -> ColumnElement[bool]:
    """A range test the column's index can answer (LIKE would scan: it folds case)."""
    return (column >= prefix) & (column < prefix + _PREFIX_END)


class SqlStaffRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, staff_id: str) -> Staff | None:
        row = self._s.get(StaffRow, staff_id)
        return None if row is None else staff_from_row(row)

    def by_number(self, number: str) -> Staff | None:
        row = self._s.scalar(select(StaffRow).where(StaffRow.number == number))
        return None if row is None else staff_from_row(row)

    def add(self, staff: Staff) -> None:
        insert_row(self._s, staff_to_row(staff))

    def save(self, staff: Staff) -> None:
        self._s.merge(staff_to_row(staff))

    def all(self) -> list[Staff]:
        """Every staff account, active or not, by staff number."""
        return [staff_from_row(r) for r in self._s.scalars(select(StaffRow).order_by(
            StaffRow.number))]


class SqlShiftRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, shift_id: str) -> Shift | None:
        row = self._s.get(ShiftRow, shift_id)
        return None if row is None else shift_from_row(row)

    def open_for(self, cashier_id: str) -> Shift | None:
        stmt = (select(ShiftRow)
                .where(ShiftRow.cashier_id == cashier_id, ShiftRow.closed_at.is_(None))
                .order_by(ShiftRow.opened_at.desc()).limit(1))
        row = self._s.scalar(stmt)
        return None if row is None else shift_from_row(row)

    def all_open(self) -> list[Shift]:
        stmt = (select(ShiftRow).where(ShiftRow.closed_at.is_(None))
                .order_by(ShiftRow.opened_at, ShiftRow.id))
        return [shift_from_row(r) for r in self._s.scalars(stmt)]

    def add(self, shift: Shift) -> None:
        insert_row(self._s, shift_to_row(shift))

    def save(self, shift: Shift) -> None:
        self._s.merge(shift_to_row(shift))


class SqlGiftRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, code: str) -> Gift | None:
        row = self._s.get(GiftRow, code)
        return None if row is None else gift_from_row(row)

    def all(self) -> list[Gift]:
        return [gift_from_row(r) for r in self._s.scalars(select(GiftRow).order_by(GiftRow.code))]

    def add(self, gift: Gift) -> None:
        insert_row(self._s, gift_to_row(gift))

    def save(self, gift: Gift) -> None:
        self._s.merge(gift_to_row(gift))


class SqlCounters:
    """Gapless because the increment is part of the caller's transaction: a rollback undoes it."""

    _NEXT = (
        "INSERT INTO counters (terminal_id, name, value) VALUES (:terminal, :name, 1) "
        "ON CONFLICT (terminal_id, name) DO UPDATE SET value = value + 1 RETURNING value")
    _TAKE = (
        "INSERT INTO counters (terminal_id, name, value) VALUES (:terminal, :name, :n) "
        "ON CONFLICT (terminal_id, name) DO UPDATE SET value = value + :n RETURNING value")

    def __init__(self, session: Session, terminal: TerminalRef) -> None:
        self._s = session
        self._terminal = terminal

    def next(self, name: str) -> int:
        # Plain SQL: several per sale (receipt number, one per outbox event).
        found = fetch_one(self._s, self._NEXT, {"terminal": self._terminal.get(), "name": name})
        assert found is not None  # RETURNING always yields the row it wrote
        return int(found[0])

    def take(self, name: str, n: int) -> int:
        """The next `n` values at once (a bulk write); returns the last, n >= 1."""
        params = {"terminal": self._terminal.get(), "name": name, "n": n}
        found = fetch_one(self._s, self._TAKE, params)
        assert found is not None
        return int(found[0])


_SETTINGS = select_sql("store_settings", SETTINGS_COLUMNS, "id = 1")
_PRODUCT = select_sql("products", PRODUCT_COLUMNS, "sku = ?")
_PRODUCT_BY_BARCODE = select_sql("products", PRODUCT_COLUMNS, "barcode = ?",
                                 "active DESC, sku") + " LIMIT 1"
