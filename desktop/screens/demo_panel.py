"""Demo mode only: buttons that make the simulated devices act — swipe a member card, scan an
item or a phone QR, run the printer out of paper — and a look at what the printer printed."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QPushButton, QVBoxLayout, QWidget

from desktop.bootstrap import store_path
from desktop.screens.main_window import MainWindow
from desktop.screens.receipt_view import receipt_dialog
from domain import dynamicqr
from domain.cards import track2_data
from hardware.tracks import Tracks
from sync import qrkeys

# A test bank card (Visa test number): the till must refuse it and keep nothing.
BANK_CARD = Tracks(track1="B4111111111111111^DEMO/CARD^2912101", track2="4111111111111111=2912101")


class DemoPanel(QWidget):
    def __init__(self, window: MainWindow, rig: Any, cards: list[str]) -> None:
        super().__init__(window)
        self.setObjectName("demo_panel")
        self.window_, self.rig, self.cards = window, rig, cards
        layout = QVBoxLayout(self)
        buttons = [
            ("demo_swipe", self.tr("Swipe 张三's card"), lambda: self.swipe(0)),
            ("demo_swipe_lisi", self.tr("Swipe 李四's card"), lambda: self.swipe(1)),
            ("demo_qr", self.tr("Show 张三's phone QR"), self.phone_qr),
            ("demo_scan_coat", self.tr("Scan 羊毛外套"), lambda: self.scan("6901234567892")),
            ("demo_scan_scarf", self.tr("Scan 丝巾"), lambda: self.scan("6901234567984")),
            ("demo_bank_card", self.tr("Swipe a bank card"), self.bank_card),
            ("demo_paper", self.tr("Printer: paper out / in"), self.toggle_paper),
            ("demo_printed", self.tr("What the printer printed"), self.show_printed),
        ]
        for name, text, slot in buttons:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.addStretch(1)

    def swipe(self, index: int) -> None:
        ctx = self.window_.env.ctx
        number = self.cards[index]
        with ctx.uow() as uow:
            card = uow.cards.get(number)
        if card is not None:
            stripe = track2_data(number, card.expiry, ctx.card_secret)
            self.rig.card_reader.swipe(Tracks(track2=stripe.strip(";?")))  # sentinels: the peer's

    def phone_qr(self) -> None:
        # Signed with the demo store's stand-in for head office's key (sync/qrkeys.py), the
        # way the member page signs with the merchant's: the till only verifies.
        ctx = self.window_.env.ctx
        pair = qrkeys.demo_pair(store_path(ctx))
        payload = dynamicqr.make_payload(self.cards[0], ctx.now(), pair.private.sign,
                                         os.urandom(dynamicqr.NONCE_BYTES))
        self.rig.scanner.scan(payload)

    def scan(self, code: str) -> None:
        self.rig.scanner.scan(code)

    def bank_card(self) -> None:
        self.rig.card_reader.swipe(BANK_CARD)

    def toggle_paper(self) -> None:
        emulator = self.rig.printer.emulator
        emulator.paper_out = not emulator.paper_out
        if self.window_.devices is not None:
            self.window_.devices.poll()

    def show_printed(self) -> QDialog:
        """The last page the printer cut, columns lined up and its codes drawn."""
        log = self.rig.printer.received
        pages = log.pages or [log.lines]
        codes = log.page_codes[-1] if log.pages and log.page_codes else []
        dialog = receipt_dialog(self, self.tr("Last receipt, as the printer received it"),
                                pages[-1], codes)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def add_demo_panel(window: MainWindow, rig: Any, cards: list[str]) -> QDockWidget:
    dock = QDockWidget(QCoreApplication.translate("DemoPanel", "Demo devices"), window)
    dock.setObjectName("demo_dock")
    dock.setWidget(DemoPanel(window, rig, cards))
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    screen = window.screen()
    if screen is not None:
        fit_demo_dock(window, dock, screen.availableGeometry().size())
    return dock


def fit_demo_dock(window: MainWindow, dock: QDockWidget, available: QSize) -> None:
    """Beside the till where the screen has room for both; floating over the till on a
    1024 px panel, where docked it would push the office pages off the screen."""
    from desktop.app import WINDOW

    dock.setFloating(False)
    if available.width() >= WINDOW.width():
        return
    dock.setFloating(True)
    hint = dock.sizeHint()
    dock.setGeometry(max(available.width() - hint.width(), 0), 40, hint.width(),
                     min(hint.height(), available.height() - 80))
