"""Backups and restores of a store database: the checks a restore makes before it replaces
anything, the store it replaces kept aside, the till's own backups at day close and before
an upgrade (the last N kept, a second place that may fail), and a shared PC's file modes."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.autobackup import auto_backup, backup_settings
from db.backup import take_backup
from db.engine import make_engine
from db.migrate import upgrade
from db.store import StoreDb
from desktop.bootstrap import App, open_app
from desktop.demo_data import load_demo
from desktop.viewmodels.day_close import close_the_day
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, shifts
from domain.services.setup import new_settings
from domain.services.staff import login

BIN = Path(sys.executable).parent
AT = datetime(2026, 1, 1, 13, 0, tzinfo=UTC)


def kaika(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "kaika"), *args], capture_output=True, text=True,
                          timeout=120)


def sales(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT count(*) FROM sales").fetchone()[0])


def sell(app: App, n: int) -> None:
    cashier = login(app.ctx, "1001", "1357").id
    for _ in range(n):
        cart = carts.start_sale(app.ctx, cashier)
        cart = carts.add_item(app.ctx, cart, "A1001")
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        checkout.complete(app.ctx, cart)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Path:
    """A demo store with two sales, closed (as the till is when someone restores)."""
    path = tmp_path / "till" / "store.sqlite3"
    app = open_app(path, clock=clock, settings=new_settings())
    load_demo(app.ctx)
    sell(app, 2)
    app.close()
    return path


def test_restore_puts_the_backup_back_and_keeps_the_replaced_store(
        store: Path, tmp_path: Path, clock: FixedClock) -> None:
    made = take_backup(store, tmp_path / "bk", AT)
    app = open_app(store, clock=clock)
    sell(app, 3)  # after the backup: these go with the replaced store
    app.close()

    done = kaika("restore", str(made.path), "--db", str(store))

    assert done.returncode == 0, done.stderr
    assert "kaika verify: OK" in done.stdout
    assert sales(store) == 2
    aside = next(store.parent.glob("replaced-*"))
    assert sales(aside / store.name) == 5 and (aside / f"{store.name}.key").exists()
    assert store.with_name(store.name + ".key").read_bytes() == made.key.read_bytes()  # type: ignore[union-attr]
    assert kaika("verify", "--db", str(store)).returncode == 0


@pytest.mark.parametrize("damage, said", [
    ("garbage", "not a readable store database"),
    ("keyless", "has no key file beside it"),
    ("counter", "kaika verify found 1 problem(s): outbox.counter_mismatch"),
])
def test_restore_refuses_a_backup_it_cannot_trust_and_touches_nothing(
        store: Path, tmp_path: Path, damage: str, said: str) -> None:
    made = take_backup(store, tmp_path / "bk", AT)
    if damage == "garbage":
        made.path.write_bytes(b"this is not a database" * 100)
    elif damage == "keyless":
        made.key.unlink()  # type: ignore[union-attr]
    else:
        with closing(sqlite3.connect(made.path)) as conn:
            conn.execute("UPDATE counters SET value = value + 5 WHERE name = 'outbox.seq'")
            conn.commit()
    before = store.read_bytes()

    done = kaika("restore", str(made.path), "--db", str(store))

    assert done.returncode == 2 and said in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert store.read_bytes() == before and not list(store.parent.glob("replaced-*"))


def test_the_tills_own_backups_keep_the_last_n_and_report_a_failed_second_place(
        store: Path, tmp_path: Path) -> None:
    stick = tmp_path / "stick-not-plugged-in"
    stick.write_text("a file where the folder should be")
    (store.parent / "kaika.toml").write_text(
        f'[backup]\nkeep = 3\ncopy_to = "{stick.as_posix()}"\n', encoding="utf-8")
    outcomes = [auto_backup(store, "dayclose", AT + timedelta(days=n)) for n in range(5)]

    kept = sorted(p.name for p in (store.parent / "backups").glob("*.sqlite3"))
    assert kept == [f"store-202601{d:02d}-130000-dayclose.sqlite3" for d in (3, 4, 5)]
    assert all(o.backup is not None and o.problem is not None for o in outcomes)
    assert outcomes[-1].problem.code == "store.backup_failed"  # type: ignore[union-attr]
    assert outcomes[-1].problem.params["folder"] == str(stick)  # type: ignore[union-attr]
    manual = take_backup(store, store.parent / "backups", AT - timedelta(days=9))
    auto_backup(store, "dayclose", AT + timedelta(days=9))
    assert manual.path.exists()  # a backup someone took by hand is theirs to delete


def test_a_second_place_gets_its_copy_with_the_key(store: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    (store.parent / "kaika.toml").write_text(f'[backup]\ncopy_to = "{share.as_posix()}"\n',
                                             encoding="utf-8")
    done = auto_backup(store, "dayclose", AT)
    assert done.problem is None and done.copied is not None
    assert done.copied.path.read_bytes() == done.backup.path.read_bytes()  # type: ignore[union-attr]
    assert done.copied.key is not None and done.copied.key.exists()


def test_a_wrong_backup_setting_is_named(store: Path) -> None:
    (store.parent / "kaika.toml").write_text("[backup]\nkeep = 0\n", encoding="utf-8")
    with pytest.raises(DomainError) as refused:
        backup_settings(store)
    assert refused.value.params["key"] == "backup.keep"
    assert refused.value.params["file"] == str(store.parent / "kaika.toml")


def test_a_store_is_backed_up_before_it_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0016")
    engine.dispose()
    StoreDb.open(path).close()
    made = list((tmp_path / "backups").glob("old-*-upgrade.sqlite3"))
    assert len(made) == 1
    with closing(sqlite3.connect(made[0])) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0016",)
    StoreDb.open(path).close()  # at head now: nothing to upgrade, no second backup
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1


def test_the_day_close_backs_the_store_up(app: App, clock: FixedClock) -> None:
    load_demo(app.ctx)
    clock.set(datetime.fromisoformat("2026-01-01T10:00:00+08:00"))
    cashier = login(app.ctx, "1001", "1357").id
    manager = login(app.ctx, "2001", "2468").id
    shift = shifts.open_shift(app.ctx, cashier, 0).id
    cart = carts.start_sale(app.ctx, cashier, shift)
    cart = carts.add_item(app.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    paid = checkout.complete(app.ctx, cart).sale.total_fen
    shifts.close_shift(app.ctx, cashier, paid)
    clock.set(datetime.fromisoformat("2026-01-01T21:00:00+08:00"))

    closed = close_the_day(app.ctx, manager)

    assert closed.day.z is not None and closed.backup.problem is None
    assert closed.backup.backup is not None
    assert closed.backup.backup.path.name.endswith("-20260101-130000-dayclose.sqlite3")
    assert sales(closed.backup.backup.path) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_in_a_shared_folder_the_store_is_its_groups_too(tmp_path: Path,
                                                        clock: FixedClock) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)  # setgid: what docs/installing.md has the administrator make
    old = os.umask(0o022)
    try:
        app = open_app(shared / "store.sqlite3", clock=clock, settings=new_settings())
        load_demo(app.ctx)  # seals ID numbers: the key file is made
        app.close()
        made = take_backup(shared / "store.sqlite3", shared / "backups", AT)
    finally:
        os.umask(old)
    for path in (shared / "store.sqlite3", shared / "store.sqlite3.key", made.path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o660, path
