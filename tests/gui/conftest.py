"""Fixtures for the till: a demo store (built once, copied per test), peers, a key clock."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.bootstrap import App, open_app
from desktop.demo_data import load_demo
from desktop.devices import TillDevices
from desktop.screens.main_window import MainWindow
from desktop.screens.payment_dialog import PaymentDialog
from desktop.viewmodels.env import TillEnv
from domain.cards import track2_data
from domain.clock import FixedClock
from domain.records import Staff
from domain.services.members import MemberView, find_by_card
from domain.services.setup import new_settings
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer
from hardware.registry import DeviceRegistry

STORE = "开卡测试店"
START = datetime.fromisoformat("2025-05-06T10:00:00+08:00")  # as tests/conftest.py


@dataclass(frozen=True)
class DemoStore:
    path: Path
    cards: list[str]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> DemoStore:
    """The demo catalogue, staff and members, made once: staff PINs are slow to hash."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "store.sqlite3"
    made = open_app(path, clock=FixedClock(START), settings=new_settings(name=STORE))
    try:
        cards = load_demo(made.ctx)
    finally:
        made.close()
    return DemoStore(path, cards)


@pytest.fixture
def store(demo_store: DemoStore, tmp_path: Path, clock: FixedClock) -> Iterator[App]:
    """A fresh copy of the demo store for one test."""
    path = tmp_path / "store.sqlite3"
    shutil.copy(demo_store.path, path)
    key = demo_store.path.with_name(demo_store.path.name + ".key")
    if key.exists():  # it seals the card secret and ID numbers: a copy needs it
        shutil.copy(key, path.with_name(path.name + ".key"))
    opened = open_app(path, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def cards(demo_store: DemoStore) -> list[str]:
    return demo_store.cards


@pytest.fixture
def env(store: App) -> TillEnv:
    return TillEnv(store.ctx, store.settings.store_name)


@pytest.fixture
def cashier(store: App) -> Staff:
    return login(store.ctx, "1001", "1357")


@pytest.fixture
def zhang(store: App, cards: list[str]) -> MemberView:
    """张三: silver-free 普通会员 with ￥1,000 stored value and a ￥50 sign-up coupon."""
    return find_by_card(store.ctx, cards[0])


class KeyClock:
    """The wedge decoder's clock in tests: each reading moves on by `step` seconds.

    A person types ~0.1 s apart, a scanner ~0.005 s; QTest sends keys in microseconds, so
    without this every typed word would look like a scan.
    """

    def __init__(self, step: float = 0.1) -> None:
        self.now = 1000.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def key_clock() -> KeyClock:
    return KeyClock()


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """Tests read English sentences and en_US numbers unless they switch language."""
    installed = i18n.install(qapp, "en")
    yield
    i18n.uninstall(qapp, installed)


# --- the till's window, driven by keys ---------------------------------------------------------

@pytest.fixture
def printer_peer() -> Iterator[PrinterPeer]:
    with PrinterPeer("tcp") as peer:
        yield peer


def device_settings(printer: PrinterPeer) -> dict[str, dict[str, Any]]:
    return {"printer": {"url": printer.address, "width": 80, "encoding": "gb18030",
                        "timeout": 1.0},
            "drawer": {"pin": 2, "on_ms": 100, "off_ms": 100},
            "scanner": {"url": "wedge:"},
            "card_reader": {"url": "wedge:", "brands": ["13"]}}


@pytest.fixture
def idle_lock() -> float:
    """Seconds before the till locks by itself; 0 (never) unless a test module says."""
    return 0


@pytest.fixture
def window(qtbot: QtBot, env: TillEnv, printer_peer: PrinterPeer, key_clock: KeyClock,
           idle_lock: float) -> Iterator[MainWindow]:
    """The till with a printer peer, a drawer on it, and wedge scanner and card reader."""
    devices = TillDevices(DeviceRegistry(device_settings(printer_peer)), poll_s=3600)
    main = MainWindow(env, devices, idle_lock_s=idle_lock, wedge_clock=key_clock)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    main.activateWindow()
    main.start()
    yield main
    main.shutdown()


class Cashier:
    """Key presses as a person (or a scanner) makes them, into whatever has the focus."""

    def __init__(self, qtbot: QtBot, window: MainWindow, clock: KeyClock) -> None:
        self.qtbot, self.window, self.clock = qtbot, window, clock

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str, enter: bool = True) -> None:
        """A person typing (0.1 s apart): the wedge filter hands every key to the field."""
        self.clock.step = 0.1
        target = self.focus()
        QTest.keyClicks(target, text)
        self.qtbot.wait(30)  # the filter gives the last held key back on its timer
        if enter:
            QTest.keyClick(self.focus(), Qt.Key.Key_Return)
        self.saved()

    def scan(self, code: str) -> None:
        """A scanner or stripe reader (5 ms apart, then Enter): one burst to the till."""
        self.clock.step = 0.005
        target = self.focus()
        QTest.keyClicks(target, code)
        QTest.keyClick(target, Qt.Key.Key_Return)
        self.clock.step = 0.1
        self.qtbot.wait(20)  # the burst is delivered from the event loop
        self.saved()

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
              ) -> None:
        QTest.keyClick(self.focus(), key, modifier)
        self.qtbot.wait(10)
        self.saved()

    def saved(self) -> None:
        """A sale being saved runs on the window's task runner: wait for its outcome, so a test
        sees the sale saved or refused, never the moment in between."""
        self.qtbot.waitUntil(lambda: not any(
            isinstance(w, PaymentDialog) and w.saving for w in QApplication.topLevelWidgets()),
            timeout=15000)

    def dialog(self, name: str) -> QWidget:
        """The dialog now open (waits for it): found by its objectName."""
        found: list[QWidget] = []

        def opened() -> bool:
            widget = QApplication.activeModalWidget()
            focus = QApplication.focusWidget()
            if (widget is not None and widget.objectName() == name
                    and QApplication.activeWindow() is widget
                    and focus is not None and widget.isAncestorOf(focus)):
                found.append(widget)
                return True
            return False
        self.qtbot.waitUntil(opened, timeout=3000)
        return found[0]

    def no_dialog(self) -> None:
        self.qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
        self.qtbot.wait(20)  # the keyboard focus goes back on the next turn of the loop

    def login(self, number: str = "1001", pin: str = "1357", float_yuan: str = "500") -> None:
        self.window.login.number.setFocus()
        self.type(number)
        self.type(pin)
        if float_yuan:
            self.dialog("shift_open_dialog")
            self.type(float_yuan)
        self.no_dialog()
        assert self.window.stack.currentWidget() is self.window.sale

    def child(self, name: str, parent: QWidget | None = None) -> Any:
        widget = (parent or self.window).findChild(QWidget, name)
        assert widget is not None, name
        return widget


@pytest.fixture
def cashier_keys(qtbot: QtBot, window: MainWindow, key_clock: KeyClock) -> Cashier:
    return Cashier(qtbot, window, key_clock)


@pytest.fixture
def stripe(store: App) -> Callable[[str], str]:
    """What the stripe reader types for one of our cards: ;number=YYMMvvv?"""
    def typed(number: str) -> str:
        with store.ctx.uow() as uow:
            card = uow.cards.get(number)
        assert card is not None
        return track2_data(number, card.expiry, store.ctx.card_secret)
    return typed


def tasks_done(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the window's task runner has run every task and their callbacks (a page's
    reading, a day close): what they show is on screen afterwards."""
    qtbot.waitUntil(lambda: not window.tasks.busy(), timeout=15000)
