"""The till's last gaps: held sales across a restart, the member's own payment PIN and its lock,
and the background sync with a real head office process."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import feedback
from desktop.bootstrap import App, open_app, open_till
from desktop.launch import till_window
from desktop.screens.main_window import MainWindow
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.payment import PaymentViewModel
from desktop.viewmodels.sale import SaleViewModel
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import Staff
from domain.services import member_pin
from domain.services.staff import login
from sync.enroll import enroll
from tests.gui.conftest import Cashier, DemoStore, KeyClock
from tests.sync.fixtures import make_server  # noqa: F401 - a fixture, found by name
from tests.sync.harness import Server

COAT, SCARF = "6901234567892", "6901234567984"
OWN_PIN = "250819"


def show(qtbot: QtBot, window: MainWindow) -> MainWindow:
    """Shown and active, as the `window` fixture leaves it (key presses need the focus)."""
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    window.start()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def test_held_sales_survive_closing_the_till_and_are_paid_after_recall(
        cashier_keys: Cashier, window: MainWindow, store: App, qtbot: QtBot,
        key_clock: KeyClock, clock: FixedClock) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.press(Qt.Key.Key_F6)
    assert "on hold" in window.sale.alert.text()
    keys.scan(SCARF)
    window.close()  # the program closes with the scarf rung up: it is held, not lost

    again = open_app(store.store.path, clock=clock)
    try:
        env = TillEnv(again.ctx, again.settings.store_name)
        reopened = show(qtbot, MainWindow(env, None, idle_lock_s=0, wedge_clock=key_clock))
        keys = Cashier(qtbot, reopened, key_clock)
        keys.login(float_yuan="")  # the shift is still open
        keys.press(Qt.Key.Key_F7)
        dialog = keys.dialog("recall_dialog")
        table = keys.child("recall_list", dialog)
        assert table.rowCount() == 2
        assert [table.item(r, 3).text() for r in range(2)] == ["￥599.00", "￥89.00"]
        assert "羊毛外套" in table.item(0, 1).text()
        table.selectRow(0)
        keys.press(Qt.Key.Key_Return)
        keys.no_dialog()
        assert reopened.sale.total.fen == 59900
        keys.press(Qt.Key.Key_Return)
        keys.dialog("payment_dialog")
        keys.type("600")
        keys.no_dialog()
        assert "saved" in reopened.sale.alert.text()
        assert [h.total_fen for h in reopened.session.held] == [8900]
        with again.ctx.reader() as uow:
            assert uow.sales.by_receipt("S001-T01-000001") is not None
        reopened.shutdown()
    finally:
        again.close()


def _wallet_sale(env: TillEnv, cashier: Staff, card: str) -> PaymentViewModel:
    sale = SaleViewModel.start(env, cashier, None)
    sale.enter("A1001")  # ￥599: above the ￥500 PIN limit
    sale.enter(card)
    return PaymentViewModel(sale)


def test_the_members_own_pin_pays_from_stored_value_and_the_mobile_no_longer_does(
        env: TillEnv, cashier: Staff, cards: list[str]) -> None:
    pay = _wallet_sale(env, cashier, cards[0])
    member = pay.sale.member
    assert member is not None
    member_pin.set_pin(env.ctx, member.member.id, OWN_PIN, login(env.ctx, "3001", "3579").id)
    with pytest.raises(DomainError) as err:
        pay.add_wallet(pin=member.member.mobile[-6:])
    assert (err.value.code, err.value.params["left"]) == ("wallet.pin_wrong", 4)
    assert pay.add_wallet(pin=OWN_PIN).balanced
    assert pay.complete().sale.total_fen == 59900


def test_five_wrong_pins_lock_stored_value_until_tomorrow(
        env: TillEnv, cashier: Staff, cards: list[str], clock: FixedClock) -> None:
    pay = _wallet_sale(env, cashier, cards[0])
    for _ in range(member_pin.MAX_TRIES - 1):
        with pytest.raises(DomainError):
            pay.add_wallet(pin="000000")
    with pytest.raises(DomainError) as err:
        pay.add_wallet(pin="000000")
    assert err.value.code == "wallet.pin_locked"
    assert "locked until tomorrow" in feedback.describe(err.value).text
    with pytest.raises(DomainError) as err:
        pay.add_wallet(amount_fen=1000)  # a small amount needs no PIN, but the lock holds
    assert err.value.code == "wallet.pin_locked"
    clock.advance(timedelta(days=1))
    assert pay.add_wallet(pin="138000").balanced  # a new day: the mobile's digits again


# --- sync with a real head office -------------------------------------------------------------

@pytest.fixture
def enrolled_path(demo_store: DemoStore, tmp_path: Path,
                  make_server: Callable[..., Server],  # noqa: F811 - the fixture above
                  clock: FixedClock) -> Iterator[Path]:
    """A copy of the demo store enrolled with a head office process of its own (SQLite)."""
    server = make_server("sqlite", stores=("S001",))
    path = tmp_path / "enrolled.sqlite3"
    shutil.copy(demo_store.path, path)
    # The key beside the database seals the card secret: a copy needs it to open.
    shutil.copy(demo_store.path.with_name(demo_store.path.name + ".key"),
                path.with_name(path.name + ".key"))
    app = open_app(path, clock=clock)
    try:
        enroll(app.store, server.url, server.code_for("S001"), clock)
    finally:
        app.close()
    yield path


def test_the_running_till_syncs_each_sale_in_the_background_and_says_online(
        enrolled_path: Path, qtbot: QtBot, key_clock: KeyClock, clock: FixedClock) -> None:
    till = open_till(enrolled_path, {}, clock=clock, ui_lang="en")
    window, loop = till_window(till, None, idle_lock_s=0, wedge_clock=key_clock)
    assert loop is not None
    try:
        keys = Cashier(qtbot, show(qtbot, window), key_clock)
        keys.login()
        keys.scan(SCARF)
        keys.press(Qt.Key.Key_Return)
        keys.dialog("payment_dialog")
        keys.type("100")
        keys.no_dialog()
        status = keys.child("status_sync")
        qtbot.waitUntil(lambda: loop.status().unsynced == 0, timeout=15000)
        window.refresh_sync()
        assert status.text() == "Head office: online · unsynced 0"
        assert loop.status().online and loop.failures == 0
    finally:
        window.shutdown()
        loop.stop()
        till.close()
    assert not loop._thread or not loop._thread.is_alive()  # stopped cleanly, not left behind
