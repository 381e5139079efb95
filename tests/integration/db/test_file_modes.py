"""The store database, its WAL and SHM files and its key file are readable by their owner only."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from db.store import StoreDb
from desktop.bootstrap import App, open_app
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.setup import new_settings
from domain.services.staff import login

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def store_files(db: Path) -> list[Path]:
    return [db, *(db.with_name(db.name + s) for s in ("-wal", "-shm", ".key"))]


def sell_one(app: App) -> None:
    load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357")
    cart = carts.start_sale(app.ctx, cashier.id)
    cart = carts.add_item(app.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    checkout.complete(app.ctx, cart)


@pytest.fixture(autouse=True)
def everyone_may_read() -> Iterator[None]:
    """The usual umask (022), under which SQLite makes its files 0644 unless told otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_every_file_of_a_new_store_is_owner_only_after_a_sale(
        tmp_path: Path, clock: FixedClock) -> None:
    db = tmp_path / "store.sqlite3"
    app = open_app(db, clock=clock, settings=new_settings())
    try:
        sell_one(app)
        files = store_files(db)
        assert all(f.exists() for f in files)  # the WAL and SHM exist while the store is open
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        app.close()


def test_files_an_older_kaika_left_readable_are_tightened_on_open(
        tmp_path: Path, clock: FixedClock) -> None:
    db = tmp_path / "store.sqlite3"
    app = open_app(db, clock=clock, settings=new_settings())
    try:
        sell_one(app)
        # As an older Kaika made them, the till still running: WAL and SHM there, 0644.
        for f in store_files(db):
            os.chmod(f, 0o644)
        with StoreDb.open(db, create=False) as second:  # the CLI, say, beside the till
            with second.reader() as uow:
                assert uow.settings.get() is not None
            assert {f.name: mode(f) for f in store_files(db)} == {
                f.name: 0o600 for f in store_files(db)}
    finally:
        app.close()


def test_a_key_file_elsewhere_is_tightened_too(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "store.key"
    key.parent.mkdir()
    with StoreDb.open(tmp_path / "a.sqlite3", key_path=key) as store:
        store.cipher.encrypt("11010519491231002X")
    os.chmod(key, 0o640)
    with StoreDb.open(tmp_path / "a.sqlite3", key_path=key):
        assert mode(key) == 0o600
