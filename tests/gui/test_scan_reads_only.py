"""Scans and swipes only read: with another process holding the store's write lock (the sync
loop applying a pull, `kaika import`, a day close elsewhere), a scan still adds its line and a
card still finds its member. Were either to take the write lock it would wait out the busy
timeout and fail with "database is locked"."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from desktop.bootstrap import App
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.sale import Routed, SaleViewModel
from domain.records import Staff


@pytest.fixture
def writer(store: App) -> Iterator[sqlite3.Connection]:
    """Another connection in the middle of a write transaction, as another process would be."""
    other = sqlite3.connect(str(store.store.path), isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE products SET name = name || '' WHERE sku = 'A1001'")
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
