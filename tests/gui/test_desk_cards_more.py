"""The card page, more of it: closing a card for good (Shift+F8), and a stripe that reads back
differently from what was written (the MSR605 peer writes one digit wrong)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.cards import track2_data
from domain.errors import DomainError
from domain.records import CardState
from domain.services.members import MemberView, find_by_card, find_by_swipe
from hardware.peers.msr605_peer import Msr605Peer
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.conftest import Cashier
from tests.gui.test_desk_cards import (  # noqa: F401 (encoder_peer, window: the fixtures)
    cards_page,
    confirm_yes,
    encoder_peer,
    wait_encoded,
    window,
)

pytestmark = pytest.mark.timeout(60)


def test_closing_a_card_is_confirmed_stored_and_its_swipe_is_refused(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier,  # noqa: F811
        zhang: MemberView, stripe: Callable[[str], str], store: App) -> None:
    assert zhang.card is not None
    number = zhang.card.number
    page = cards_page(cashier_keys, window, zhang)
    assert page.selected() == number
    cashier_keys.press(Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    confirm_yes(qtbot)
    with store.ctx.reader() as uow:
        card = uow.cards.get(number)
    assert card is not None and card.state is CardState.CLOSED
    assert page.message.kind == "done"
    assert page.message.text() == f"Card {number} is now closed."
    assert not page.buttons["card_close"].isEnabled()  # closed for good: nothing left to do
    assert not page.buttons["card_lost"].isEnabled()
    page.search.setFocus()
    cashier_keys.scan(stripe(number))
    assert page.message.kind == "refusal"
    assert page.message.text() == "This card is closed."
    with pytest.raises(DomainError) as refused:  # the till's swipe says the same
        find_by_card(store.ctx, number)
    assert refused.value.code == "card.closed"


def test_a_card_is_not_closed_when_the_clerk_says_no(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier,  # noqa: F811
        zhang: MemberView, store: App) -> None:
    assert zhang.card is not None
    page = cards_page(cashier_keys, window, zhang)
    cashier_keys.press(Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(confirm_open, timeout=3000)
    cashier_keys.press(Qt.Key.Key_Return)  # the default answer is No
    cashier_keys.no_dialog()
    with store.ctx.reader() as uow:
        card = uow.cards.get(zhang.card.number)
    assert card is not None and card.state is CardState.ACTIVE
    assert page.buttons["card_close"].isEnabled()


def confirm_open() -> bool:
    box = QApplication.activeModalWidget()
    return box is not None and box.objectName() == "card_confirm"


def test_a_stripe_that_reads_back_differently_is_refused_with_a_retry_of_the_same_number(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier,  # noqa: F811
        zhang: MemberView, encoder_peer: Msr605Peer, store: App) -> None:  # noqa: F811
    page = cards_page(cashier_keys, window, zhang)
    before = {c.number for c in page.holder.cards} if page.holder else set()
    encoder_peer.corrupt_writes = True
    cashier_keys.press(Qt.Key.Key_F5)
    wait_encoded(qtbot, page)
    assert page.encoder_status.kind == "refusal"
    status = page.encoder_status.text()
    assert status.startswith("The card reads back differently from what was written.")
    assert "F4 encodes it again" in status and "is written and checked" not in status
    assert encoder_peer.commands[-2:] == ["w", "r"]  # it was read back, and compared
    assert page.buttons["card_retry"].isVisible()
    assert page.encoding is not None
    number, wanted = page.encoding
    assert page.holder is not None
    assert [c.number for c in page.holder.cards if c.number not in before] == [number]
    held = encoder_peer.card.track2
    assert held is not None and held != wanted.strip(";?")
    with pytest.raises(DomainError) as refused:  # what the bad card holds is never accepted
        find_by_swipe(store.ctx, None, f";{held}?")
    assert refused.value.code == "card.forged"
    encoder_peer.corrupt_writes = False  # a new blank card in the encoder
    cashier_keys.press(Qt.Key.Key_F4)
    wait_encoded(qtbot, page)
    assert page.encoder_status.kind == "done", page.encoder_status.text()
    assert number in page.encoder_status.text()
    assert not page.buttons["card_retry"].isVisible()
    with store.ctx.reader() as uow:
        card = uow.cards.get(number)
    assert card is not None and card.state is CardState.ACTIVE and card.kind == "stripe"
    assert encoder_peer.card.track2 == track2_data(number, card.expiry,
                                                   store.ctx.card_secret).strip(";?")
    assert [c.number for c in page.holder.cards if c.number not in before] == [number]
    assert find_by_swipe(store.ctx, None, f";{encoder_peer.card.track2}?").member.id == (
        zhang.member.id)


def test_after_a_failed_stripe_f6_prints_the_same_number_instead_of_issuing_another(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier,  # noqa: F811
        zhang: MemberView, encoder_peer: Msr605Peer, printer_peer: PrinterPeer) -> None:  # noqa: F811
    page = cards_page(cashier_keys, window, zhang)
    before = {c.number for c in page.holder.cards} if page.holder else set()
    encoder_peer.corrupt_writes = True
    cashier_keys.press(Qt.Key.Key_F5)
    wait_encoded(qtbot, page)
    assert page.encoding is not None
    number = page.encoding[0]
    cashier_keys.press(Qt.Key.Key_F6)
    assert page.holder is not None
    assert [c.number for c in page.holder.cards if c.number not in before] == [number]
    assert page.message.text() == f"Card {number} is issued; its slip is printing."
    assert page.encoding is None and not page.buttons["card_retry"].isVisible()
    assert printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0).qr == [number]
