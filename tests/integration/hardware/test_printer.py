"""The receipt printer driver against the printer peer, through TCP and a pty."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from hardware.addresses import Address, parse_address
from hardware.base import DeviceState
from hardware.drawer import CashDrawer
from hardware.errors import DeviceError
from hardware.escpos_link import EscposConnection, connect
from hardware.escpos_render import render
from hardware.layout import Align
from hardware.peers.printer_peer import PrinterPeer
from hardware.print_queue import PrintQueue
from hardware.printer import EscposPrinter
from hardware.profiles import BUILTIN
from hardware.receipt import Receipt, Symbology

pytestmark = pytest.mark.timeout(20)


class RecordingConnector:
    """The real connector, noting the bound each connection was opened with."""

    def __init__(self) -> None:
        self.timeouts: list[float] = []
        self.socket_timeouts: list[float | None] = []

    def __call__(self, address: Address, timeout: float) -> EscposConnection:
        self.timeouts.append(timeout)
        conn = connect(address, timeout)
        sock = getattr(conn.device, "device", None)
        if isinstance(sock, socket.socket):
            self.socket_timeouts.append(sock.gettimeout())
        return conn


def sale_receipt() -> Receipt:
    return (Receipt().text("开卡时装 徐汇店", Align.CENTER, width=2, height=2)
            .text("S012-T02-000123", Align.CENTER).rule()
            .columns("羊毛混纺修身西装外套", "1 x ￥150.00").amount("会员价 8.5折", 12750)
            .rule().amount("合计", 21250, bold=True).amount("找零", 0)
            .qr("KAIKA:S012-T02-000123").barcode("690123456789", Symbology.EAN13)
            .kick_drawer().cut())


def printer_for(peer: PrinterPeer, width: str = "80", timeout: float = 1.0) -> EscposPrinter:
    return EscposPrinter(parse_address(peer.address), BUILTIN[width], timeout=timeout)


@pytest.mark.parametrize("width", ["58", "80"])
def test_network_printer_prints_a_sale_the_peer_reads_back(printer_peer: PrinterPeer,
                                                           width: str) -> None:
    printer_for(printer_peer, width).print_receipt(sale_receipt())
    log = printer_peer.wait_for(lambda log: log.cuts == 1)
    page = log.pages[0]
    assert page[0] == "开卡时装 徐汇店"
    assert "羊毛混纺修身西装外套" in page[3]
    assert page[-2].startswith("合计") and page[-2].endswith("￥212.50")
    assert log.qr == ["KAIKA:S012-T02-000123"]
    assert log.barcodes == [("EAN13", "6901234567892")]
    assert [(p.pin, p.on_ms) for p in log.drawer_pulses] == [(2, 100)]
    # 58 mm has no native QR or barcode: the peer found them in the printed picture
    assert len(log.pictures) == (1 if width == "58" else 0)


def test_serial_printer_through_a_pty(serial_printer_peer: PrinterPeer) -> None:
    printer = printer_for(serial_printer_peer, "58")
    assert printer.status().state is DeviceState.ONLINE
    printer.print_receipt(Receipt().text("串口打印 ￥9.90").cut())
    log = serial_printer_peer.wait_for(lambda log: log.cuts == 1)
    assert log.lines == ["串口打印 ￥9.90"]


def test_file_printer_writes_the_rendered_bytes(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    address = parse_address(f"file://{device}")
    receipt = Receipt().text("文件打印").cut()
    printer = EscposPrinter(address, BUILTIN["80"])
    printer.print_receipt(receipt)
    assert device.read_bytes() == render(receipt, BUILTIN["80"])
    assert printer.status().state is DeviceState.UNKNOWN  # a device file cannot answer


@pytest.mark.parametrize(("flag", "state", "code"), [
    ("paper_out", DeviceState.PAPER_OUT, "printer.paper_out"),
    ("cover_open", DeviceState.COVER_OPEN, "printer.cover_open"),
])
def test_status_and_refused_job(printer_peer: PrinterPeer, flag: str, state: DeviceState,
                                code: str) -> None:
    printer = printer_for(printer_peer)
    setattr(printer_peer.emulator, flag, True)
    assert (printer.status().state, printer.status().code) == (state, code)
    with pytest.raises(DeviceError) as info:
        printer.print_receipt(sale_receipt())
    assert info.value.code == code
    assert printer_peer.received.lines == []  # nothing was sent to a printer that was not ready


def test_paper_near_end_is_reported_but_prints(printer_peer: PrinterPeer) -> None:
    printer_peer.emulator.paper_near_end = True
    printer = printer_for(printer_peer)
    status = printer.status()
    assert (status.state, status.paper_low) == (DeviceState.ONLINE, True)
    printer.print_receipt(Receipt().text("还有纸").cut())
    assert printer_peer.wait_for(lambda log: log.cuts == 1).lines == ["还有纸"]


def test_printer_switched_off_is_offline_quickly() -> None:
    with PrinterPeer("tcp") as peer:
        address = peer.address
    opened = RecordingConnector()
    printer = EscposPrinter(parse_address(address), BUILTIN["80"], timeout=1.0,
                            connector=opened)
    status = printer.status()
    assert (status.state, status.code) == (DeviceState.OFFLINE, "printer.offline")
    with pytest.raises(DeviceError) as info:
        printer.print_receipt(sale_receipt())
    assert info.value.code == "printer.offline"
    # Quickly, without a clock: one attempt per call with the configured bound, none retried,
    # and a refusal (offline) rather than a wait that ran out (printer.timeout).
    assert opened.timeouts == [1.0, 1.0]


def test_connection_dropped_mid_print(printer_peer: PrinterPeer) -> None:
    printer_peer.drop_after(60)
    with pytest.raises(DeviceError) as info:
        printer_for(printer_peer).print_receipt(sale_receipt())
    assert info.value.code == "printer.disconnected"


def test_printer_that_stops_answering_mid_print_times_out(printer_peer: PrinterPeer) -> None:
    printer_peer.stall_after(40)
    opened = RecordingConnector()
    printer = EscposPrinter(parse_address(printer_peer.address), BUILTIN["58"], timeout=0.3,
                            connector=opened)
    with pytest.raises(DeviceError) as info:
        printer.print_receipt(sale_receipt())
    assert info.value.code == "printer.timeout"
    # Bounded, without a clock: one connection, its socket waits at most the configured 0.3 s
    # per step, and the job was not retried on a second connection.
    assert opened.timeouts == [0.3]
    assert opened.socket_timeouts == [0.3]


def test_failed_receipt_is_queued_and_reprinted_once_paper_is_back(
        printer_peer: PrinterPeer) -> None:
    queue = PrintQueue(printer_for(printer_peer))
    printer_peer.emulator.paper_out = True
    outcome = queue.submit(Receipt().text("第一张").cut())
    assert (outcome.printed, outcome.error_code) == (False, "printer.paper_out")
    printer_peer.emulator.paper_out = False
    assert [o.printed for o in queue.retry()] == [True]
    log = printer_peer.wait_for(lambda log: log.cuts == 1)
    assert log.pages == [["第一张"]]


def test_cash_drawer_pulse_even_when_paper_is_out(printer_peer: PrinterPeer) -> None:
    printer_peer.emulator.paper_out = True
    CashDrawer(printer_for(printer_peer), pin=5, on_ms=60, off_ms=240).open()
    log = printer_peer.wait_for(lambda log: bool(log.drawer_pulses))
    assert [(p.pin, p.on_ms, p.off_ms) for p in log.drawer_pulses] == [(5, 60, 240)]


# pyusb is a dependency (usb:// printers); without libusb it is device.libusb_missing, which
# tests/integration/hardware/test_devices_setup.py covers.
@pytest.mark.parametrize(("url", "module", "library"), [("win32://XP-58", "win32print",
                                                         "pywin32")])
def test_transport_without_its_library_says_which_to_install(url: str, module: str,
                                                             library: str) -> None:
    try:
        __import__(module)
    except ImportError:
        pass
    else:
        pytest.skip(f"{module} is installed here")
    printer = EscposPrinter(parse_address(url), BUILTIN["80"])
    with pytest.raises(DeviceError) as info:
        printer.print_receipt(Receipt().text("x"))
    assert (info.value.code, info.value.params) == ("device.dependency_missing",
                                                    {"library": library})
    assert printer.status().code == "device.dependency_missing"
