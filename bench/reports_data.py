"""What the reports benchmark needs in a generated store: sales behind the ledger, a busy day.

bench/generate.py writes members and ledgers but no sales, so the Analysis and Tiers pages
would group nothing. `history_sales` gives every generated `earn` entry the sale it names
(one line each, a product's category, 1 point per yuan), in one INSERT ... SELECT each for
sales and lines. `busy_day` then rings ~6,000 member sales today through the till's own
services, as a busy Saturday would, so the points report has a full day to open.
"""

from __future__ import annotations

import random
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

from bench.generate import CASHIER
from desktop.bootstrap import App
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.staff import login

_SALES = """
    INSERT INTO sales (id, receipt_no, kind, at, business_date, store_code, terminal_code,
                       cashier_id, total_fen, member_id, points_earned, qualifying_fen,
                       rulepack, member_tier)
    SELECT e.sale_id, 'H-' || e.rowid, 'sale', e.at, e.business_date, :store, :terminal,
           :cashier, e.points * 100, e.member_id, e.points, e.points * 100, 'fashion', ''
    FROM points_ledger e WHERE e.kind = 'earn' AND e.sale_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = e.sale_id)"""
# One line per sale: a product picked by the entry's rowid, so categories spread.
_LINES = """
    INSERT INTO sale_lines (sale_id, line_no, sku, name, product_class, category, qty,
                            unit_price_fen, list_fen, discount_fen, coupon_fen, final_fen,
                            points_earned, paid_fen)
    SELECT s.id, 1, p.sku, p.name, p.product_class, p.category, 1, s.total_fen, s.total_fen,
           0, 0, s.total_fen, s.points_earned, s.total_fen
    FROM sales s JOIN products p ON p.rowid = 1 + (s.rowid * 7919) % :products
    WHERE s.receipt_no LIKE 'H-%'
      AND NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = s.id)"""


def history_sales(path: Path) -> int:
    """Sales for the generated earn entries that have none; returns how many were added."""
    conn = sqlite3.connect(path)
    try:
        store, terminal = conn.execute(
            "SELECT store_code, terminal_code FROM store_settings").fetchone()
        cashier = conn.execute("SELECT id FROM staff WHERE number = ?",
                               (CASHIER[0],)).fetchone()[0]
        products = conn.execute("SELECT MAX(rowid) FROM products").fetchone()[0]
        with conn:
            added = conn.execute(_SALES, {"store": store, "terminal": terminal,
                                          "cashier": cashier}).rowcount
            conn.execute(_LINES, {"products": products})
        return added
    finally:
        conn.close()


def sales_on(path: Path, day: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM sales WHERE business_date = ?",
                                (day,)).fetchone()[0])
    finally:
        conn.close()


def busy_day(app: App, sales: int, seed: int = 17) -> float:
    """Ring `sales` member sales of 1–3 lines, cash, through the services; seconds taken."""
    rng = random.Random(seed)
    conn = sqlite3.connect(app.store.path)
    try:
        top = conn.execute("SELECT MAX(rowid) FROM cards").fetchone()[0]
        cards = [conn.execute("SELECT number, member_id FROM cards WHERE rowid = ?",
                              (r,)).fetchone() for r in rng.sample(range(1, top + 1), sales)]
        skus = [r[0] for r in conn.execute(
            "SELECT sku FROM products WHERE active = 1 AND product_class = 'regular'")]
    finally:
        conn.close()
    cashier = login(app.ctx, CASHIER[0], CASHIER[2]).id
    start = time.perf_counter()
    for number, member_id in cards:
        cart = carts.start_sale(app.ctx, cashier)
        cart = replace(cart, member_id=member_id, card_number=number)
        for sku in rng.sample(skus, rng.randint(1, 3)):
            cart = carts.add_item(app.ctx, cart, sku)
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        checkout.complete(app.ctx, cart)
    return time.perf_counter() - start
