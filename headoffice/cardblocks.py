"""Card numbers at head office: a brand per merchant, serial blocks per terminal, pre-printed
stock per store, never overlapping, so numbers issued offline never collide (DOMAIN §4).

A prefix `BB L RRRR` belongs to the merchant whose brand is `BB`. Its row in `card_prefixes` is
locked while a block is allotted or stock registered under it. A new block starts above every
block of the prefix and goes around registered stock and every card head office knows there
(numbers issued before blocks, or before a store enrolled), so it holds no number ever issued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from domain import serials
from domain.cards import NUMBER_LENGTH, make_card_number
from domain.errors import DomainError, NotFound, ValidationError
from domain.ids import new_id_str
from domain.serials import PREFIX_LENGTH, BlockUse, SerialBlock
from headoffice.batch import Terminal
from headoffice.feed import FeedWriter
from headoffice.sql import for_update, insert_ignore
from headoffice.tables import (
    card_blocks,
    card_prefixes,
    card_stock,
    cards,
    merchants,
    store_items,
    stores,
)
from sync.schema import CardBlock

# The brands head office gives when the operator names none: 10-99, then 01-09.
AUTO_BRANDS = [f"{n:02d}" for n in range(10, 100)] + [f"{n:02d}" for n in range(1, 10)]
DEFAULT_BLOCK_SIZE = 500
STOCK = "card_stock"  # the change entity tills pull


def choose_brand(conn: Connection, wanted: str | None, preferred: str) -> str:
    """A new merchant's brand: the operator's (`--brand`), else the pack's when no merchant has
    it and no card carries it, else the first such brand of AUTO_BRANDS."""
    if wanted is not None:
        if not re.fullmatch(r"[0-9]{2}", wanted):
            raise ValidationError("merchant.brand_invalid", field="brand", brand=wanted)
        if brand_owner(conn, wanted) is not None:
            raise ValidationError("merchant.brand_taken", field="brand", brand=wanted)
        return wanted
    for brand in (preferred, *AUTO_BRANDS):
        if brand_owner(conn, brand) is None and not _carried(conn, brand):
            return brand
    raise DomainError("merchant.no_brand_left")


def brand_owner(conn: Connection, brand: str) -> str | None:
    """The merchant whose card numbers start with `brand`."""
    found = conn.scalar(sa.select(merchants.c.id).where(merchants.c.brand == brand))
    return str(found) if found is not None else None


def _carried(conn: Connection, brand: str) -> bool:
    return conn.scalar(sa.select(cards.c.number).where(
        cards.c.number >= brand, cards.c.number < brand + ":").limit(1)) is not None


def blocks_for(conn: Connection, terminal: Terminal, level: str, size: int,
               now: datetime) -> tuple[str, list[CardBlock]]:
    """The merchant's brand and the terminal's blocks that still have numbers; a new block is
    allotted first when fewer than half of `size` are left (so a retry allots nothing more).

    Raises:
        DomainError: card.serials_exhausted (`prefix`): none left and none to allot.
    """
    brand, region = _brand_and_region(conn, terminal.store_id)
    prefix = brand + level + region
    lock(conn, prefix)
    uses = [BlockUse(b, highest(conn, b)) for b in _blocks_of(conn, terminal.id, prefix)]
    if serials.serials_left(uses) < max(1, size // 2):
        new = _allot(conn, terminal, prefix, size, now)
        if new is not None:
            uses.append(BlockUse(new, None))
        elif not serials.serials_left(uses):
            raise DomainError("card.serials_exhausted", prefix=prefix)
    return brand, [CardBlock(prefix=u.block.prefix, first=u.block.first, last=u.block.last)
                   for u in uses if u.left > 0]


def _brand_and_region(conn: Connection, store_id: str) -> tuple[str, str]:
    row = conn.execute(sa.select(merchants.c.brand, stores.c.region_code)
                       .join(merchants, merchants.c.id == stores.c.merchant_id)
                       .where(stores.c.id == store_id)).one()
    return str(row.brand), str(row.region_code)


def lock(conn: Connection, prefix: str) -> None:
    """Serialise allotments and registrations under one prefix (a row lock; SQLite's writes
    are serial anyway)."""
    insert_ignore(conn, card_prefixes, [{"prefix": prefix}])
    conn.execute(for_update(conn, sa.select(card_prefixes.c.prefix).where(
        card_prefixes.c.prefix == prefix)))


def _blocks_of(conn: Connection, terminal_id: str, prefix: str) -> list[SerialBlock]:
    rows = conn.execute(sa.select(card_blocks.c.first_serial, card_blocks.c.last_serial).where(
        card_blocks.c.terminal_id == terminal_id, card_blocks.c.prefix == prefix)
        .order_by(card_blocks.c.first_serial))
    return [SerialBlock(prefix, r.first_serial, r.last_serial) for r in rows]


def number_bounds(block: SerialBlock) -> tuple[str, str]:
    """The lowest and highest 13-digit strings of the block's serials (check digits aside)."""
    return f"{block.prefix}{block.first:05d}0", f"{block.prefix}{block.last:05d}9"


def highest(conn: Connection, block: SerialBlock) -> int | None:
    """The highest serial of a card head office knows in the block."""
    low, high = number_bounds(block)
    found = conn.scalar(sa.select(sa.func.max(cards.c.number)).where(
        cards.c.number >= low, cards.c.number <= high))
    return int(found[PREFIX_LENGTH:-1]) if found else None


def _allot(conn: Connection, terminal: Terminal, prefix: str, size: int,
           now: datetime) -> SerialBlock | None:
    """The next block above the prefix's last one, around registered stock and every number
    head office already knows there (a number some till issued outside blocks reserves
    itself alone, so one far up the range cannot use the prefix up)."""
    top = conn.scalar(sa.select(sa.func.max(card_blocks.c.last_serial)).where(
        card_blocks.c.prefix == prefix)) or 0
    reserved = [(s.first, s.last) for s in _stock_under(conn, prefix)]
    reserved += serials.runs(_known_serials(conn, prefix, top + 1))
    run = serials.free_run(top + 1, reserved, size)
    if run is None:
        return None
    conn.execute(card_blocks.insert().values(
        prefix=prefix, first_serial=run[0], last_serial=run[1],
        merchant_id=terminal.merchant_id, store_id=terminal.store_id,
        terminal_id=terminal.id, allotted_at=now))
    return SerialBlock(prefix, *run)


def _known_serials(conn: Connection, prefix: str, floor: int) -> list[int]:
    """Serials of the cards head office knows under `prefix` from `floor` on."""
    numbers = conn.scalars(sa.select(cards.c.number).where(
        cards.c.number >= f"{prefix}{floor:05d}0", cards.c.number <= f"{prefix}999999"))
    return [int(n[PREFIX_LENGTH:-1]) for n in numbers
            if len(n) == NUMBER_LENGTH and n.isascii() and n.isdigit()]


def _stock_under(conn: Connection, prefix: str) -> list[SerialBlock]:
    rows = conn.execute(sa.select(card_stock.c.first_serial, card_stock.c.last_serial).where(
        card_stock.c.prefix == prefix))
    return [SerialBlock(prefix, r.first_serial, r.last_serial) for r in rows]


@dataclass(frozen=True, slots=True)
class Stock:
    id: str
    store_code: str
    first_number: str
    last_number: str
    count: int


def register_stock(conn: Connection, store_code: str, first_number: str, last_number: str,
                   now: datetime) -> Stock:
    """Pre-printed cards from one number to another become the store's: its tills may link
    them (they learn of them by pull) and no block or other store will ever hold them.

    Raises:
        NotFound: store.unknown.
        ValidationError: card.bad_number, card.range_invalid, card.other_brand (the numbers
            do not carry the store's merchant's brand).
        DomainError: card.range_taken (`what` = block | stock | card, `number`).
    """
    block = serials.number_range(first_number, last_number)
    store = conn.execute(sa.select(stores.c.id, stores.c.merchant_id, merchants.c.brand)
                         .join(merchants, merchants.c.id == stores.c.merchant_id)
                         .where(stores.c.code == store_code)).first()
    if store is None:
        raise NotFound("store.unknown", code=store_code)
    if block.prefix[:2] != store.brand:
        raise ValidationError("card.other_brand", field="from", brand=block.prefix[:2],
                              merchant_brand=store.brand)
    lock(conn, block.prefix)
    same = conn.scalar(sa.select(card_stock.c.id).where(
        card_stock.c.store_id == store.id, card_stock.c.prefix == block.prefix,
        card_stock.c.first_serial == block.first, card_stock.c.last_serial == block.last))
    if same is None:
        _refuse_overlap(conn, block)
        same = new_id_str()
        conn.execute(card_stock.insert().values(
            id=same, prefix=block.prefix, first_serial=block.first, last_serial=block.last,
            merchant_id=store.merchant_id, store_id=store.id, registered_at=now))
        _announce(conn, store.id, same, block, now)
    low, high = (serials_number(block, s) for s in (block.first, block.last))
    return Stock(str(same), store_code, low, high, block.size)


def serials_number(block: SerialBlock, serial: int) -> str:
    """The full card number (check digit included) of a serial of the block's prefix."""
    return make_card_number(block.prefix[:2], block.prefix[2], block.prefix[3:], serial)


def _refuse_overlap(conn: Connection, block: SerialBlock) -> None:
    for table, what in ((card_blocks, "block"), (card_stock, "stock")):
        clash = conn.execute(sa.select(table.c.first_serial).where(
            table.c.prefix == block.prefix, table.c.first_serial <= block.last,
            table.c.last_serial >= block.first).limit(1)).first()
        if clash is not None:
            raise DomainError("card.range_taken", field="from", what=what,
                              number=serials_number(block, max(clash.first_serial, block.first)))
    known = highest(conn, block)
    if known is not None:
        raise DomainError("card.range_taken", field="from", what="card",
                          number=serials_number(block, known))


def _announce(conn: Connection, store_id: str, stock_id: str, block: SerialBlock,
              now: datetime) -> None:
    data: dict[str, Any] = {"id": stock_id, "prefix": block.prefix, "first": block.first,
                            "last": block.last}
    conn.execute(store_items.insert().values(store_id=store_id, entity=STOCK,
                                             entity_id=stock_id, version=1, data=data))
    feed = FeedWriter()
    feed.store(store_id, STOCK, stock_id)
    feed.flush(conn, now)


def listing(conn: Connection, store_code: str | None = None) -> list[dict[str, Any]]:
    """Every block and registered stock range, by store and number (the operator's view)."""
    out: list[dict[str, Any]] = []
    for table, kind, who in ((card_blocks, "block", card_blocks.c.terminal_id),
                             (card_stock, "stock", card_stock.c.id)):
        stmt = (sa.select(table.c.prefix, table.c.first_serial, table.c.last_serial,
                          stores.c.code.label("store"), who.label("of"))
                .join(stores, stores.c.id == table.c.store_id))
        if store_code:
            stmt = stmt.where(stores.c.code == store_code)
        for r in conn.execute(stmt):
            block = SerialBlock(r.prefix, r.first_serial, r.last_serial)
            out.append({"kind": kind, "store": r.store, "of": r.of,
                        "from": serials_number(block, block.first),
                        "to": serials_number(block, block.last), "count": block.size})
    return sorted(out, key=lambda x: (x["store"], x["from"]))
