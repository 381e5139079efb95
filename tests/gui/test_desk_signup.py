"""The front desk's application form: checks as the clerk types, saving, the printed form."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.bootstrap import App
from desktop.screens.desk.application import ApplicationPage
from desktop.screens.desk.cards import CardsPage
from desktop.screens.main_window import MainWindow
from domain.clock import FixedClock
from domain.services.members import MemberView
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.conftest import Cashier

pytestmark = pytest.mark.timeout(60)
GOOD_ID = "11010519491231002X"  # ISO 7064 MOD 11-2 check character X
BAD_ID = "110105194912310021"  # the check character does not fit


def desk_login(keys: Cashier, window: MainWindow, number: str = "3001",
               pin: str = "3579") -> None:
    window.login.number.setFocus()
    keys.type(number)
    keys.type(pin)
    keys.qtbot.waitUntil(lambda: window.stack.currentWidget() is window.office, timeout=3000)


def application(keys: Cashier, window: MainWindow) -> ApplicationPage:
    desk_login(keys, window)
    assert window.office is not None
    page = window.office.open("desk_application")
    assert isinstance(page, ApplicationPage)
    return page


def type_into(keys: Cashier, page: ApplicationPage, key: str, text: str) -> None:
    field = page.fields[key]
    field.setFocus()
    if text.isascii():
        keys.type(text, enter=False)
        return
    # Chinese arrives from the input method as a committed string, not as key presses.
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def test_bad_id_number_is_named_while_typing_then_corrected_and_saved(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, store: App,
        clock: FixedClock) -> None:
    page = application(cashier_keys, window)
    type_into(cashier_keys, page, "name", "Zhao Liu")
    type_into(cashier_keys, page, "mobile", "13600136000")
    type_into(cashier_keys, page, "id_number", BAD_ID)
    error = page.errors["id_number"]
    assert error.isVisible()
    assert error.text().startswith("ID number:")
    assert "last character" in error.text()
    assert not page.errors["name"].isVisible()  # typed and fine
    page.fields["privacy_accepted"].click()
    cashier_keys.press(Qt.Key.Key_Return)  # refused: nothing saved, nothing typed lost
    assert "ID number" in page.banner.text()
    with store.ctx.reader() as uow:
        assert uow.members.by_mobile("13600136000") is None
    assert page.fields["name"].text() == "Zhao Liu"
    assert page.fields["id_number"].text() == BAD_ID
    assert page.fields["id_number"].hasFocus()

    QTest.keyClick(page.fields["id_number"], Qt.Key.Key_Backspace)
    cashier_keys.type("x", enter=False)  # typed in lower case: stored upper case
    assert not page.errors["id_number"].isVisible(), page.errors["id_number"].text()
    page.fields["consent_marketing"].click()
    type_into(cashier_keys, page, "email", "zhao@example.com")
    cashier_keys.press(Qt.Key.Key_Return)

    assert page.banner.kind == "done", page.banner.text()
    with store.ctx.reader() as uow:
        member = uow.members.by_mobile("13600136000")
    assert member is not None
    assert (member.name, member.id_number, member.email) == ("Zhao Liu", GOOD_ID,
                                                              "zhao@example.com")
    assert (member.birth_year, member.birth_month, member.birth_day) == (1949, 12, 31)
    assert member.consent_marketing is True
    assert member.consent_marketing_at == clock.now()
    assert member.privacy_accepted_at == clock.now()
    assert page.buttons["application_issue"].isEnabled()


def test_required_fields_are_named_on_save_and_the_mobile_as_it_is_typed(
        window: MainWindow, cashier_keys: Cashier) -> None:
    page = application(cashier_keys, window)
    type_into(cashier_keys, page, "mobile", "1380013")
    assert page.errors["mobile"].text().startswith("Mobile:")
    assert not page.errors["name"].isVisible()  # not touched yet: no error shown
    page.save()
    assert page.errors["name"].text() == "Name must be filled in."
    assert "privacy policy" in page.errors["privacy_accepted"].text()
    assert page.fields["mobile"].text() == "1380013"


def test_an_existing_mobile_offers_that_member(
        qtbot: QtBot, window: MainWindow, cashier_keys: Cashier, zhang: MemberView) -> None:
    page = application(cashier_keys, window)
    type_into(cashier_keys, page, "mobile", "13800138000")
    assert page.known_box.isVisible()
    assert "张*" in page.known_text.text() and "138****8000" in page.known_text.text()
    type_into(cashier_keys, page, "name", "张三")
    page.fields["privacy_accepted"].click()
    page.save()  # no twin is made
    assert "already" in page.banner.text()
    cashier_keys.press(Qt.Key.Key_F3)
    assert window.office is not None
    cards = window.office.current()
    assert isinstance(cards, CardsPage)
    assert cards.holder is not None and cards.holder.member_id == zhang.member.id


def signed_up(keys: Cashier, window: MainWindow) -> ApplicationPage:
    page = application(keys, window)
    type_into(keys, page, "name", "钱七")
    type_into(keys, page, "mobile", "13500135000")
    type_into(keys, page, "birthday", "03-15")
    page.fields["privacy_accepted"].click()
    page.save()
    assert page.saved is not None, page.banner.text()
    return page


def test_the_form_prints_as_a_pdf_with_the_members_name(
        window: MainWindow, cashier_keys: Cashier, tmp_path: Path) -> None:
    page = signed_up(cashier_keys, window)
    written = page.print_pdf(tmp_path / "form.pdf")
    assert written == tmp_path / "form.pdf"
    data = written.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "会员申请表" in text
    assert "钱七" in text and "13500135000" in text
    assert "03-15" in text


def test_the_form_prints_on_the_receipt_printer_for_signature(
        window: MainWindow, cashier_keys: Cashier, printer_peer: PrinterPeer) -> None:
    page = signed_up(cashier_keys, window)
    cashier_keys.press(Qt.Key.Key_F7)
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    lines = log.pages[0]
    assert any("会员申请表" in line for line in lines)
    assert any("钱七" in line for line in lines)
    assert any("会员签名" in line for line in lines)
    assert page.banner.kind == "done"


def test_issue_a_card_now_opens_the_card_page_with_the_new_member(
        window: MainWindow, cashier_keys: Cashier) -> None:
    page = signed_up(cashier_keys, window)
    assert page.saved is not None
    cashier_keys.press(Qt.Key.Key_F5)
    assert window.office is not None
    cards = window.office.current()
    assert isinstance(cards, CardsPage)
    assert cards.holder is not None and cards.holder.member_id == page.saved.id
    assert cards.buttons["card_issue"].isEnabled()
