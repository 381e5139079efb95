"""The Devices page (issue 13 §5): the administrator finds the pty printer, prints a test page
and kicks the drawer through it, tries a keyboard scanner, and saves the file the till reads;
nobody else sees the page, and the service refuses their save."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableWidget

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.devices import DevicesPage
from desktop.viewmodels.env import TillEnv
from domain.errors import DomainError
from domain.records import AuditQuery
from hardware.cli import load_devices
from hardware.devices_store import DevicesFile
from hardware.peers.display_peer import DisplayPeer
from hardware.peers.msr605_peer import Msr605Peer
from hardware.peers.printer_peer import PrinterPeer
from hardware.testpage import test_page as slip_page
from tests.gui.conftest import START, STORE, Cashier, tasks_done
from tests.gui.test_manage_audit import office_login
from tests.gui.test_manage_staff import open_staff
from tests.gui.test_wedge_till import ring_a_sale

pytestmark = pytest.mark.timeout(90)


@pytest.fixture
def devices_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "devices.toml"


@pytest.fixture
def env(store: App, devices_path: Path) -> TillEnv:
    """The till as `kaika run` opens it: with the devices file it was started with."""
    return TillEnv(store.ctx, store.settings.store_name,
                   devices_store=DevicesFile(devices_path))


@pytest.fixture
def pty_printer() -> Iterator[PrinterPeer]:
    with PrinterPeer("pty") as peer:
        yield peer


def open_devices(keys: Cashier, window: MainWindow) -> DevicesPage:
    office_login(keys, window, "0001", "8024")
    assert window.office is not None
    page = window.office.open("manage_devices")
    assert isinstance(page, DevicesPage)
    tasks_done(keys.qtbot, window)  # the first look for devices
    return page


def press(keys: Cashier, page: DevicesPage, name: str) -> None:
    button: QPushButton = keys.child(name, page)
    button.click()
    tasks_done(keys.qtbot, keys.window)


def choose(combo: QComboBox, wanted: str) -> None:
    index = next(i for i in range(combo.count()) if wanted in str(combo.itemData(i)))
    combo.setCurrentIndex(index)


def audited(store: App, action: str) -> list:
    with store.ctx.reader() as uow:
        return [e for e in uow.audit.page(AuditQuery(), 0, 500) if e.action == action]


def test_the_admin_finds_the_printer_tries_it_and_saves(
        store: App, window: MainWindow, cashier_keys: Cashier, pty_printer: PrinterPeer,
        devices_path: Path) -> None:
    keys = cashier_keys
    page = open_devices(keys, window)
    result: QLabel = keys.child("devices_result", page)
    keys.child("devices_port", page).setText(pty_printer.address)
    press(keys, page, "devices_add_port")
    assert result.text().startswith("Port ")
    choose(keys.child("devices_printer", page), pty_printer.address)
    choose(keys.child("devices_width", page), "58")
    choose(keys.child("devices_printer_baud", page), "19200")
    press(keys, page, "devices_test_page")
    log = pty_printer.wait_for(lambda lg: lg.cuts >= 1)
    assert "测试页" in log.lines[0]
    assert log.qr == ["KAIKA-TEST:58mm:gb18030"]
    assert result.text().startswith("The test page went to serial://")
    choose(keys.child("devices_drawer", page), "5")
    press(keys, page, "devices_open_drawer")
    pulses = pty_printer.wait_for(lambda lg: bool(lg.drawer_pulses)).drawer_pulses
    assert [(p.pin, p.on_ms) for p in pulses] == [(5, 100)]
    keys.child("devices_scanner", page).setCurrentIndex(1)  # the keyboard
    keys.child("devices_port", page).setFocus()
    keys.press(Qt.Key.Key_F2)
    assert result.text() == f"Saved in {devices_path}. The till uses these devices now."
    _, saved = load_devices(devices_path)
    assert saved == {
        "printer": {"width": 58, "encoding": "gb18030",
                    "url": f"serial://{pty_printer.address}?baud=19200"},
        "drawer": {"pin": 5, "on_ms": 100, "off_ms": 100},
        "scanner": {"url": "wedge:"}}
    [entry] = audited(store, "devices_saved")
    assert entry.details["changed"] == ["drawer", "printer", "scanner"]


def test_a_keyboard_scanner_and_reader_are_tried_in_the_pages_field(
        window: MainWindow, cashier_keys: Cashier, stripe, cards: list[str]) -> None:
    page = open_devices(cashier_keys, window)
    field = cashier_keys.child("devices_wedge", page)
    field.setFocus()
    cashier_keys.scan("6901234567892")
    assert cashier_keys.child("devices_result", page).text() == "Code read: 6901234567892"
    assert field.text() == ""
    cashier_keys.scan(stripe(cards[0]))  # the till's filter takes it for a swipe
    assert cashier_keys.child("devices_result", page).text() == (
        f"Card read (tracks 2): [card ****{cards[0][-4:]}]")
    cashier_keys.type("12", enter=False)  # a person typing: stays in the field
    assert field.text() == "12"
    press(cashier_keys, page, "devices_read_scan")  # a keyboard scanner is tried in the field
    assert cashier_keys.child("devices_result", page).text().startswith("Choose the device")


def test_a_printer_that_is_not_there_is_said_on_the_page(window: MainWindow,
                                                         cashier_keys: Cashier) -> None:
    page = open_devices(cashier_keys, window)
    cashier_keys.child("devices_network", page).setText("127.0.0.1:1")
    press(cashier_keys, page, "devices_add_network")
    press(cashier_keys, page, "devices_test_page")
    assert cashier_keys.child("devices_result", page).text() == (
        "The receipt printer is not reachable. Check it is switched on and cabled.")
    cashier_keys.child("devices_network", page).setText("host:port")
    press(cashier_keys, page, "devices_add_network")
    assert cashier_keys.child("devices_result", page).text().startswith(
        "A device address in the settings is wrong")


def test_only_the_administrator_has_the_page_and_a_managers_save_is_refused(
        store: App, window: MainWindow, cashier_keys: Cashier, devices_path: Path) -> None:
    office_login(cashier_keys, window, "2001", "2468")
    office = window.office
    assert office is not None
    assert "manage_devices" not in [p.key for p in office.pages]
    with pytest.raises(DomainError) as refused:
        office.open("manage_devices")
    assert refused.value.code == "staff.not_allowed"
    page = DevicesPage(office.ctx)  # as if a screen offered it: the service still refuses
    cashier_keys.qtbot.addWidget(page)
    page.combos["scanner"].setCurrentIndex(1)
    page.save()
    assert page.result.text() == "Your role may not open this. Ask a manager."
    assert not devices_path.exists()
    assert [e.target for e in audited(store, "access_refused")] == ["devices.save_devices"]


def test_the_staff_page_lists_who_may_set_up_devices(window: MainWindow,
                                                     cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window)
    table: QTableWidget = cashier_keys.child("staff_permissions", page)
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)]
            for r in range(table.rowCount())}
    assert rows["Set up the till's devices"] == ["—", "—", "—", "✓"]


def test_a_saved_printer_is_used_at_once_and_the_waiting_receipt_goes_to_it(
        store: App, window: MainWindow, cashier_keys: Cashier, printer_peer: PrinterPeer,
        pty_printer: PrinterPeer) -> None:
    keys = cashier_keys
    page = open_devices(keys, window)
    devices, office = window.devices, window.office
    assert devices is not None and office is not None
    profile = devices.registry.get("printer").profile
    printer_peer.stop()  # the till's printer goes away: the next slip waits in the queue
    assert office.ctx.print_receipt(slip_page(STORE, profile, "old", START))
    keys.qtbot.waitUntil(lambda: devices.waiting() == 1, timeout=10000)
    keys.child("devices_port", page).setText(pty_printer.address)
    press(keys, page, "devices_add_port")
    choose(keys.child("devices_printer", page), pty_printer.address)
    choose(keys.child("devices_drawer", page), "5")
    press(keys, page, "devices_save")
    assert keys.child("devices_result", page).text().endswith("The till uses these devices now.")
    first = pty_printer.wait_for(lambda lg: lg.cuts >= 1, timeout=10)
    assert "old" in " ".join(first.lines)  # the slip that waited, on the new printer
    keys.qtbot.waitUntil(lambda: devices.waiting() == 0, timeout=10000)
    assert office.ctx.print_receipt(slip_page(STORE, profile, "new", START))
    assert "new" in " ".join(pty_printer.wait_for(lambda lg: lg.cuts >= 2, timeout=10).lines)
    devices.open_drawer()
    pulses = pty_printer.wait_for(lambda lg: bool(lg.drawer_pulses)).drawer_pulses
    assert [p.pin for p in pulses] == [5]
    label = keys.child("status_device_printer")
    keys.qtbot.waitUntil(lambda: label.property("state") == "ok")  # a signal from the worker


def test_a_removed_device_leaves_the_status_bar_and_the_keyboard_reader_still_reads(
        window: MainWindow, cashier_keys: Cashier) -> None:
    keys = cashier_keys
    page = open_devices(keys, window)
    keys.child("devices_printer", page).setCurrentIndex(0)  # none: the drawer goes with it
    press(keys, page, "devices_save")
    devices = window.devices
    assert devices is not None and not devices.has("printer") and not devices.has("drawer")
    keys.qtbot.waitUntil(lambda: window.findChild(QLabel, "status_device_printer") is None)
    field = keys.child("devices_wedge", page)
    field.setFocus()
    keys.scan("6901234567892")  # the rebuilt keyboard decoder, through the same window
    assert keys.child("devices_result", page).text() == "Code read: 6901234567892"


@pytest.fixture
def display_peer() -> Iterator[DisplayPeer]:
    with DisplayPeer() as peer:
        yield peer


@pytest.fixture
def encoder_peer() -> Iterator[Msr605Peer]:
    with Msr605Peer() as peer:
        yield peer


def test_the_customer_display_and_card_encoder_are_chosen_tried_and_saved(
        window: MainWindow, cashier_keys: Cashier, display_peer: DisplayPeer,
        encoder_peer: Msr605Peer, devices_path: Path) -> None:
    keys = cashier_keys
    page = open_devices(keys, window)
    result: QLabel = keys.child("devices_result", page)
    press(keys, page, "devices_show_line")
    assert result.text() == "Choose the device first."
    for peer, role in ((display_peer, "display"), (encoder_peer, "encoder")):
        keys.child("devices_port", page).setText(peer.address)
        press(keys, page, "devices_add_port")
        choose(keys.child(f"devices_{role}", page), peer.address)
    press(keys, page, "devices_show_line")
    assert display_peer.wait_for("KAIKA") == ("KAIKA DISPLAY TEST", "12345678901234567890")
    assert result.text() == 'The customer display should now read "KAIKA DISPLAY TEST".'
    keys.press(Qt.Key.Key_F4)
    tasks_done(keys.qtbot, window)
    assert result.text() == "The card encoder answered its status check (firmware REV0A1.0)."
    choose(keys.child("devices_encoder_baud", page), "38400")
    press(keys, page, "devices_save")
    _, saved = load_devices(devices_path)
    assert saved["display"] == {"url": f"serial://{display_peer.address}?baud=9600"}
    assert saved["encoder"] == {"url": f"serial://{encoder_peer.address}?baud=38400"}
    devices = window.devices
    assert devices is not None
    devices.show_text("HELLO", "AT ONCE")  # the running till drives the new display
    assert display_peer.wait_for("HELLO")[1].startswith("AT ONCE")


def test_an_encoder_that_does_not_answer_is_said_on_the_page(
        window: MainWindow, cashier_keys: Cashier, display_peer: DisplayPeer) -> None:
    keys = cashier_keys
    page = open_devices(keys, window)
    keys.child("devices_port", page).setText(display_peer.address)  # a display, no encoder
    press(keys, page, "devices_add_port")
    choose(keys.child("devices_encoder", page), display_peer.address)
    press(keys, page, "devices_probe_encoder")
    assert keys.child("devices_result", page).text() == (
        "The card encoder stopped answering. Check its cable and power.")


def test_after_the_save_a_sales_receipt_comes_out_of_the_new_printer(
        window: MainWindow, cashier_keys: Cashier, printer_peer: PrinterPeer,
        pty_printer: PrinterPeer) -> None:
    keys = cashier_keys
    page = open_devices(keys, window)
    keys.child("devices_port", page).setText(pty_printer.address)
    press(keys, page, "devices_add_port")
    choose(keys.child("devices_printer", page), pty_printer.address)
    press(keys, page, "devices_save")
    before = printer_peer.received.cuts
    window.logout()
    ring_a_sale(keys, window)  # a cashier's sale, no restart in between
    receipt = pty_printer.wait_for(lambda lg: lg.cuts >= 1, timeout=10)
    assert any("S001-T01-000001" in line for line in receipt.lines)
    assert printer_peer.received.cuts == before  # the old printer had nothing more
