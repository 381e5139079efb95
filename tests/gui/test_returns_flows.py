"""Returns at the till: with the receipt's barcode, without a receipt (a manager), a void."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from hardware.peers.printer_peer import PrinterLog, PrinterPeer

COAT, SCARF = "6901234567892", "6901234567984"


def page_with(peer: PrinterPeer, title: str) -> list[str]:
    log: PrinterLog = peer.wait_for(lambda log: any(title in ln for p in log.pages for ln in p),
                                    timeout=5.0)
    for page in log.pages:
        if any(title in line for line in page):
            return page
    raise AssertionError(f"no page with {title}: {log.pages}")


def has(page: list[str], *parts: str) -> bool:
    return any(all(part in line for part in parts) for line in page)


def ring_a_sale(keys, codes: tuple[str, ...], cash: str) -> None:
    for code in codes:
        keys.scan(code)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type(cash)
    keys.no_dialog()


def test_return_without_receipt_the_manager_types_an_amount_and_approves(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer, store: App) -> None:
    keys = cashier_keys
    keys.login()
    keys.press(Qt.Key.Key_F8)
    returns = keys.dialog("returns_dialog")
    keys.press(Qt.Key.Key_F4)  # no receipt
    assert "90" in keys.child("return_mode", returns).text()
    keys.type("F6001")  # the item brought back: never sold here lately
    keys.dialog("return_amount_dialog")
    keys.type("95")  # above the ¥89.00 price: refused inline, the dialog stays
    amount = keys.dialog("return_amount_dialog")
    assert keys.child("error", amount).text()
    keys.child("prompt_edit", amount).clear()
    keys.type("60")
    returns = keys.dialog("returns_dialog")
    assert keys.child("return_refund", returns).fen == 6000
    keys.press(Qt.Key.Key_F10)
    manager = keys.dialog("manager_dialog")
    assert "￥60.00" in keys.child("manager_reason", manager).text()
    keys.type("1001")
    keys.type("1357")  # the cashier's own PIN does not do
    assert "not a manager" in keys.child("error", manager).text()
    keys.child("manager_number", manager).clear()
    keys.child("manager_number", manager).setFocus()
    keys.type("2001")
    keys.type("2468")
    returns = keys.dialog("returns_dialog")
    assert "Refunded ￥60.00" in keys.child("return_outcome", returns).text()
    page = page_with(printer_peer, "退货单")
    assert has(page, "退款合计", "￥60.00")
    assert has(page, "授权", "李店长")
    assert has(page, "现金", "￥60.00")
    assert len(printer_peer.received.drawer_pulses) == 1  # cash goes back out of the drawer
    with store.store.engine.connect() as conn:
        rows = conn.execute(text("SELECT action, details FROM audit_log "
                                 "WHERE action LIKE 'return%'")).all()
    assert [r[0] for r in rows] == ["return_without_receipt"]
    [line] = json.loads(rows[0][1])["lines"]
    assert (line["basis"], line["unit_fen"]) == ("typed", 6000)


def test_return_without_receipt_refunds_the_price_paid_lately(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    keys.login()
    ring_a_sale(keys, (SCARF,), "100")  # ¥89.00 on S001-T01-000001
    keys.press(Qt.Key.Key_F8)
    keys.dialog("returns_dialog")
    keys.press(Qt.Key.Key_F4)
    keys.type("F6001")
    returns = keys.dialog("returns_dialog")  # priced by the sale: nothing to type
    assert "S001-T01-000001" in keys.child("return_lines", returns).item(0, 1).text()
    assert keys.child("return_refund", returns).fen == 8900
    keys.press(Qt.Key.Key_F10)
    keys.dialog("manager_dialog")
    keys.type("2001")
    keys.type("2468")
    returns = keys.dialog("returns_dialog")
    assert "Refunded ￥89.00" in keys.child("return_outcome", returns).text()
    assert keys.child("return_refund", returns).fen == 0  # done: the list is empty again


def test_return_by_scanning_the_receipt_barcode(cashier_keys, window: MainWindow,
                                                printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    keys.login()
    ring_a_sale(keys, (COAT, SCARF), "700")
    keys.scan("S001-T01-000001")  # the receipt's Code 128 on the sale screen opens the return
    returns = keys.dialog("returns_dialog")
    assert "S001-T01-000001" in keys.child("return_original", returns).text()
    keys.child("return_qty_2", returns).setValue(1)
    assert keys.child("return_refund", returns).fen == 8900
    keys.press(Qt.Key.Key_F10)
    page = page_with(printer_peer, "退货单")
    assert has(page, "原单号", "S001-T01-000001")
    assert has(page, "丝巾 ×1", "-￥89.00")
    assert keys.child("return_qty_2", returns).maximum() == 0  # nothing left of that line


def test_void_of_a_paid_sale_needs_a_manager(cashier_keys, window: MainWindow,
                                             printer_peer: PrinterPeer, store: App) -> None:
    keys = cashier_keys
    keys.login()
    ring_a_sale(keys, (SCARF,), "100")
    keys.press(Qt.Key.Key_F8)
    keys.dialog("returns_dialog")
    keys.type("S001-T01-000001")
    keys.press(Qt.Key.Key_F3)
    keys.dialog("void_reason_dialog")
    keys.type("rung up twice")
    keys.dialog("manager_dialog")
    keys.type("2001")
    keys.type("2468")
    returns = keys.dialog("returns_dialog")
    assert "Refunded ￥89.00" in keys.child("return_outcome", returns).text()
    with store.ctx.uow() as uow:
        original = uow.sales.by_receipt("S001-T01-000001")
        assert original is not None
        assert [s.total_fen for s in uow.sales.returns_of(original.id)] == [-8900]
