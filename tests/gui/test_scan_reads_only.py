"""Scans and swipes only read: with another process holding the store's write lock (the sync
loop applying a pull, `kaika import`, a day close elsewhere), a scan still adds its line and a
card still finds its member. Were either to take the write lock it would wait out the busy
timeout and fail with "database is locked"."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator

import pytest

from desktop.bootstrap import App
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.lookup import LookupModel
from desktop.viewmodels.member_finder import DeskMember
from desktop.viewmodels.returns import ReturnViewModel
from desktop.viewmodels.sale import Routed, SaleViewModel
from domain.catalog import Product
from domain.records import Staff, TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.setup import add_products
from hardware.tracks import Tracks


def hold_write_lock(store: App) -> sqlite3.Connection:
    """Another connection in the middle of a write transaction, as another process would be."""
    other = sqlite3.connect(str(store.store.path), isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE products SET name = name || '' WHERE sku = 'A1001'")
    return other


@pytest.fixture
def writer(store: App) -> Iterator[sqlite3.Connection]:
    other = hold_write_lock(store)
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_a_scan_and_a_swipe_while_another_process_writes(
        env: TillEnv, cashier: Staff, cards: list[str], writer: sqlite3.Connection) -> None:
    sale = SaleViewModel.start(env, cashier, None)
    assert sale.enter("A1001").kind is Routed.ITEM
    assert sale.enter("6901234567984").kind is Routed.ITEM
    assert sale.enter(cards[0]).kind is Routed.MEMBER
    view = sale.view()
    assert [ln.sku for ln in view.lines] == ["A1001", "F6001"]
    assert view.member is not None and view.total_fen > 0
    assert writer.in_transaction  # the other writer held its lock throughout


def test_every_other_scan_and_look_up_while_another_process_writes(
        store: App, env: TillEnv, cashier: Staff, cards: list[str],
        stripe: Callable[[str], str]) -> None:
    """The other ways a code reaches the store: a scale label, a mobile, a swipe and a typed
    name at the till, the return dialog's receipt and item scans, the front desk's look-ups."""
    add_products(store.ctx, [Product("00123", "散装糖果", 4980, is_weighed=True)])
    receipt = _paid_sale(store, cashier)
    track2 = stripe(cards[1]).strip(";?")
    other = hold_write_lock(store)
    try:
        sale = SaleViewModel.start(env, cashier, None)
        sale.add_weighed("00123", 1250, None)
        assert sale.enter("13800138000").kind is Routed.MEMBER  # 张三's mobile
        assert sale.attach_swipe(None, track2).member.name == "李四"
        found = sale.search("A100")
        assert found and found[0].sku.startswith("A100")
        assert [ln.sku for ln in sale.view().lines] == ["00123"]
        back = ReturnViewModel(env, cashier)
        assert back.load(receipt).receipt_no == receipt
        assert back.line_of("A1001") == 1
        assert back.product("F6001").sku == "F6001"
        desk = DeskMember(env)
        zhang = desk.by_code(cards[0]).member
        li = desk.by_swipe(None, track2).member
        assert (zhang.name, li.name) == ("张三", "李四")
        assert desk.by_text("13900139000").member.id == li.id
        lookup = LookupModel(env)
        assert lookup.by_code(cards[0]) == zhang.id
        assert lookup.by_swipe(Tracks(track2=track2)) == li.id
        assert zhang.id in [hit.member_id for hit in lookup.search("13800138000")]
        assert other.in_transaction  # the other writer held its lock throughout
    finally:
        other.execute("ROLLBACK")
        other.close()


def _paid_sale(store: App, cashier: Staff) -> str:
    cart = carts.start_sale(store.ctx, cashier.id)
    cart = carts.add_item(store.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH, given_fen=60000))
    return checkout.complete(store.ctx, cart).sale.receipt_no
