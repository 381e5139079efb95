"""The front desk's member look-up: search, swipe, statement on screen, printed and saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from desktop.bootstrap import App
from desktop.screens.desk.lookup import LookupPage
from desktop.screens.main_window import MainWindow
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.members import find_by_card
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.conftest import Cashier, KeyClock
from tests.gui.hid_keys import play, strokes


def open_lookup(keys: Cashier) -> LookupPage:
    keys.window.login.number.setFocus()
    keys.type("3001")
    keys.type("3579")
    keys.no_dialog()
    office = keys.window.office
    assert office is not None and keys.window.stack.currentWidget() is office
    page = office.open("desk_lookup")
    assert isinstance(page, LookupPage)
    return page


def ring_sale(store: App, card: str) -> str:
    """A ￥599 coat for 张三, paid in cash: one purchase and one points lot."""
    cashier = login(store.ctx, "1001", "1357")
    view = find_by_card(store.ctx, card)
    cart = carts.start_sale(store.ctx, cashier.id)
    cart = replace(cart, member_id=view.member.id, card_number=card)
    cart = carts.add_item(store.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH, given_fen=60000))
    return checkout.complete(store.ctx, cart).sale.receipt_no


def cells(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def search(keys: Cashier, page: LookupPage, text: str) -> QTableWidget:
    page.search.setFocus()
    page.search.clear()
    if text.isascii():
        keys.type(text)
    else:  # QTest types ASCII only; Chinese comes through the input method
        page.search.setText(text)
        keys.press(Qt.Key.Key_Return)
    return keys.child("lookup_results", page)


def test_pinyin_initials_find_zhang_with_a_masked_mobile(
        window: MainWindow, cashier_keys: Cashier) -> None:
    page = open_lookup(cashier_keys)
    results = search(cashier_keys, page, "zs")
    assert cells(results, 0) == ["张三"]
    assert cells(results, 1) == ["138****8000"]
    assert cells(results, 6) == ["￥1,050.00"]  # ￥1,000 principal + ￥50 top-up bonus
    results = search(cashier_keys, page, "9000")  # the last digits of 李四's mobile
    assert cells(results, 0) == ["李四"]
    results = search(cashier_keys, page, "xyz")
    assert results.rowCount() == 0
    assert "xyz" in cashier_keys.child("lookup_error", page).text()


def test_swiping_a_card_opens_that_members_statement(
        window: MainWindow, cashier_keys: Cashier, cards: list[str],
        stripe: Callable[[str], str]) -> None:
    page = open_lookup(cashier_keys)
    cashier_keys.scan(stripe(cards[1]))
    results = cashier_keys.child("lookup_results", page)
    assert cells(results, 0) == ["李四"]
    assert "李四" in cashier_keys.child("statement_summary", page).text()
    assert page.found is not None and page.found.statement.member.name == "李四"


def test_statement_shows_the_sale_prints_and_saves(
        window: MainWindow, cashier_keys: Cashier, store: App, cards: list[str],
        printer_peer: PrinterPeer, tmp_path: Path) -> None:
    receipt_no = ring_sale(store, cards[0])
    page = open_lookup(cashier_keys)
    search(cashier_keys, page, "张三")
    purchases = cashier_keys.child("statement_purchases", page)
    assert cells(purchases, 1) == [receipt_no]
    assert cells(purchases, 2) == ["￥599.00"]
    lots = cashier_keys.child("statement_lots", page)
    assert lots.rowCount() == 1 and cells(lots, 3) == [cells(purchases, 3)[0]]
    wallet = cashier_keys.child("statement_wallet", page)
    assert cells(wallet, 2) == ["￥1,000.00"] and cells(wallet, 3) == ["￥50.00"]
    tiers = cashier_keys.child("statement_tiers", page)
    assert cells(tiers, 2) == ["普通会员"]

    page.print_statement()
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    printed = "\n".join(log.lines)
    assert "会员对账单" in printed and receipt_no in printed and "储值明细" in printed
    pdf = page.save_pdf(tmp_path / "statement.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    csv_path = page.save_csv(tmp_path / "statement.csv")
    assert csv_path is not None and receipt_no in csv_path.read_text(encoding="utf-8-sig")


def test_a_period_that_ends_before_it_starts_is_refused(
        window: MainWindow, cashier_keys: Cashier) -> None:
    page = open_lookup(cashier_keys)
    search(cashier_keys, page, "zs")
    before = page.found
    page.until.setDate(QDate(2020, 1, 1))
    cashier_keys.child("lookup_show", page).click()
    error = cashier_keys.child("lookup_error", page)
    assert isinstance(error, QLabel)
    assert error.text() == "The period ends before it starts. Change the From date."
    assert page.found is before  # the statement on screen stays as it was


def test_a_bad_birthday_is_named_and_kept_then_the_fix_is_saved(
        window: MainWindow, cashier_keys: Cashier, store: App) -> None:
    page = open_lookup(cashier_keys)
    search(cashier_keys, page, "zs")
    dialog = page.edit_profile()
    assert dialog is not None
    birthday = cashier_keys.child("profile_birthday", dialog)
    assert birthday.text() == "1990-03-08"
    birthday.setText("1990-02-30")
    cashier_keys.child("profile_address", dialog).setText("上海市静安区")
    cashier_keys.child("profile_save", dialog).click()
    error = cashier_keys.child("profile_error_birthday", dialog)
    assert dialog.isVisible() and not error.isHidden() and error.text()
    assert cashier_keys.child("profile_error_address", dialog).isHidden()
    assert birthday.text() == "1990-02-30"  # what was typed stays
    assert find_by_card(store.ctx, page.found.statement.card_number or "").member.birth_day == 8

    birthday.setText("1990-03-09")
    cashier_keys.child("profile_save", dialog).click()
    assert not dialog.isVisible()
    saved = find_by_card(store.ctx, page.found.statement.card_number or "").member
    assert (saved.birth_month, saved.birth_day, saved.address) == (3, 9, "上海市静安区")


def test_the_search_takes_chinese_through_the_input_method_and_a_scanned_number(
        window: MainWindow, cashier_keys: Cashier, cards: list[str],
        key_clock: KeyClock) -> None:
    """Names are typed in Chinese here, so the input method stays on; a card number from a
    HID scanner is digits (which a pinyin IME passes through) and arrives as typed."""
    page = open_lookup(cashier_keys)
    assert page.search.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert not page.search.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
    page.search.setFocus()
    page.search.clear()
    play(strokes(cards[0], report_ms=2.0), key_clock)
    assert cells(cashier_keys.child("lookup_results", page), 0) == ["张三"]
