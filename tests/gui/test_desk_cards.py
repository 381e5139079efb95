"""The front desk's card page with a real MSR605 peer on a pty and the printer peer on TCP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from db.rows_sync import SyncStateRow
from desktop.bootstrap import App
from desktop.devices import TillDevices
from desktop.screens.desk.cards import CardsPage
from desktop.screens.main_window import MainWindow
from desktop.viewmodels.env import TillEnv
from domain.cards import make_card_number, track2_data
from domain.records import CardState
from domain.serials import SerialBlock
from domain.services.members import MemberView, find_by_card
from domain.services.rewards import adjust_points
from domain.services.staff import login
from hardware.peers.msr605_peer import Msr605Peer
from hardware.peers.printer_peer import PrinterPeer
from hardware.registry import DeviceRegistry
from tests.gui.conftest import Cashier, KeyClock, device_settings
from tests.gui.test_desk_signup import desk_login

pytestmark = pytest.mark.timeout(60)
T0 = datetime(2025, 5, 6, 2, 0, tzinfo=UTC)


@pytest.fixture
def encoder_peer() -> Iterator[Msr605Peer]:
    with Msr605Peer() as peer:
        yield peer


@pytest.fixture
def window(qtbot: QtBot, env: TillEnv, printer_peer: PrinterPeer, key_clock: KeyClock,
           encoder_peer: Msr605Peer) -> Iterator[MainWindow]:
    """The till of conftest, with the stripe encoder the front desk uses."""
    settings = device_settings(printer_peer)
    settings["encoder"] = {"url": encoder_peer.address, "swipe_timeout": 2,
                           "reply_timeout": 1}
    devices = TillDevices(DeviceRegistry(settings), poll_s=3600)
    main = MainWindow(env, devices, idle_lock_s=0, wedge_clock=key_clock)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    main.activateWindow()
    main.start()
    yield main
    main.shutdown()


def cards_page(keys: Cashier, window: MainWindow, member: MemberView) -> CardsPage:
    desk_login(keys, window)
    assert window.office is not None
    page = window.office.open("desk_cards")
    assert isinstance(page, CardsPage)
    keys.type(member.member.mobile)  # the find field has the focus
    assert page.holder is not None and page.holder.member_id == member.member.id
    return page


def confirm_yes(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox),
                    timeout=3000)
    box = QApplication.activeModalWidget()
    assert box is not None and box.objectName() == "card_confirm"
    yes = box.button(QMessageBox.StandardButton.Yes)  # type: ignore[attr-defined]
    yes.click()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    qtbot.wait(20)  # the keyboard focus goes back on the next turn of the loop


def wait_encoded(qtbot: QtBot, page: CardsPage) -> None:
    qtbot.waitUntil(lambda: page.encoder_status.kind in ("done", "refusal"), timeout=8000)


def test_a_new_card_is_encoded_and_verified_on_the_msr605(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView,
        encoder_peer: Msr605Peer, store: App) -> None:
    page = cards_page(cashier_keys, window, zhang)
    before = {c.number for c in page.holder.cards} if page.holder else set()
    cashier_keys.press(Qt.Key.Key_F5)
    wait_encoded(qtbot, page)
    assert page.encoder_status.kind == "done", page.encoder_status.text()
    assert page.holder is not None
    (new,) = [c for c in page.holder.cards if c.number not in before]
    with store.ctx.reader() as uow:
        card = uow.cards.get(new.number)
    assert card is not None and card.state is CardState.ACTIVE and card.kind == "stripe"
    stripe = track2_data(card.number, card.expiry, store.ctx.card_secret)
    assert encoder_peer.card.track2 == stripe.strip(";?")  # what the card now holds
    assert encoder_peer.written[-1].track2 == stripe.strip(";?")
    assert encoder_peer.commands[-2:] == ["w", "r"]  # written, then read back
    assert new.number in page.encoder_status.text()


def test_an_encoder_fault_is_a_notice_with_a_retry_that_writes_the_same_number(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView,
        encoder_peer: Msr605Peer) -> None:
    page = cards_page(cashier_keys, window, zhang)
    encoder_peer.fail_next_write = True  # a bad card: the encoder answers status 0x31
    cashier_keys.press(Qt.Key.Key_F5)
    wait_encoded(qtbot, page)
    assert page.encoder_status.kind == "refusal"
    assert "could not write the card" in page.encoder_status.text()
    assert "F4 encodes it again" in page.encoder_status.text()
    assert page.buttons["card_retry"].isVisible()
    assert page.encoding is not None
    number = page.encoding[0]
    cashier_keys.press(Qt.Key.Key_F4)
    wait_encoded(qtbot, page)
    assert page.encoder_status.kind == "done", page.encoder_status.text()
    assert number in page.encoder_status.text()
    assert encoder_peer.card.track2 is not None and encoder_peer.card.track2.startswith(number)


def test_report_lost_blocks_at_once_and_the_old_card_swiped_is_refused(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView,
        stripe: Callable[[str], str], store: App) -> None:
    assert zhang.card is not None
    old = zhang.card.number
    page = cards_page(cashier_keys, window, zhang)
    assert page.selected() == old
    cashier_keys.press(Qt.Key.Key_F8)
    confirm_yes(qtbot)
    with store.ctx.reader() as uow:
        card = uow.cards.get(old)
    assert card is not None and card.state is CardState.LOST
    assert page.message.kind == "done"
    page.search.setFocus()
    cashier_keys.scan(stripe(old))
    assert page.message.kind == "refusal"
    assert page.message.text() == ("This card was reported lost and is blocked. Keep the card "
                                   "and call the manager.")


def test_replacing_a_lost_card_keeps_points_wallet_coupons_and_tier(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView,
        encoder_peer: Msr605Peer, store: App) -> None:
    assert zhang.card is not None
    old = zhang.card.number
    adjust_points(store.ctx, zhang.member.id, 1200, "welcome back",
                  login(store.ctx, "2001", "2468").id)
    before = find_by_card(store.ctx, old)
    assert before.balances.points == 1200 and before.balances.wallet_principal_fen > 0
    page = cards_page(cashier_keys, window, zhang)
    cashier_keys.press(Qt.Key.Key_F8)
    confirm_yes(qtbot)
    cashier_keys.press(Qt.Key.Key_F9)  # the lost card is still the one selected
    confirm_yes(qtbot)
    wait_encoded(qtbot, page)
    assert page.encoder_status.kind == "done", page.encoder_status.text()
    with store.ctx.reader() as uow:
        retired = uow.cards.get(old)
    assert retired is not None and retired.state is CardState.REPLACED
    assert retired.replaced_by is not None
    after = find_by_card(store.ctx, retired.replaced_by)
    assert after.balances == before.balances
    assert [c.code for c in after.coupons] == [c.code for c in before.coupons]
    assert after.coupons  # the sign-up coupon moved with the member
    assert after.member.tier == before.member.tier
    assert encoder_peer.card.track2 is not None
    assert encoder_peer.card.track2.startswith(retired.replaced_by + "=")


def test_a_pre_printed_card_is_linked_by_swiping_it(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView,
        store: App) -> None:
    page = cards_page(cashier_keys, window, zhang)
    with store.ctx.reader() as uow:
        region = uow.settings.get().region_code
    number = make_card_number("13", "0", region, 90001)
    cashier_keys.press(Qt.Key.Key_F7)
    page.search.setFocus()
    cashier_keys.scan(track2_data(number, "3012", store.ctx.card_secret))
    assert page.message.kind == "done", page.message.text()
    with store.ctx.reader() as uow:
        card = uow.cards.get(number)
    assert card is not None and card.member_id == zhang.member.id and card.kind == "preprinted"
    assert page.holder is not None and number in [c.number for c in page.holder.cards]


def test_a_qr_card_slip_prints_the_new_number_as_barcode_and_qr(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView,
        printer_peer: PrinterPeer) -> None:
    page = cards_page(cashier_keys, window, zhang)
    cashier_keys.press(Qt.Key.Key_F6)
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    assert page.holder is not None and page.holder.current is not None
    number = page.holder.current.number
    assert page.holder.current.kind == "qr"
    assert log.qr == [number]
    assert any(data == number for _kind, data in log.barcodes)
    assert page.message.kind == "done"


def test_the_page_counts_the_numbers_left_and_with_none_refuses_saying_to_connect(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView,
        store: App) -> None:
    """An enrolled till with a block of two numbers: each new card counts down; with none
    left F5 is refused, the page says to connect to head office, and no card is made."""
    with store.ctx.uow() as uow:
        settings = uow.settings.get()
        uow.session.add(SyncStateRow(id=1, enrolled_at=T0))
        uow.settings.save(replace(settings, card_brand="21"))
        uow.card_serials.add_blocks([SerialBlock("210" + settings.region_code, 41, 42)])
        uow.commit()
    page = cards_page(cashier_keys, window, zhang)
    page.shown()
    assert page.serials.text() == "New card numbers left at this till: 2"
    for left in (1, 0):
        cashier_keys.press(Qt.Key.Key_F6)  # a QR slip: no encoder wait
        qtbot.waitUntil(lambda: page.message.kind in ("done", "refusal"), timeout=5000)
        assert page.holder is not None and page.holder.current is not None
        assert page.holder.current.number.startswith("210")
        assert page.serials.kind == ("info" if left else "refusal")
        if left:
            assert page.serials.text() == f"New card numbers left at this till: {left}"
        page.message.say("")
    assert page.serials.kind == "refusal"
    assert page.serials.text().startswith("This till has no new card numbers left (0). "
                                          "Connect it to head office")
    before = len(page.holder.cards)
    cashier_keys.press(Qt.Key.Key_F6)
    assert page.message.kind == "refusal"
    assert page.message.text().startswith("This till has no new card numbers left (0).")
    assert len(page.holder.cards) == before
