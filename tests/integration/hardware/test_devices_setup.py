"""Device set-up without editing files (issue 13 §5): what is found, each device tried against
its peer over a real pty or socket, the devices file saved as the till reads it, a missing
libusb named as such, and saving kept to administrators and audited."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import usb.core

from domain.clock import FixedClock
from domain.errors import DomainError, ValidationError
from domain.services import devices
from domain.services.guard import Refused
from hardware.cli import load_devices
from hardware.devices_store import DevicesFile, dumps_toml
from hardware.discovery import discover, network_printer, typed_port, usb_printers
from hardware.errors import DeviceError
from hardware.hints import error_line
from hardware.peers.display_peer import DisplayPeer
from hardware.peers.line_peers import CardReaderPeer, ScannerPeer
from hardware.peers.msr605_peer import Msr605Peer
from hardware.peers.printer_peer import PrinterPeer
from hardware.registry import DeviceRegistry
from hardware.tracks import Tracks
from hardware.transports import device_error
from hardware.trials import (
    kick_drawer,
    print_test_page,
    probe_encoder,
    read_scan,
    read_swipe,
    show_line,
)
from tests.conftest import START
from tests.integration.access_world import World, copied_world, template_store

pytestmark = pytest.mark.timeout(60)
PRINTED_AT = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)


def no_libusb() -> None:
    """A backend finder as pyusb's own finds nothing on a machine without libusb."""
    return None


# --- discovery ---------------------------------------------------------------------------------

def test_a_typed_pty_is_found_as_a_serial_port_the_registry_opens(
        scanner_peer: ScannerPeer) -> None:
    found = discover([scanner_peer.address], usb_backend=no_libusb)
    [typed] = [f for f in found.found if scanner_peer.address in f.address]
    assert typed.kind == "serial" and typed.address == f"serial://{scanner_peer.address}"
    assert {"printer", "scanner", "card_reader"} <= set(typed.roles)
    scanner = DeviceRegistry({"scanner": {"url": typed.address}}).get("scanner")
    assert scanner.link.address.target == scanner_peer.address


def test_a_typed_path_that_is_no_port_is_reported_and_the_rest_still_listed(
        tmp_path: Path) -> None:
    missing = str(tmp_path / "ttyUSB9")
    found = discover([missing], usb_backend=no_libusb)
    codes = [p.code for p in found.problems]
    assert "port.offline" in codes and "device.libusb_missing" in codes
    assert all(missing not in f.address for f in found.found)
    with pytest.raises(DeviceError) as err:
        typed_port("tcp://10.0.0.1:9100")
    assert err.value.code == "device.address_unsupported"


def test_a_typed_network_printer_gets_the_raw_printing_port() -> None:
    assert network_printer("192.168.1.50").address == "tcp://192.168.1.50:9100"
    assert network_printer(" printer.local:9101 ").address == "tcp://printer.local:9101"
    with pytest.raises(DeviceError) as err:
        network_printer("host:notaport")
    assert err.value.code == "device.address_invalid"


# --- libusb ------------------------------------------------------------------------------------

def test_no_libusb_is_its_own_fault_not_an_unplugged_device() -> None:
    with pytest.raises(DeviceError) as err:
        usb_printers(no_libusb)
    assert err.value.code == "device.libusb_missing"
    result = print_test_page({"url": "usb://04b8:0202"}, "店", PRINTED_AT,
                             usb_backend=no_libusb)
    assert result.code == "device.libusb_missing" and not result.ok
    assert result.error is not None
    line = error_line(result.error)  # what `kaika hardware test-print` prints
    assert "install libusb-1.0" in line and "unplug" not in line
    # pyusb's own error, as python-escpos lets it through when it opens the printer itself
    error = device_error(usb.core.NoBackendError("No backend available"), "printer",
                         "usb://04b8:0202")
    assert error.code == "device.libusb_missing"


# --- trials against the peers ------------------------------------------------------------------

@pytest.fixture
def pty_printer() -> Iterator[PrinterPeer]:
    with PrinterPeer("pty") as peer:
        yield peer


def test_the_test_page_reaches_a_serial_printer(pty_printer: PrinterPeer) -> None:
    settings = {"url": f"serial://{pty_printer.address}?baud=19200", "width": 80,
                "encoding": "gb18030", "timeout": 2.0}
    result = print_test_page(settings, "开卡示范店", PRINTED_AT)
    assert result.ok and result.code == "trial.printed", result
    log = pty_printer.wait_for(lambda lg: lg.cuts >= 1)
    assert "测试页" in log.lines[0] and any("开卡示范店" in line for line in log.lines)
    assert log.qr == ["KAIKA-TEST:80mm:gb18030"]


def test_the_test_page_reaches_a_typed_network_printer(printer_peer: PrinterPeer) -> None:
    typed = network_printer(printer_peer.address.removeprefix("tcp://"))
    result = print_test_page({"url": typed.address, "width": 58}, "开卡示范店", PRINTED_AT)
    assert result.ok, result
    log = printer_peer.wait_for(lambda lg: lg.cuts >= 1)
    assert any("开卡示范店" in line for line in log.lines)


def test_the_drawer_kick_is_seen_by_the_printer(pty_printer: PrinterPeer) -> None:
    result = kick_drawer({"url": pty_printer.address}, {"pin": 5, "on_ms": 60, "off_ms": 120})
    assert result.code == "trial.drawer_kicked"
    log = pty_printer.wait_for(lambda lg: bool(lg.drawer_pulses))
    [pulse] = log.drawer_pulses
    assert (pulse.pin, pulse.on_ms, pulse.off_ms) == (5, 60, 120)


def test_a_printer_that_is_not_there_is_a_result_not_a_traceback() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below: nobody listens there
    result = print_test_page({"url": f"tcp://127.0.0.1:{port}", "timeout": 1.0}, "店",
                             PRINTED_AT)
    assert not result.ok and result.code == "printer.offline"
    assert result.error is not None and result.error.code == "printer.offline"
    bad = print_test_page({"url": "tcp://127.0.0.1:1", "width": 66}, "店", PRINTED_AT)
    assert bad.code == "device.setting_invalid"


def test_one_swipe_is_read_from_the_reader(card_reader_peer: CardReaderPeer, repeater) -> None:
    with repeater(lambda: card_reader_peer.swipe(Tracks(track1="KAIKA^MEMBER",
                                                        track2="1304401000125"))):
        result = read_swipe({"url": card_reader_peer.address, "brands": ["13"]}, timeout=10)
    assert result.code == "trial.swiped" and result.ok
    assert result.shown == "[card ****0125]"  # the number is never shown whole
    assert result.params["tracks"] == "1,2"


def test_a_bank_card_swiped_in_the_trial_is_refused(card_reader_peer: CardReaderPeer,
                                                    repeater) -> None:
    bank = Tracks("B6011000000000004^CARDHOLDER/TEST^3012101",
                  "6011000000000004=3012101")
    with repeater(lambda: card_reader_peer.swipe(bank)):
        result = read_swipe({"url": card_reader_peer.address, "brands": ["13"]}, timeout=10)
    assert result.code == "card.bank_card" and result.shown == ""


def test_one_scan_is_read_from_the_scanner_and_silence_is_said(scanner_peer: ScannerPeer,
                                                               repeater) -> None:
    assert read_scan({"url": scanner_peer.address}, timeout=0.3).code == "trial.nothing"
    with repeater(lambda: scanner_peer.scan("6901234567892")):
        result = read_scan({"url": scanner_peer.address}, timeout=10)
    assert result.code == "trial.scanned" and result.shown == "6901234567892"
    assert result.params["kind"] == "gtin"


def test_the_display_shows_the_test_lines_in_its_own_protocol(display_peer: DisplayPeer) -> None:
    for protocol in ("cd5220", "epson"):
        result = show_line({"url": display_peer.address, "protocol": protocol},
                           upper=f"TEST {protocol}")
        assert result.ok and result.code == "trial.displayed"
        assert display_peer.wait_for(f"TEST {protocol}") == (f"TEST {protocol}",
                                                             "12345678901234567890")


def test_the_encoder_answers_its_status_probe(msr605_peer: Msr605Peer) -> None:
    result = probe_encoder({"url": msr605_peer.address, "reply_timeout": 2.0})
    assert result.ok and result.shown == "REV0A1.0"


def test_a_silent_encoder_and_a_network_display_are_results(display_peer: DisplayPeer) -> None:
    silent = probe_encoder({"url": display_peer.address, "reply_timeout": 0.2})
    assert not silent.ok and silent.code == "encoder.timeout"
    wrong = show_line({"url": "tcp://127.0.0.1:9100"})
    assert wrong.code == "device.address_unsupported" and wrong.error is not None


def test_keyboard_devices_are_tried_in_the_pages_field() -> None:
    assert read_scan({"url": "wedge:"}).code == "trial.use_field"
    assert read_swipe({"url": "wedge:", "brands": ["13"]}).code == "trial.use_field"


# --- saving ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    return template_store(tmp_path_factory.mktemp("devices"), FixedClock(START))


@pytest.fixture
def world(template: tuple[Path, list[str]], tmp_path: Path) -> Iterator[World]:
    made = copied_world(template, tmp_path, FixedClock(START))
    yield made
    made.app.close()


def settings_for(printer: str) -> dict[str, dict[str, object]]:
    return {"printer": {"url": printer, "width": 58, "encoding": "gbk", "timeout": 2.5},
            "drawer": {"pin": 2, "on_ms": 100, "off_ms": 100},
            "scanner": {"url": "wedge:", "max_gap_ms": 35,
                        "weighed": [{"flag": "2", "flag_length": 2, "plu_digits": 5,
                                     "price_digits": 5}]},
            "card_reader": {"url": "serial:///dev/pts/7?baud=9600", "brands": ["13", "21"],
                            "prefix": "\u0002"}}


def test_saving_writes_what_the_tills_loader_reads_and_keeps_the_old_file(
        world: World, tmp_path: Path) -> None:
    path = tmp_path / "config" / "devices.toml"
    store = DevicesFile(path)
    first = settings_for("tcp://192.168.1.50:9100")
    saved = devices.save_devices(world.ctx, store, first, world.id("0001"))
    assert saved.location == str(path) and "printer" in saved.changed
    assert load_devices(path) == (path, first)
    second = {**first, "printer": {**first["printer"], "url": "win32://XP-58 (副本)"}}
    assert devices.save_devices(world.ctx, store, second, world.id("0001")).changed == (
        "printer",)
    assert load_devices(path)[1] == second
    assert load_devices(path.with_name("devices.toml.bak"))[1] == first
    assert sorted(p.name for p in path.parent.iterdir()) == ["devices.toml", "devices.toml.bak"]
    [latest, _] = world.audited("devices_saved")
    assert latest.staff_id == world.id("0001") and latest.target == str(path)
    assert latest.details["changed"] == ["printer"]
    assert latest.details["urls"]["printer"] == "win32://XP-58 (副本)"


def test_a_broken_file_is_replaced_and_kept_as_the_backup(world: World,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "devices.toml"
    path.write_text("[printer\nurl = 1", encoding="utf-8")
    saved = devices.save_devices(world.ctx, DevicesFile(path), settings_for("COM3"),
                                 world.id("0001"))
    assert saved.changed == ("card_reader", "drawer", "printer", "scanner")
    assert load_devices(path)[1] == settings_for("COM3")
    assert path.with_name("devices.toml.bak").read_text("utf-8") == "[printer\nurl = 1"


def test_a_json_devices_file_stays_json(world: World, tmp_path: Path) -> None:
    path = tmp_path / "devices.json"
    devices.save_devices(world.ctx, DevicesFile(path), settings_for("COM3"), world.id("0001"))
    assert path.read_text("utf-8").lstrip().startswith("{")
    assert load_devices(path)[1] == settings_for("COM3")


def test_settings_with_mistakes_are_refused_by_field_and_nothing_is_written(
        world: World, tmp_path: Path) -> None:
    path = tmp_path / "devices.toml"
    bad = settings_for("tcp://192.168.1.50:9100")
    bad["printer"]["width"] = 66
    bad["scanner"]["url"] = "ftp://x"
    with pytest.raises(ValidationError) as err:
        devices.save_devices(world.ctx, DevicesFile(path), bad, world.id("0001"))
    assert err.value.code == "devices.invalid" and err.value.params["field"] == "printer.width"
    assert err.value.params["problems"] == ["printer.width: not_one_of:58|80",
                                            "scanner.url: address_unsupported"]
    assert not path.exists() and world.audited("devices_saved") == []


def test_a_folder_that_cannot_be_written_is_said_and_nothing_is_audited(
        world: World, tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(DomainError) as err:
        devices.save_devices(world.ctx, DevicesFile(blocker / "devices.toml"),
                             settings_for("COM3"), world.id("0001"))
    assert err.value.code == "devices.save_failed"
    assert err.value.params["location"] == str(blocker / "devices.toml")
    assert world.audited("devices_saved") == []


def test_a_manager_may_not_save_devices_and_the_refusal_is_audited(
        world: World, tmp_path: Path) -> None:
    path = tmp_path / "devices.toml"
    path.write_text(dumps_toml(settings_for("COM3")), encoding="utf-8")
    before = path.read_bytes()
    for number in ("2001", "1001", "3001"):
        with pytest.raises(Refused) as refused:
            devices.save_devices(world.ctx, DevicesFile(path), settings_for("COM4"),
                                 world.id(number))
        assert refused.value.code == "staff.not_allowed"
    assert path.read_bytes() == before
    refusals = [e for e in world.audited("access_refused") if e.target == "devices.save_devices"]
    assert {e.staff_id for e in refusals} == {world.id(n) for n in ("2001", "1001", "3001")}
    assert world.audited("devices_saved") == []


def test_the_till_is_wired_to_the_devices_file_it_was_started_with(tmp_path: Path) -> None:
    from desktop.bootstrap import open_till

    path = tmp_path / "devices.toml"
    till = open_till(tmp_path / "store.sqlite3", {}, clock=FixedClock(START),
                     devices_path=path)
    try:
        assert till.env.devices_store is not None
        assert till.env.devices_store.location == str(path)
        assert till.env.devices_store.current() == {}  # no file yet: no devices
    finally:
        till.close()
    demo = open_till(tmp_path / "demo.sqlite3", {}, clock=FixedClock(START))
    try:
        assert demo.env.devices_store is None  # nothing to save to (the demo, the benches)
    finally:
        demo.close()
