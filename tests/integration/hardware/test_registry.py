"""Devices built from settings, and their status, against the demo rig of peers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hardware.base import DeviceState
from hardware.camera import CameraScanner
from hardware.card_reader import SerialCardReader, SwipeParser
from hardware.drawer import CashDrawer
from hardware.errors import DeviceError
from hardware.msr605 import Msr605
from hardware.peers.demo import DemoRig
from hardware.printer import EscposPrinter
from hardware.registry import DeviceRegistry, build_scanner
from hardware.scanner import SerialScanner
from hardware.wedge import WedgeDecoder

pytestmark = pytest.mark.timeout(30)


@pytest.fixture(scope="module")
def rig() -> Iterator[DemoRig]:
    with DemoRig() as running:
        yield running


def test_every_demo_device_is_built_and_online(rig: DemoRig) -> None:
    registry = DeviceRegistry(rig.settings())
    assert isinstance(registry.get("printer"), EscposPrinter)
    assert isinstance(registry.get("drawer"), CashDrawer)
    assert isinstance(registry.get("scanner"), SerialScanner)
    assert isinstance(registry.get("card_reader"), SerialCardReader)
    assert isinstance(registry.get("encoder"), Msr605)
    assert isinstance(registry.get("camera"), CameraScanner)
    states = {entry.role: entry.status.state for entry in registry.statuses()}
    assert states == {role: DeviceState.ONLINE for role in
                      ("printer", "drawer", "scanner", "card_reader", "encoder", "display",
                       "camera")}


def test_drawer_opens_through_the_demo_printer(rig: DemoRig) -> None:
    drawer = DeviceRegistry(rig.settings()).get("drawer")
    drawer.open()
    log = rig.printer.wait_for(lambda log: bool(log.drawer_pulses))
    assert (log.drawer_pulses[-1].pin, log.drawer_pulses[-1].on_ms) == (2, 100)


def test_printer_out_of_paper_shows_in_the_list(rig: DemoRig) -> None:
    rig.printer.emulator.paper_out = True
    try:
        status = DeviceRegistry(rig.settings()).status("printer")
    finally:
        rig.printer.emulator.paper_out = False
    assert (status.state, status.code) == (DeviceState.PAPER_OUT, "printer.paper_out")


def test_wedge_roles_build_the_decoder_and_parser() -> None:
    registry = DeviceRegistry({"scanner": {"url": "wedge:", "max_gap_ms": 50, "prefix": "\x02"},
                               "card_reader": {"url": "wedge:", "brands": "13,21"}})
    decoder = registry.get("scanner")
    assert isinstance(decoder, WedgeDecoder)
    assert (decoder.settings.max_gap, decoder.settings.prefix) == (0.05, "\x02")
    parser = registry.get("card_reader")
    assert isinstance(parser, SwipeParser) and parser.brands == ("13", "21")
    assert registry.status("scanner").state is DeviceState.UNKNOWN
    assert registry.get("encoder") is None


def test_missing_device_is_offline_not_an_exception() -> None:
    registry = DeviceRegistry({"printer": {"url": "tcp://127.0.0.1:1", "timeout": 0.5},
                               "encoder": {"url": "/dev/ttyKAIKA-none"}})
    assert registry.status("printer").code == "printer.offline"
    assert registry.status("encoder").code == "encoder.offline"


@pytest.mark.parametrize(("settings", "code"), [
    ({"till": {"url": "COM1"}}, "device.setting_invalid"),
    ({"printer": {"width": 80}}, "device.setting_invalid"),
    ({"drawer": {"pin": 2}}, "device.setting_invalid"),
    ({"encoder": {"url": "tcp://10.0.0.9:9100"}}, "device.address_unsupported"),
    ({"display": {"url": "wedge:"}}, "device.address_unsupported"),
])
def test_bad_settings(settings: dict[str, dict[str, object]], code: str) -> None:
    with pytest.raises(DeviceError) as info:
        registry = DeviceRegistry(settings)
        for role in registry.configured():
            registry.get(role)
    assert info.value.code == code


def test_scanner_kinds_by_address() -> None:
    assert isinstance(build_scanner({"url": "COM4"}), SerialScanner)
    assert isinstance(build_scanner({"url": "camera://0"}), CameraScanner)
    with pytest.raises(DeviceError) as info:
        build_scanner({"url": "usb://04b8:0202"})
    assert info.value.code == "device.address_unsupported"
