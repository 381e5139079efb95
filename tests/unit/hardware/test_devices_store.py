"""The devices file the Devices page writes: what is written is what the till reads back, a
file with mistakes is never written, and serial addresses take their baud rate."""

from __future__ import annotations

from pathlib import Path

import pytest

from hardware.addresses import parse_address, with_baud
from hardware.devices_file import read_devices
from hardware.devices_store import DevicesFile, dumps_toml, write_devices
from hardware.errors import DeviceError

AWKWARD = {
    "printer": {"url": 'win32://XP-58 "副本" \\ (2)', "width": 80, "encoding": "gb18030",
                "timeout": 2.5, "status": False, "font_path": "C:\\Windows\\Fonts\\msyh.ttc"},
    "scanner": {"url": "wedge:", "prefix": "\u0002", "suffix": "\u0003\t",
                "weighed": [{"flag": "2", "flag_length": 2, "plu_digits": 5,
                             "price_digits": 5},
                            {"flag": "28", "flag_length": 2, "plu_digits": 5,
                             "weight_digits": 5}]},
    "card_reader": {"url": "COM5", "brands": ["13", "21"], "lrc": "auto"},
}


def test_quotes_backslashes_control_characters_and_chinese_read_back_the_same(
        tmp_path: Path) -> None:
    path = tmp_path / "devices.toml"
    write_devices(path, AWKWARD)
    assert read_devices(path) == AWKWARD
    json_path = tmp_path / "devices.json"
    write_devices(json_path, AWKWARD)
    assert read_devices(json_path) == AWKWARD


def test_the_toml_is_one_table_per_role_in_the_order_given() -> None:
    text = dumps_toml({"printer": {"url": "COM3", "width": 58}, "drawer": {"pin": 5}})
    assert text == '[printer]\nurl = "COM3"\nwidth = 58\n\n[drawer]\npin = 5\n'


def test_a_file_with_mistakes_is_never_written_and_the_old_one_stays(tmp_path: Path) -> None:
    path = tmp_path / "devices.toml"
    store = DevicesFile(path)
    store.save({"printer": {"url": "COM3", "width": 58}})
    before = path.read_bytes()
    with pytest.raises(DeviceError) as err:
        store.save({"printer": {"url": "gopher://x", "width": 57}, "till": {}})
    assert err.value.code == "device.file_invalid"
    assert err.value.params["problems"] == [
        "printer.width: not_one_of:58|80",
        "till: unknown_role:printer|drawer|scanner|card_reader|encoder|display|camera",
        "printer.url: address_unsupported"]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["devices.toml"]  # no temp left


def test_each_save_keeps_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "devices.toml"
    store = DevicesFile(path)
    assert store.current() == {}
    store.save({"scanner": {"url": "wedge:"}})
    store.save({"scanner": {"url": "COM4"}})
    assert store.current() == {"scanner": {"url": "COM4"}}
    assert read_devices(tmp_path / "devices.toml.bak") == {"scanner": {"url": "wedge:"}}


def test_a_value_toml_cannot_hold_is_refused() -> None:
    with pytest.raises(DeviceError) as err:
        dumps_toml({"printer": {"url": "COM3", "timeout": float("nan")}})
    assert err.value.code == "device.setting_invalid"


@pytest.mark.parametrize(("given", "expected"), [
    ("COM3", "serial://COM3?baud=19200"),
    ("/dev/ttyUSB0", "serial:///dev/ttyUSB0?baud=19200"),
    ("serial:///dev/pts/3?baud=9600&flow=rtscts", "serial:///dev/pts/3?baud=19200&flow=rtscts"),
    ("socket://127.0.0.1:5000", "socket://127.0.0.1:5000?baud=19200"),
    ("tcp://10.0.0.5:9100", "tcp://10.0.0.5:9100"),
    ("wedge:", "wedge:"),
])
def test_serial_addresses_take_the_chosen_baud_rate(given: str, expected: str) -> None:
    assert with_baud(given, 19200) == expected
    address = parse_address(expected)
    assert address.baud == (19200 if address.kind == "serial" else 9600)
