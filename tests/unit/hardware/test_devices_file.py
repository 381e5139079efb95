"""The devices file is checked before a device is built: each mistake named with what is
allowed, exit 2 from the command line, never a traceback (issue 11)."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.cli import main as kaika_main
from hardware.devices_file import problems_of, read_devices
from hardware.errors import DeviceError

GOOD = """
[printer]
url = "tcp://192.168.1.50:9100"
width = 80
encoding = "gb18030"
timeout = 3.0

[drawer]
pin = 2
on_ms = 100

[scanner]
url = "wedge:"
max_gap_ms = 35
weighed = [{ flag = "2", flag_length = 2, plu_digits = 5, price_digits = 5 }]

[card_reader]
url = "COM5"
brands = ["13"]
lrc = "auto"

[display]
url = "COM7"
protocol = "cd5220"
"""


def test_the_documented_example_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "devices.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert read_devices(path)["printer"]["width"] == 80


def test_every_mistake_is_named_with_what_is_allowed() -> None:
    data = tomllib.loads(GOOD)
    data["printer"]["width"] = 76
    data["printer"]["timeout"] = float("nan")
    data["drawer"]["pn"] = 2
    data["scale"] = {"url": "COM9"}
    del data["display"]["url"]
    assert problems_of(data) == [
        "printer.width: not_one_of:58|80", "printer.timeout: out_of_range:0<s<=600",
        "drawer.pn: unknown_key:pin|on_ms|off_ms",
        "display.url: missing",
        "scale: unknown_role:printer|drawer|scanner|card_reader|encoder|display|camera"]


@pytest.mark.parametrize(("name", "raw"), [
    ("devices.toml", b"[printer\nurl = 1"), ("devices.toml", GOOD.encode("utf-16")),
    ("devices.json", b'{"printer": {"url": "COM1", "timeout": NaN}}'),
    ("devices.json", b"[" * 50_000)])
def test_a_file_that_cannot_be_read_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            name: str, raw: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    assert kaika_main(["hardware", "list", "--devices", str(path)]) == 2
    assert f"kaika: {path}: $:" in capsys.readouterr().err


def _mutations() -> st.SearchStrategy[Any]:
    odd = st.sampled_from([None, True, -1, 0, 2**70, 1.5, float("inf"), "", "x" * 5000, [],
                           {}, [1, "a"], "COM1", "wedge:", 58, "13"])
    return st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100), odd), max_size=4)


@settings(max_examples=200, deadline=None)
@given(changes=_mutations())
def test_mutated_settings_are_accepted_or_refused_with_a_code(
        changes: list[tuple[int, int, Any]]) -> None:
    data: dict[str, Any] = copy.deepcopy(tomllib.loads(GOOD))
    for role_at, key_at, value in changes:
        role = sorted(data)[role_at % len(data)]
        table = data[role]
        if isinstance(table, dict) and table and key_at % 3:
            table[sorted(table)[key_at % len(table)]] = value
        else:
            data[role] = value
    found = problems_of(data)  # the property: a list of problems, never an exception
    assert all(isinstance(p, str) for p in found)
    json.dumps(found)


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=300))
def test_random_bytes_are_refused_with_a_code(raw: bytes,
                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("devices") / "devices.toml"
    path.write_bytes(raw)
    try:
        read_devices(path)
    except DeviceError as err:
        assert err.code == "device.file_invalid" and err.params["problems"]
