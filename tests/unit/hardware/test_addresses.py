"""Device URLs from the store's settings."""

from __future__ import annotations

import pytest

from hardware.addresses import Address, is_video_path, parse_address
from hardware.errors import DeviceError


@pytest.mark.parametrize(("text", "kind", "target", "port", "baud"), [
    ("tcp://192.168.1.50:9100", "tcp", "192.168.1.50", 9100, 9600),
    ("tcp://printer.local", "tcp", "printer.local", 9100, 9600),
    ("serial:///dev/ttyUSB0?baud=19200", "serial", "/dev/ttyUSB0", 0, 19200),
    ("serial://COM3?baud=115200", "serial", "COM3", 0, 115200),
    ("COM3", "serial", "COM3", 0, 9600),
    ("\\\\.\\COM12", "serial", "\\\\.\\COM12", 0, 9600),
    ("/dev/ttyACM0", "serial", "/dev/ttyACM0", 0, 9600),
    ("/dev/pts/7", "serial", "/dev/pts/7", 0, 9600),
    ("socket://127.0.0.1:7000?baud=38400", "serial", "socket://127.0.0.1:7000", 0, 38400),
    ("usb://04B8:0202", "usb", "04b8:0202", 0, 9600),
    ("win32://XP-58 (copy 1)", "win32", "XP-58 (copy 1)", 0, 9600),
    ("win32://Kitchen%20Printer", "win32", "Kitchen Printer", 0, 9600),
    ("file:///dev/usb/lp0", "file", "/dev/usb/lp0", 0, 9600),
    ("wedge:", "wedge", "", 0, 9600),
    ("camera://1", "camera", "1", 0, 9600),
    ("/srv/demo/scan.avi", "path", "/srv/demo/scan.avi", 0, 9600),
])
def test_parse(text: str, kind: str, target: str, port: int, baud: int) -> None:
    address = parse_address(text)
    assert (address.kind, address.target, address.port, address.baud) == (kind, target, port, baud)
    assert str(address) == text


def test_usb_ids_and_options() -> None:
    assert parse_address("usb://04b8:0202").usb_ids == (0x04B8, 0x0202)
    address = parse_address("serial://COM3?baud=9600&flow=dsrdtr")
    assert address.options == {"flow": "dsrdtr"}
    assert parse_address("camera://0?fps=15").option_float("fps", 30.0) == 15.0


def test_video_paths() -> None:
    assert is_video_path(parse_address("/tmp/codes.avi"))
    assert is_video_path(parse_address("file:///tmp/codes.MP4"))
    assert not is_video_path(parse_address("file:///dev/usb/lp0"))


@pytest.mark.parametrize(("text", "code"), [
    ("", "device.address_invalid"),
    ("tcp://:9100", "device.address_invalid"),
    ("tcp://host:99999", "device.address_invalid"),
    ("serial:///dev/ttyUSB0?baud=fast", "device.address_invalid"),
    ("usb://epson", "device.address_invalid"),
    ("camera://front", "device.address_invalid"),
    ("bluetooth://00:11:22", "device.address_unsupported"),
])
def test_bad_addresses(text: str, code: str) -> None:
    with pytest.raises(DeviceError) as info:
        parse_address(text)
    assert info.value.code == code
    assert info.value.params["address"] == text


def test_address_is_a_value() -> None:
    assert parse_address("COM3") == Address("serial", "COM3", "COM3")
