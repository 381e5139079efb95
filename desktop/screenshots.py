"""`kaika demo --screenshots DIR`: the till's main screens rendered to PNG, in Chinese and English.

Each language gets its own demo store on a fixed clock, and the screens are driven the way a
cashier drives them (log-in, shift float, items, member, coupon, payment, return, approval,
lock), so the pictures in the docs show what the till really does. No display is needed.
Every screen is taken at 1366×768, the common till panel; the sale with a member and two
office pages are taken at 1024×768 too (`…-1024x768.png`), the smallest panel the till fits.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    QPoint,
    QSize,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop import bootstrap, i18n
from desktop.app import application, apply_style, choose_font, display_available, set_language
from desktop.demo import DEMO_STORE
from desktop.demo_data import load_demo
from desktop.demo_history import add_history
from desktop.screens.main_window import MainWindow
from desktop.screens.office import Page
from desktop.screens.payment_dialog import PaymentDialog
from desktop.screens.prompt import PromptDialog
from desktop.screens.returns_dialog import ReturnsDialog
from domain.clock import FixedClock
from domain.records import Role, TenderKind
from domain.services.members import find_by_card
from domain.services.setup import new_settings
from hardware.base import DeviceState, DeviceStatus

AT = "2025-05-06T10:30:00+08:00"
SIZE = QSize(1366, 768)
SMALL = QSize(1024, 768)
SMALL_TOO = frozenset({"sale", "desk-application", "manage-z"})
SHADE = QColor(0, 0, 0, 90)
D = TypeVar("D", bound=QWidget)


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform says so for every raise() and size hint: not worth a line each.
    if "This plugin does not support" not in message:
        print(message, file=sys.stderr)


def main(folder: Path) -> int:
    if not display_available():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    qInstallMessageHandler(_quiet)
    app = application()
    choose_font(app)
    apply_style(app)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for lang in i18n.LANGS:
        translators = set_language(app, lang)
        try:
            written += render(app, folder, lang)
        finally:
            i18n.uninstall(app, translators)
    for path in written:
        print(path)
    return 0


class Shots:
    """Saves the window, with the open dialog drawn over it (shaded) when there is one."""

    def __init__(self, app: QApplication, window: MainWindow, folder: Path, lang: str) -> None:
        self.app, self.window, self.folder, self.lang = app, window, folder, lang
        self.saved: list[Path] = []
        self.count = 0

    def take(self, name: str) -> None:
        stem = f"{self.lang}-{self.count + 1:02d}-{name}"
        self.count += 1
        self._save(self.folder / f"{stem}.png")
        if name in SMALL_TOO:
            self.window.resize(SMALL)
            self._save(self.folder / f"{stem}-1024x768.png")
            self.window.resize(SIZE)

    def _save(self, path: Path) -> None:
        settle(self.app)
        picture = self.window.grab()
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            _paint_over(picture, dialog)
        picture.save(str(path))
        self.saved.append(path)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def tasks_done(app: QApplication, window: MainWindow) -> None:
    """Let the window's task runner finish what the page asked it to read."""
    if window.tasks.busy():
        loop = QEventLoop()
        window.tasks.finished.connect(loop.quit)  # emitted once no task is left
        loop.exec()
        window.tasks.finished.disconnect(loop.quit)
    settle(app)


def _paint_over(picture: QPixmap, dialog: QWidget) -> None:
    dialog.adjustSize()
    shot = dialog.grab()
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), SHADE)
    at = QPoint((picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2)
    painter.drawPixmap(at, shot)
    painter.end()


def render(app: QApplication, folder: Path, lang: str) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="kaika-shots-") as tmp:
        clock = FixedClock(datetime.fromisoformat(AT))
        till = bootstrap.open_till(Path(tmp) / "demo.sqlite3", {}, clock=clock,
                                   settings=new_settings(name=DEMO_STORE), ui_lang=lang)
        try:
            cards = load_demo(till.app.ctx)
            add_history(till.app.ctx, till.app.ctx.today())  # the office pages show a past
            window = MainWindow(till.env, None, idle_lock_s=0)
            window.resize(SIZE)
            window.show()
            for role in ("printer", "scanner", "card_reader", "display"):
                window.status.set_device(role, DeviceStatus(DeviceState.ONLINE))
            shots = Shots(app, window, folder, lang)
            try:
                _scenes(shots, window, cards, till)
            finally:
                close_dialogs()
                window.shutdown()
                window.close()
                window.deleteLater()
                settle(app)
        finally:
            till.close()
    return shots.saved


def _scenes(shots: Shots, window: MainWindow, cards: list[str], till: bootstrap.Till) -> None:
    shots.take("login")
    window._on_login("1001", "1357")
    float_dialog = modal(PromptDialog)
    float_dialog.edit.setText("500")
    shots.take("shift-open")
    float_dialog.submit()
    _sell(shots, window, cards, till)
    _return_and_approve(shots, window)
    window.sale.do.help()
    shots.take("keys")
    close_dialogs()
    window.lock()
    shots.take("locked")
    _office(shots, window)


def _office(shots: Shots, window: MainWindow) -> None:
    """Every back-office page as a manager sees it, after the sales above; then the pages
    only an administrator has (the till's devices)."""
    window.logout()
    window._on_login("2001", "2468")
    _pages(shots, window, lambda page: True)
    window.logout()
    window._on_login("0001", "8024")
    _pages(shots, window, lambda page: page.roles == {Role.ADMIN})


def _pages(shots: Shots, window: MainWindow, wanted: Callable[[Page], bool]) -> None:
    office = window.office
    assert office is not None
    for page in filter(wanted, office.pages):
        widget = office.open(page.key)
        dates = getattr(widget, "dates", None)
        if dates is not None:
            dates.step(-1)  # yesterday: a whole, closed day of the demo's past
        tasks_done(shots.app, window)  # what the page reads is on it before the picture
        shots.take(page.key.replace("_", "-"))
        close_dialogs()


def _sell(shots: Shots, window: MainWindow, cards: list[str], till: bootstrap.Till) -> None:
    """A member sale with a coupon, paid by bank card and cash."""
    _ring(window, ("A1001", "F6001", "F6001", cards[0]))
    coupon = find_by_card(till.app.ctx, cards[0]).coupons[0].code
    window.sale.sale().add_coupon(coupon)
    window.sale.refresh()
    window.refresh_sync()
    shots.take("sale")
    window.sale.do.pay()
    pay = modal(PaymentDialog)
    pay.choose(TenderKind.BANK_CARD)
    pay.amount.setText("300")
    pay.reference.setText("889900")
    pay.add()
    pay.choose(TenderKind.CASH)
    pay.amount.setText("500")
    shots.take("payment")
    pay.add()
    tasks_done(shots.app, window)  # the sale is saved on the window's task runner
    shots.take("sale-done")


def _return_and_approve(shots: Shots, window: MainWindow) -> None:
    """One scarf back from that sale; then a discount that needs the manager."""
    window.sale.do.open_returns(window.last_saved or "")
    returns = modal(ReturnsDialog)
    returns.spins[2].setValue(1)
    shots.take("return")
    close_dialogs()
    _ring(window, ("B2001",))
    window.sale.do.discount_line()
    discount = modal(PromptDialog)
    discount.edit.setText("90")
    discount.submit()
    shots.take("manager-approval")
    close_dialogs()


def _ring(window: MainWindow, codes: tuple[str, ...]) -> None:
    for code in codes:
        window.sale.input.setText(code)
        window.sale.input.returnPressed.emit()


def modal(kind: type[D]) -> D:
    widget = QApplication.activeModalWidget()
    assert isinstance(widget, kind), f"expected a {kind.__name__}, found {widget!r}"
    return widget


def close_dialogs() -> None:
    for _ in range(4):
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, QDialog):
            return
        widget.reject()
        QApplication.processEvents()
