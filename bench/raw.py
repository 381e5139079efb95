"""The raw-sqlite3 baselines: the same reads and writes as Kaika's paths, by hand, no ORM.

A baseline does no business logic: the figures it writes (prices, points, the coupon won, the
tier reached) are worked out by Kaika before the clock starts (bench/plans.py), so what is
timed is only what any hand-written till would have to do against this schema.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from db.crypto import default_key_path
from db.engine import PRAGMAS
from db.repos_cardholder import CARD_HOLDER, PANEL_EXTRAS
from db.seals import for_key_file, install
from domain.ids import new_id_str

# The member's id is column 7 (after the card's seven); balances are the last three.
CARD_TO_MEMBER = """
    SELECT c.number, c.state, c.expiry, c.kind, c.is_staff, c.replaced_by, c.issued_at, m.*,
           b.points, b.wallet_principal_fen, b.wallet_bonus_fen
    FROM cards c
    JOIN members m ON m.id = c.member_id
    JOIN member_balances b ON b.member_id = c.member_id
    WHERE c.number = ?"""
MEMBER_WITH_BALANCES = """
    SELECT m.*, b.points, b.wallet_principal_fen, b.wallet_bonus_fen
    FROM members m JOIN member_balances b ON b.member_id = m.id WHERE m.id = ?"""
PRODUCT = "SELECT * FROM products WHERE sku = ?"
NEXT = ("INSERT INTO counters (terminal_id, name, value) VALUES (?, ?, 1) "
        "ON CONFLICT (terminal_id, name) DO UPDATE SET value = value + 1 RETURNING value")


def named_insert(table: str, columns: str) -> str:
    """INSERT with :name placeholders, so rows can be plain dicts."""
    names = columns.split()
    return (f"INSERT INTO {table} ({', '.join(names)}) "
            f"VALUES ({', '.join(':' + n for n in names)})")


INSERT_SALE = named_insert("sales", """
    id receipt_no kind at business_date store_code terminal_code cashier_id total_fen
    rounding_fen member_id shift_id original_sale_id points_earned qualifying_fen
    coupons_redeemed applied rulepack approved_by member_tier birthday""")
INSERT_LINE = named_insert("sale_lines", """
    sale_id line_no sku name product_class category qty unit_price_fen list_fen discount_fen
    coupon_fen final_fen points_earned reasons original_line_no paid_fen""")
INSERT_TENDER = named_insert("tenders", """
    sale_id tender_no kind amount_fen reference points wallet_principal_fen wallet_bonus_fen
    coupon_code given_fen change_fen""")
INSERT_OUTBOX = (
    "INSERT INTO outbox (terminal_id, seq, event_id, type, payload, member_id, occurred_at, "
    "acked) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")
INSERT_LOT = (
    "INSERT INTO points_lots (id, member_id, earned_on, expires_on, points, remaining, source, "
    "sale_id) VALUES (?, ?, ?, ?, ?, ?, 'earn', ?)")
INSERT_POINTS = (
    "INSERT INTO points_ledger (id, member_id, kind, points, at, business_date, reason, "
    "sale_id, staff_id) VALUES (?, ?, 'earn', ?, ?, ?, '', ?, ?)")
MOVE_POINTS = "UPDATE member_balances SET points = points + ? WHERE member_id = ?"
INSERT_COUPON = (
    "INSERT INTO coupons (code, template_code, kind, amount_fen, rate, min_spend_fen, "
    "stackable, valid_from, valid_to, member_id, classes, gift_sku, issued_at, state, "
    "issued_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', 'spend_and_get')")
UPGRADE = "UPDATE members SET tier = ?, tier_since = ? WHERE id = ?"
INSERT_TIER_CHANGE = (
    "INSERT INTO tier_changes (id, member_id, at, from_tier, to_tier, reason) "
    "VALUES (?, ?, ?, ?, ?, 'upgrade')")


@dataclass(frozen=True, slots=True)
class RawSale:
    """A member sale, every figure known: what the baseline writes in one transaction."""

    sale_id: str
    member_id: str
    cashier_id: str
    business_date: str
    header: dict[str, Any]  # INSERT_SALE parameters but the number, time and JSON columns
    lines: list[dict[str, Any]]  # INSERT_LINE parameters, `reasons` still a list
    tenders: list[dict[str, Any]]  # INSERT_TENDER parameters
    payload: dict[str, Any]  # the sale.completed event, receipt number and time filled in
    points: int
    earned_on: str  # the lot's calendar date (the business date differs before day close)
    lot_expires_on: str | None
    coupon: tuple[Any, ...] | None  # INSERT_COUPON parameters but the time, if one is won
    coupon_payload: dict[str, Any] | None
    upgrade: tuple[str, str] | None  # (from tier, to tier) when the sale lifts the member


class RawStore:
    """A plain sqlite3 connection with the pragmas Kaika's engine sets (db/engine.py)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        for pragma in PRAGMAS:
            self.conn.execute(pragma)
        # The same sealing triggers fire for the baseline's rows as for Kaika's (db/seals.py).
        install(self.conn, for_key_file(default_key_path(path)))
        row = self.conn.execute(
            "SELECT terminal_id, store_code, terminal_code FROM store_settings").fetchone()
        self.terminal_id, self.store_code, self.terminal_code = row

    def close(self) -> None:
        self.conn.close()

    def member_by_card(self, number: str) -> tuple[Any, ...] | None:
        """Card, member and balances in one indexed join."""
        found: tuple[Any, ...] | None = self.conn.execute(CARD_TO_MEMBER, (number,)).fetchone()
        return found

    def member_panel(self, number: str, today: date, until: date) -> tuple[Any, ...] | None:
        """What a swipe reads for the member panel, by Kaika's own two statements (card,
        member and balances; then the lots expiring by `until` and usable coupons), with no
        mapping to records."""
        found: tuple[Any, ...] | None = self.conn.execute(CARD_HOLDER, (number,)).fetchone()
        if found is not None:
            self.conn.execute(PANEL_EXTRAS, {
                "member_id": found[1], "today": today.isoformat(),
                "expiring_by": until.isoformat(), "issued": "issued"}).fetchone()
        return found

    def products(self, skus: list[str]) -> list[tuple[Any, ...] | None]:
        """Each product by SKU, as a scanner brings them one at a time."""
        execute = self.conn.execute
        return [execute(PRODUCT, (sku,)).fetchone() for sku in skus]

    def basket_reads(self, member_id: str, skus: list[str]) -> int:
        """What pricing a basket reads: each product, then the member with balances."""
        found = sum(row is not None for row in self.products(skus))
        member = self.conn.execute(MEMBER_WITH_BALANCES, (member_id,)).fetchone()
        return found + (member is not None)

    def complete(self, sale: RawSale) -> str:
        """The member sale in one BEGIN IMMEDIATE transaction (WAL, synchronous=FULL)."""
        c = self.conn
        now = datetime.now(UTC)
        at = now.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
        c.execute("BEGIN IMMEDIATE")
        try:
            balance = c.execute(MEMBER_WITH_BALANCES, (sale.member_id,)).fetchone()
            receipt = self._receipt(c.execute(NEXT, (self.terminal_id, "receipt")).fetchone()[0])
            self._sale_rows(sale, receipt, at)
            self._emit("sale.completed", {
                **sale.payload, "receipt_no": receipt, "at": now.isoformat(),
                "store_code": self.store_code, "terminal_code": self.terminal_code},
                sale.member_id, at)
            self._earn(sale, balance[-3], at)
            if sale.coupon is not None and sale.coupon_payload is not None:
                c.execute(INSERT_COUPON, (*sale.coupon, at))
                self._emit("coupon.issued", sale.coupon_payload, sale.member_id, at)
            if sale.upgrade is not None:
                self._upgrade(sale, at)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return receipt

    def _receipt(self, number: int) -> str:
        return f"{self.store_code}-{self.terminal_code}-{number:06d}"

    def _sale_rows(self, sale: RawSale, receipt: str, at: str) -> None:
        """JSON columns are encoded here, as any till would have to at write time."""
        c = self.conn
        header = sale.header
        c.execute(INSERT_SALE, {
            **header, "receipt_no": receipt, "at": at, "store_code": self.store_code,
            "terminal_code": self.terminal_code, "applied": _json(header["applied"]),
            "coupons_redeemed": _json(header["coupons_redeemed"])})
        c.executemany(INSERT_LINE, [{**line, "reasons": _json(line["reasons"])}
                                    for line in sale.lines])
        c.executemany(INSERT_TENDER, sale.tenders)

    def _earn(self, sale: RawSale, balance: int, at: str) -> None:
        """A new lot, the ledger entry, the projection moved, and the event for head office."""
        if sale.points <= 0:
            return
        c = self.conn
        lot = sale.points if balance >= 0 else max(0, sale.points + balance)
        if lot > 0:
            c.execute(INSERT_LOT, (new_id_str(), sale.member_id, sale.earned_on,
                                   sale.lot_expires_on, lot, lot, sale.sale_id))
        entry_id = new_id_str()
        c.execute(INSERT_POINTS, (entry_id, sale.member_id, sale.points, at,
                                  sale.business_date, sale.sale_id, sale.cashier_id))
        c.execute(MOVE_POINTS, (sale.points, sale.member_id))
        self._emit("points.entry", {
            "id": entry_id, "member_id": sale.member_id, "kind": "earn", "points": sale.points,
            "at": at, "business_date": sale.business_date, "reason": "",
            "sale_id": sale.sale_id, "staff_id": sale.cashier_id}, sale.member_id, at)

    def _upgrade(self, sale: RawSale, at: str) -> None:
        assert sale.upgrade is not None
        old, new = sale.upgrade
        change_id = new_id_str()
        self.conn.execute(UPGRADE, (new, sale.business_date, sale.member_id))
        self.conn.execute(INSERT_TIER_CHANGE, (change_id, sale.member_id, at, old, new))
        self._emit("tier.changed", {"id": change_id, "member_id": sale.member_id, "at": at,
                                    "from_tier": old, "to_tier": new, "reason": "upgrade"},
                   sale.member_id, at)

    def _emit(self, event_type: str, payload: dict[str, Any], member_id: str, at: str) -> None:
        seq = self.conn.execute(NEXT, (self.terminal_id, "outbox.seq")).fetchone()[0]
        self.conn.execute(INSERT_OUTBOX, (self.terminal_id, seq, new_id_str(), event_type,
                                          _json(payload), member_id, at))


def _json(value: Any) -> str:
    """Kaika's stored JSON form: compact, keys sorted, CJK kept as is."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- the front desk's member search (bench/search.py) ----------------------------------------

SEARCH_LIMIT = 50
_TOP = "\U0010ffff"  # above every character: prefix + _TOP bounds a prefix range
BY_TERM = """
    SELECT m.* FROM member_search_terms t JOIN members m ON m.id = t.member_id
    WHERE t.kind = ? AND t.term >= ? AND t.term < ? ORDER BY t.term, t.member_id LIMIT ?"""
BY_CARD_PREFIX = """
    SELECT m.* FROM members m JOIN cards c ON c.member_id = m.id
    WHERE c.number >= ? AND c.number < ? ORDER BY c.number LIMIT ?"""
BY_MOBILE_PREFIX = "SELECT * FROM members WHERE mobile >= ? AND mobile < ? ORDER BY mobile LIMIT ?"
RECENT = "SELECT * FROM members ORDER BY joined_on DESC, name LIMIT ?"
CARDS_OF = "SELECT * FROM cards WHERE member_id = ?"
BALANCES_OF = "SELECT * FROM member_balances WHERE member_id = ?"


class RawSearch:
    """The desk's member search by hand on the same index: the same ranges, then each hit's
    cards and balances; no checking of hits, no mapping to records."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> set[str]:
        """The member ids found (the hits' cards and balances are read, then dropped)."""
        if not text:
            rows = self.conn.execute(RECENT, (limit,)).fetchall()
        elif text.isdigit():
            rows = self._digits(text, limit)
        elif text.isascii() and text.isalnum():
            rows = self._terms("i", text.lower(), limit) + self._terms("n", text.lower(), limit)
        else:
            rows = self._terms("n", text, limit)
        ids = list(dict.fromkeys(row[0] for row in rows))[:limit]
        for member_id in ids:
            self.conn.execute(CARDS_OF, (member_id,)).fetchall()
            self.conn.execute(BALANCES_OF, (member_id,)).fetchone()
        return set(ids)

    def _digits(self, digits: str, limit: int) -> list[tuple[Any, ...]]:
        upper = digits + ":"
        rows = self.conn.execute(BY_CARD_PREFIX, (digits, upper, limit)).fetchall()
        rows += self.conn.execute(BY_MOBILE_PREFIX, (digits, upper, limit)).fetchall()
        return rows + self._terms("m", digits[::-1], limit) if len(digits) >= 4 else rows

    def _terms(self, kind: str, prefix: str, limit: int) -> list[tuple[Any, ...]]:
        """A page twice the limit, larger while members repeat (as Kaika reads it)."""
        page = limit * 2
        while True:
            rows = self.conn.execute(BY_TERM, (kind, prefix, prefix + _TOP, page)).fetchall()
            if len({row[0] for row in rows}) >= limit or len(rows) < page:
                return rows
            page *= 4
