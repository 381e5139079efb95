"""The member import copies the write-ahead log back itself (SQLite's copying at every
commit is off for its batches): between batches and at its end, outside its transactions,
while a till on the same store goes on selling; a killed import's log is copied back and
emptied by the next open of the store, and the store is as an uninterrupted run leaves it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

import db.wal
from db.store import StoreDb
from db.wal import copy_back, log_bytes
from desktop.bootstrap import open_app
from desktop.sheets import read_table
from domain.catalog import Product
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, imports
from domain.services.context import ServiceContext
from domain.services.setup import add_products
from tests.integration.test_import_resume import (
    cli,
    copy_store,
    killed_child,
    member_file,
    snapshot,
    store,
    verified,
)
from tests.staffing import cashier, manager

__all__ = ["store"]  # the store fixture, shared with the resume tests

BATCH = 4  # as the resume tests' child: 23 good rows in 6 batches


def _paid_sale(ctx: ServiceContext, cashier_id: str) -> str:
    cart = carts.add_item(ctx, carts.start_sale(ctx, cashier_id), "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH, given_fen=10000))
    return checkout.complete(ctx, cart).sale.receipt_no


def test_an_import_copies_the_log_back_between_batches_and_empties_it_at_the_end(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports, "COPY_BACK_BATCHES", 2)
    app = open_app(store)
    try:
        calls: list[bool] = []
        real = app.ctx.copy_back_log
        assert real is not None

        def spy(final: bool) -> None:
            calls.append(final)
            real(final)

        app.ctx.copy_back_log = spy
        done = imports.import_members(app.ctx, read_table(member_file(tmp_path / "m.csv")),
                                      {}, manager(app.ctx), batch_rows=BATCH)
        assert len(done.member_ids) == 23
        assert calls == [False, False, True]  # after batches 2 and 4, then at the end (6)
        assert log_bytes(store) == 0  # emptied while the store is still open
        with sqlite3.connect(store) as raw:  # so the rows are in the file itself
            assert raw.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 23
    finally:
        app.close()


def test_the_till_sells_while_an_import_runs_and_copies_its_log_back(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The till is another store opened on the file (its own connections, as its process
    has); it sells on a thread of its own throughout, and the import waits at each batch's
    end until the till has sold once more, so sales fall between, during and after batches
    and copy-backs."""
    monkeypatch.setattr(imports, "COPY_BACK_BATCHES", 2)
    importer, till = open_app(store), open_app(store)
    add_products(till.ctx, [Product("A1001", "矿泉水", 200)])
    seller = cashier(till.ctx)
    sold: list[str] = []
    failed: list[BaseException] = []
    another, stop = threading.Event(), threading.Event()

    def sell() -> None:
        try:
            while not stop.is_set():
                sold.append(_paid_sale(till.ctx, seller))
                another.set()
        except BaseException as err:  # reported by the test below
            failed.append(err)
            another.set()

    class WaitForASale:
        def step(self, done: int, total: int | None, label: str = "") -> None:
            another.clear()
            assert another.wait(120), "the till sold nothing during the import"

        def cancelled(self) -> bool:
            return False

    thread = threading.Thread(target=sell)
    thread.start()
    try:
        done = imports.import_members(
            importer.ctx, read_table(member_file(tmp_path / "m.csv")), {},
            manager(importer.ctx), batch_rows=BATCH, progress=WaitForASale())
    finally:
        stop.set()
        thread.join()
        importer.close()
    try:
        assert failed == []  # no "database is locked"
        assert len(done.member_ids) == 23 and len(sold) >= 7  # one per batch, one at start
        with sqlite3.connect(store) as raw:
            receipts = {r[0] for r in raw.execute("SELECT receipt_no FROM sales")}
        assert receipts == set(sold)
    finally:
        till.close()


def test_copying_back_neither_waits_for_nor_stops_another_writer(store: Path) -> None:
    app = open_app(store)
    try:
        add_products(app.ctx, [Product("A1001", "矿泉水", 200)])  # some log to copy
        other = sqlite3.connect(store, isolation_level=None, timeout=0)
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE products SET name = '矿泉水 550ml' WHERE sku = 'A1001'")
        copy_back(store, shrink=True)  # no "database is locked": it does not take the lock
        other.execute("COMMIT")  # and the writer was not held back (timeout 0)
        other.execute("BEGIN")
        other.execute("SELECT COUNT(*) FROM products").fetchone()  # a reader on the log
        done = copy_back(store, shrink=True)
        assert done.log_pages > 0  # the reader keeps the log: the shrink gave up
        other.execute("COMMIT")
        other.close()
        assert copy_back(store, shrink=True) == (False, 0, 0)  # now emptied
    finally:
        app.close()


def test_a_killed_imports_log_is_copied_back_at_the_next_open_and_the_import_resumes(
        store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    csv = member_file(tmp_path / "members.csv")
    (tmp_path / "whole").mkdir()
    whole = copy_store(store, tmp_path / "whole")
    killed = killed_child(store, csv, "between")  # after three batches committed
    assert killed.returncode == -9, killed.stderr
    left = log_bytes(store)
    assert left > 0  # its batches are in the log only: nothing copied them back
    monkeypatch.setattr(db.wal, "LARGE_LOG_BYTES", left - 1)  # "large" at this scale
    opened = StoreDb.open(store, create=False)
    try:
        assert opened.log_tidy is not None
        opened.log_tidy.join()
        assert log_bytes(store) == 0  # copied back and emptied, the store still open
        with sqlite3.connect(store) as raw:
            assert raw.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 3 * BATCH
    finally:
        opened.close()
    assert cli(store, csv).returncode == 0
    assert cli(whole, csv).returncode == 0
    assert snapshot(store) == snapshot(whole)
    assert verified(store) == []
