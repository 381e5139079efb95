"""The pole display driver against the display peer, in both command sets."""

from __future__ import annotations

import pytest

from hardware.addresses import parse_address
from hardware.display import PoleDisplay
from hardware.errors import DeviceError
from hardware.peers.display_peer import DisplayPeer

pytestmark = pytest.mark.timeout(20)


def test_ascii_display_shows_the_item_and_total(display_peer: DisplayPeer) -> None:
    display = PoleDisplay(parse_address(display_peer.address))
    display.show_item("可口可乐 Coca-Cola 330ml", 350, 123450)
    assert display_peer.wait_for("3.50") == ("Coca-Cola 330ml 3.50", "TOTAL       1,234.50")


def test_chinese_display_with_the_epson_command_set(display_peer: DisplayPeer) -> None:
    display = PoleDisplay(parse_address(display_peer.address), encoding="gb18030",
                          protocol="epson")
    display.show_item("羊毛混纺修身西装外套", 15000, 21250)
    upper, lower = display_peer.wait_for("￥")
    assert upper == "羊毛混纺修  ￥150.00"
    assert lower == "合计        ￥212.50"


def test_total_only(display_peer: DisplayPeer) -> None:
    display = PoleDisplay(parse_address(display_peer.address), encoding="gb18030")
    display.show_total(9900)
    assert display_peer.wait_for("合计") == ("合计", "             ￥99.00")


def test_unplugged_display_is_offline() -> None:
    with DisplayPeer() as peer:
        address = peer.address
    display = PoleDisplay(parse_address(address))
    with pytest.raises(DeviceError) as info:
        display.show("hello")
    assert info.value.code == "display.offline"


def test_unknown_protocol_is_a_setting_error() -> None:
    with pytest.raises(DeviceError) as info:
        PoleDisplay(parse_address("COM7"), protocol="vfd9000")
    assert info.value.params == {"setting": "protocol", "value": "vfd9000"}
