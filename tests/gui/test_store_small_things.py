"""Small things a store meets (issue 12, items 20 and 22): form messages that do not move the
fields, the report's print time in the store's time, Qt's own dialogs in Chinese, "回车" on
every Enter key, the lucky wheel drawn by the odds, and a till with no head office."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget

from desktop import i18n
from desktop.app import apply_style, choose_font
from desktop.screens.desk.draw_wheel import COLOURS, DrawWheel
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.confirm import ConfirmDialog
from desktop.screens.manage.points_report import PointsReportPage
from desktop.screens.manage.z_report import ZReportPage
from desktop.viewmodels.status import SyncState
from tests.gui.conftest import Cashier, tasks_done
from tests.gui.test_desk_signup import application, type_into

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    installed = i18n.install(qapp, "zh_CN")
    yield
    i18n.uninstall(qapp, installed)
    i18n.install(qapp, "en")  # the session's English comes back on top


@pytest.fixture
def till_style(qapp: QApplication) -> Iterator[None]:
    font = QFont(qapp.font())
    apply_style(qapp)
    choose_font(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


def _where(widgets: dict[str, QWidget], top: QWidget) -> dict[str, QRect]:
    return {name: QRect(w.mapTo(top, QPoint(0, 0)), w.size()) for name, w in widgets.items()}


# --- item 20: form messages keep their room -----------------------------------------------------

def test_the_application_forms_messages_do_not_move_its_fields(
        window: MainWindow, cashier_keys: Cashier, till_style: None) -> None:
    window.resize(QSize(1024, 768))
    page = application(cashier_keys, window)
    QApplication.processEvents()
    targets: dict[str, QWidget] = {**page.fields, **page.buttons}
    before = _where(targets, window)
    type_into(cashier_keys, page, "mobile", "1380013")  # named as it is typed
    cashier_keys.press(Qt.Key.Key_F2)  # save: every missing field named, the banner says why
    QApplication.processEvents()
    assert page.errors["name"].isVisible() and page.banner.isVisible()
    assert _where(targets, window) == before
    type_into(cashier_keys, page, "mobile", "8000")  # the message goes away again
    QApplication.processEvents()
    assert _where(targets, window) == before


def test_a_prompts_refusal_does_not_move_its_buttons(
        window: MainWindow, cashier_keys: Cashier, till_style: None) -> None:
    cashier_keys.login()
    cashier_keys.scan("6901234567892")
    cashier_keys.press(Qt.Key.Key_F2)
    dialog = cashier_keys.dialog("qty_dialog")
    buttons = {name: cashier_keys.child(name, dialog) for name in ("ok", "cancel")}
    before = _where(buttons, dialog)
    cashier_keys.type("abc")  # not a quantity: refused in the dialog
    assert cashier_keys.child("error", dialog).text()
    assert _where(buttons, dialog) == before


# --- item 22 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page_type", [ZReportPage, PointsReportPage])
def test_a_reports_print_time_is_the_stores_time(
        window: MainWindow, cashier_keys: Cashier, page_type: type) -> None:
    window.login.number.setFocus()
    cashier_keys.type("2001")
    cashier_keys.type("2468")
    assert window.office is not None
    key = "manage_z" if page_type is ZReportPage else "manage_points"
    page = window.office.open(key)
    assert isinstance(page, page_type)
    tasks_done(cashier_keys.qtbot, window)  # the report is read on the task runner
    assert page.view.doc is not None and page.view.paper is not None
    for doc in (page.view.doc, page.view.paper):
        printed = dict(doc.meta)
        assert "2025-05-06 10:00" in printed.values(), doc.meta  # 10:00 in Shanghai, not 02:00


def test_the_save_dialog_is_chinese_in_a_chinese_till(qapp: QApplication, chinese: None
                                                      ) -> None:
    dialog = QFileDialog(None, "保存", str(ROOT), "PDF (*.pdf)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    try:
        QApplication.processEvents()
        texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
        english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t.replace("&", ""))]
        assert not english, english
    finally:
        dialog.close()


def test_the_close_day_question_says_enter_in_chinese(qapp: QApplication, chinese: None
                                                      ) -> None:
    host = QWidget()
    dialog = ConfirmDialog(host, "close_day_dialog", "日结", "确定日结？", "日结", lambda: None)
    ok = dialog.findChild(QWidget, "ok")
    assert ok is not None and ok.text() == "回车 日结"  # type: ignore[attr-defined]
    host.deleteLater()


def test_every_chinese_enter_key_reads_huiche() -> None:
    tree = ET.parse(ROOT / "resources" / "i18n" / "kaika_zh_CN.ts")
    wrong = [(m.findtext("source"), m.findtext("translation"))
             for m in tree.iter("message")
             if (m.findtext("source") or "").startswith("Enter ")
             and not (m.findtext("translation") or "").startswith("回车")
             and "Enter at least" not in (m.findtext("source") or "")]
    assert not wrong


def test_the_wheels_slices_follow_the_odds(qtbot) -> None:
    wheel = DrawWheel()
    qtbot.addWidget(wheel)
    wheel.resize(400, 400)
    wheel.set_segments([("一等奖", False), ("二等奖", False)], [1, 3])
    assert wheel.spans == [90.0, 270.0]
    picture = wheel.grab().toImage()
    centre = QPoint(200, 208)
    # Half way down on the right (4:30 on a clock): the small first prize covers only 12–3.
    at = centre + QPoint(90, 90)
    assert QColor(picture.pixel(at)) == QColor(COLOURS[1])
    at = centre + QPoint(90, -90)  # 1:30: the first prize
    assert QColor(picture.pixel(at)) == QColor(COLOURS[0])
    assert wheel.spin_to(0)
    wheel._anim.setCurrentTime(wheel._anim.duration())
    assert wheel.under_pointer() == 0


def test_a_till_that_never_enrolled_says_nothing_of_head_office(window: MainWindow) -> None:
    window.refresh_sync()  # no sync loop: the till was never enrolled
    sync = window.status.findChild(QLabel, "status_sync")
    assert sync is not None and not sync.isVisible()
    window.status.set_sync(SyncState(12, online=False))
    assert sync.isVisible() and sync.text() == "Head office: offline · unsynced 12"



def test_the_receipt_viewer_lines_up_columns_and_draws_the_codes(
        qtbot, printer_peer, store) -> None:
    """A coupon slip through the printer peer (real ESC/POS bytes): the viewer shows its
    lines in a font where 券 is two columns, and its QR code as a picture where it printed."""
    from desktop.screens.receipt_view import ReceiptView, receipt_font
    from hardware.receipt import Receipt
    from hardware.registry import build_printer
    from tests.gui.conftest import device_settings

    slip = (Receipt().text("优惠券").columns("满减券", "￥20.00")
            .columns("Coupon", "￥20.00").qr("CPN-0001").text("谢谢").barcode("S001-T01-000665")
            .cut())
    build_printer(device_settings(printer_peer)["printer"]).print_receipt(slip)
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    view = ReceiptView(log.pages[-1], log.page_codes[-1])
    qtbot.addWidget(view)
    paper = view.text_runs[0]
    assert paper.font().family() == receipt_font().family()
    at = {line: row for row, line in enumerate(paper.lines)}
    chinese = next(line for line in at if line.startswith("满减券"))
    latin = next(line for line in at if line.startswith("Coupon"))
    # 满减券 is six printer columns, as is "Coupon": the amounts start at the same x.
    assert paper.column_x(at[chinese], 3) == paper.column_x(at[latin], 6)
    assert (paper.column_x(at[chinese], chinese.index("￥"))
            == paper.column_x(at[latin], latin.index("￥")))
    drawn = [label for label in view.pictures if label.pixmap() is not None
             and not label.pixmap().isNull()]
    assert [label.toolTip() for label in drawn] == ["CPN-0001", "S001-T01-000665"]
