"""TillDevices.apply (issue 13 §5): new settings in the running till — the serial readers'
threads end and their ports close, the new ones read, the display moves to its new port."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.devices import TillDevices
from hardware.errors import DeviceError
from hardware.peers.display_peer import DisplayPeer
from hardware.peers.line_peers import ScannerPeer
from hardware.registry import DeviceRegistry

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def scanners() -> Iterator[tuple[ScannerPeer, ScannerPeer]]:
    with ScannerPeer() as first, ScannerPeer() as second:
        yield first, second


@pytest.fixture
def displays() -> Iterator[tuple[DisplayPeer, DisplayPeer]]:
    with DisplayPeer() as first, DisplayPeer() as second:
        yield first, second


def test_apply_moves_the_reader_and_the_display_to_their_new_ports(
        qtbot: QtBot, scanners: tuple[ScannerPeer, ScannerPeer],
        displays: tuple[DisplayPeer, DisplayPeer]) -> None:
    old, new = scanners
    devices = TillDevices(DeviceRegistry({"scanner": {"url": old.address},
                                          "display": {"url": displays[0].address}}),
                          poll_s=3600)
    with _reading(qtbot, devices):
        devices.start()
    try:
        with qtbot.waitSignal(devices.code_scanned, timeout=5000) as first:
            old.scan("6901234567892")
        assert first.args[0].text == "6901234567892"
        readers = list(devices._readers)
        with _reading(qtbot, devices), qtbot.waitSignal(devices.rebuilt, timeout=5000) as rebuilt:
            devices.apply({"scanner": {"url": new.address},
                           "display": {"url": displays[1].address}})
        assert rebuilt.args == [["scanner", "display"]]
        assert not any(t.is_alive() for t in readers)  # the old port's thread has ended
        with qtbot.waitSignal(devices.code_scanned, timeout=5000) as second:
            new.scan("6901234567984")
        assert second.args[0].text == "6901234567984"
        devices.show_text("NEW PORT")
        assert displays[1].wait_for("NEW PORT")[0].startswith("NEW PORT")
        assert "NEW PORT" not in displays[0].lines[0]
    finally:
        devices.stop()


def _reading(qtbot: QtBot, devices: TillDevices) -> Any:
    """Until the scanner's reader says it is ready: its port is open, a scan is not lost."""
    return qtbot.waitSignal(devices.status_changed, timeout=5000,
                            check_params_cb=lambda role, status: role == "scanner"
                            and status.is_ready)


def test_apply_refuses_an_unknown_role_and_keeps_what_runs(qtbot: QtBot) -> None:
    devices = TillDevices(DeviceRegistry({"scanner": {"url": "wedge:"}}), poll_s=3600)
    devices.start()
    try:
        with pytest.raises(DeviceError) as refused:
            devices.apply({"till_printer": {"url": "tcp://127.0.0.1:9100"}})
        assert refused.value.code == "device.setting_invalid"
        assert devices.configured() == ["scanner"]
    finally:
        devices.stop()
