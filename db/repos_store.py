"""Repositories for the store's own things: settings, catalogue, staff, shifts, gifts, counters."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from db.card_secret import seal, unseal
from db.crypto import FieldCipher
from db.mapping_store import (
    GIFT_COLUMNS,
    PRODUCT_COLUMNS,
    SETTINGS_COLUMNS,
    SHIFT_COLUMNS,
    STAFF_COLUMNS,
    TERMINAL_COLUMNS,
    gift_from,
    gift_params,
    product_from,
    product_params,
    settings_from,
    settings_params,
    shift_from,
    shift_params,
    staff_from,
    staff_params,
    terminal_params,
)
from db.repos_driver import (
    fetch_all_named,
    fetch_named,
    fetch_one,
    insert_sql,
    select_sql,
    upsert_sql,
    write,
)
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
        row = fetch_named(self._s, _SETTINGS, ())
        if row is None:
            raise NotFound("store.not_initialised")
        stored = settings_from(row)
        return replace(stored, card_secret_hex=unseal(self._cipher, stored.card_secret_hex))

    def save(self, settings: StoreSettings) -> None:
        """Upsert the settings row and register the terminal it names."""
        self._terminal.forget()
        write(self._s, _SAVE_TERMINAL, lambda: terminal_params(settings))
        sealed = replace(settings, card_secret_hex=seal(self._cipher, settings.card_secret_hex))
        write(self._s, _SAVE_SETTINGS, lambda: settings_params(sealed))


class SqlProductRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, sku: str) -> Product | None:
        row = fetch_named(self._s, _PRODUCT, (sku,))
        return None if row is None else product_from(row)

    def by_barcode(self, code: str) -> Product | None:
        """Barcodes are not unique in the wild; an active product wins over a retired one."""
        row = fetch_named(self._s, _PRODUCT_BY_BARCODE, (code,))
        return None if row is None else product_from(row)

    def search(self, text: str, limit: int = 20) -> list[Product]:
        """Active products: SKU, barcode and pinyin-initial prefixes first, then name matches."""
        needle = text.strip()
        if not needle or limit <= 0:
            return []
        found: dict[str, Product] = {}
        for column, prefix in _prefix_terms(needle):
            self._collect(found, _PREFIX_SEARCH[column], (prefix, prefix + _PREFIX_END), limit)
        self._collect(found, _NAME_SEARCH, (needle.lower(),), limit)
        return list(found.values())

    def add(self, product: Product) -> None:
        write(self._s, _INSERT_PRODUCT, lambda: product_params(product))

    def save(self, product: Product) -> None:
        write(self._s, _SAVE_PRODUCT, lambda: product_params(product))

    def _collect(self, found: dict[str, Product], sql: str, params: tuple[str, ...],
                 limit: int) -> None:
        if len(found) >= limit:
            return
        for row in fetch_all_named(self._s, sql, (*params, limit)):
            if len(found) < limit:
                found.setdefault(row["sku"], product_from(row))


def _prefix_terms(needle: str) -> list[tuple[str, str]]:
    terms = [("sku", needle)]
    if needle.upper() != needle:
        terms.append(("sku", needle.upper()))
    terms.append(("barcode", needle))
    if needle.isascii() and needle.isalnum():
        terms.append(("pinyin_initials", needle.lower()))
    return terms


def _search_sql(condition: str) -> str:
    return select_sql("products", PRODUCT_COLUMNS, f"active = 1 AND {condition}",
                      "sku") + " LIMIT ?"


# A range test the column's index can answer (LIKE would scan: it folds case).
_PREFIX_SEARCH = {column: _search_sql(f"{column} >= ? AND {column} < ?")
                  for column in ("sku", "barcode", "pinyin_initials")}
_NAME_SEARCH = _search_sql("instr(lower(name), ?) > 0")


class SqlStaffRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, staff_id: str) -> Staff | None:
        row = fetch_named(self._s, _STAFF, (staff_id,))
        return None if row is None else staff_from(row)

    def by_number(self, number: str) -> Staff | None:
        row = fetch_named(self._s, _STAFF_BY_NUMBER, (number,))
        return None if row is None else staff_from(row)

    def add(self, staff: Staff) -> None:
        write(self._s, _INSERT_STAFF, lambda: staff_params(staff))

    def save(self, staff: Staff) -> None:
        write(self._s, _SAVE_STAFF, lambda: staff_params(staff))

    def all(self) -> list[Staff]:
        """Every staff account, active or not, by staff number."""
        return [staff_from(r) for r in fetch_all_named(self._s, _ALL_STAFF, ())]


class SqlShiftRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, shift_id: str) -> Shift | None:
        row = fetch_named(self._s, _SHIFT, (shift_id,))
        return None if row is None else shift_from(row)

    def open_for(self, cashier_id: str) -> Shift | None:
        row = fetch_named(self._s, _OPEN_FOR, (cashier_id,))
        return None if row is None else shift_from(row)

    def all_open(self) -> list[Shift]:
        return [shift_from(r) for r in fetch_all_named(self._s, _ALL_OPEN, ())]

    def add(self, shift: Shift) -> None:
        write(self._s, _INSERT_SHIFT, lambda: shift_params(shift))

    def save(self, shift: Shift) -> None:
        write(self._s, _SAVE_SHIFT, lambda: shift_params(shift))


class SqlGiftRepo:
    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, code: str) -> Gift | None:
        row = fetch_named(self._s, _GIFT, (code,))
        return None if row is None else gift_from(row)

    def all(self) -> list[Gift]:
        return [gift_from(r) for r in fetch_all_named(self._s, _ALL_GIFTS, ())]

    def add(self, gift: Gift) -> None:
        write(self._s, _INSERT_GIFT, lambda: gift_params(gift))

    def save(self, gift: Gift) -> None:
        write(self._s, _SAVE_GIFT, lambda: gift_params(gift))


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
        """Take the next `n` values in one statement (a batch of events); returns the last."""
        found = fetch_one(self._s, self._TAKE,
                          {"terminal": self._terminal.get(), "name": name, "n": n})
        assert found is not None
        return int(found[0])


_SETTINGS = select_sql("store_settings", SETTINGS_COLUMNS, "id = 1")
_SAVE_SETTINGS = upsert_sql("store_settings", SETTINGS_COLUMNS, ("id",))
_SAVE_TERMINAL = upsert_sql("terminals", TERMINAL_COLUMNS, ("id",))
_PRODUCT = select_sql("products", PRODUCT_COLUMNS, "sku = ?")
_INSERT_PRODUCT = insert_sql("products", PRODUCT_COLUMNS)
_SAVE_PRODUCT = upsert_sql("products", PRODUCT_COLUMNS, ("sku",))
_STAFF = select_sql("staff", STAFF_COLUMNS, "id = ?")
_STAFF_BY_NUMBER = select_sql("staff", STAFF_COLUMNS, "number = ?")
_ALL_STAFF = select_sql("staff", STAFF_COLUMNS, "1", "number")
_INSERT_STAFF = insert_sql("staff", STAFF_COLUMNS)
_SAVE_STAFF = upsert_sql("staff", STAFF_COLUMNS, ("id",))
_SHIFT = select_sql("shifts", SHIFT_COLUMNS, "id = ?")
_OPEN_FOR = select_sql("shifts", SHIFT_COLUMNS, "cashier_id = ? AND closed_at IS NULL",
                       "opened_at DESC") + " LIMIT 1"
_ALL_OPEN = select_sql("shifts", SHIFT_COLUMNS, "closed_at IS NULL", "opened_at, id")
_INSERT_SHIFT = insert_sql("shifts", SHIFT_COLUMNS)
_SAVE_SHIFT = upsert_sql("shifts", SHIFT_COLUMNS, ("id",))
_GIFT = select_sql("gifts", GIFT_COLUMNS, "code = ?")
_ALL_GIFTS = select_sql("gifts", GIFT_COLUMNS, "1", "code")
_INSERT_GIFT = insert_sql("gifts", GIFT_COLUMNS)
_SAVE_GIFT = upsert_sql("gifts", GIFT_COLUMNS, ("code",))
_PRODUCT_BY_BARCODE = select_sql("products", PRODUCT_COLUMNS, "barcode = ?",
                                 "active DESC, sku") + " LIMIT 1"
