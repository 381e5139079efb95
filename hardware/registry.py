"""Devices built from the store's settings: one place turns URLs and options into drivers.

Settings are a mapping with one table per role (see docs/hardware.md), e.g.

    {"printer": {"url": "tcp://192.168.1.50:9100", "width": 80, "encoding": "gb18030"},
     "drawer": {"pin": 2, "on_ms": 100},
     "scanner": {"url": "wedge:", "max_gap_ms": 35},
     "card_reader": {"url": "COM5", "brands": ["13"]},
     "encoder": {"url": "COM6", "coercivity": "hi"},
     "display": {"url": "COM7", "protocol": "cd5220"},
     "camera": {"url": "camera://0"}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.rulepack import CardRules
from hardware.addresses import Address, is_video_path, parse_address
from hardware.base import DeviceState, DeviceStatus
from hardware.camera import CameraScanner
from hardware.card_reader import SerialCardReader, SwipeParser
from hardware.display import PoleDisplay
from hardware.drawer import CashDrawer
from hardware.errors import DeviceError
from hardware.msr605 import Msr605
from hardware.printer import EscposPrinter
from hardware.profiles import profile_from_settings
from hardware.scan_codes import layouts_from_settings
from hardware.scanner import SerialScanner
from hardware.transports import SerialLink
from hardware.wedge import WedgeDecoder, WedgeSettings

ROLES = ("printer", "drawer", "scanner", "card_reader", "encoder", "display", "camera")
Settings = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Configured:
    role: str
    url: str
    status: DeviceStatus


def address_of(settings: Settings, role: str) -> Address:
    url = settings.get("url")
    if not isinstance(url, str):
        raise DeviceError("device.setting_invalid", setting=f"{role}.url")
    return parse_address(url)


def build_printer(settings: Settings) -> EscposPrinter:
    address = address_of(settings, "printer")
    return EscposPrinter(address, profile_from_settings(settings),
                         timeout=float(settings.get("timeout", 3.0)),
                         query_status=bool(settings.get("status", True)))


def build_drawer(printer: EscposPrinter, settings: Settings) -> CashDrawer:
    return CashDrawer(printer, int(settings.get("pin", 2)), int(settings.get("on_ms", 100)),
                      int(settings.get("off_ms", 100)))


def build_scanner(settings: Settings) -> SerialScanner | CameraScanner | WedgeDecoder:
    """A serial scanner, a camera, or (for `wedge:`) the decoder the till's key filter feeds."""
    address = address_of(settings, "scanner")
    layouts = layouts_from_settings(settings.get("weighed"))
    if address.kind == "wedge":
        return WedgeDecoder(wedge_settings(settings))
    if address.kind == "camera" or is_video_path(address):
        return CameraScanner(address, layouts)
    if address.kind == "serial":
        return SerialScanner(address, layouts)
    raise DeviceError("device.address_unsupported", address=str(address), family="scanner")


def wedge_settings(settings: Settings) -> WedgeSettings:
    return WedgeSettings(max_gap=float(settings.get("max_gap_ms", 35)) / 1000,
                         min_length=int(settings.get("min_length", 4)),
                         prefix=str(settings.get("prefix", "")),
                         suffix=str(settings.get("suffix", "")))


def card_brands(settings: Settings) -> tuple[str, ...]:
    brands = settings.get("brands", [CardRules().brand])
    if isinstance(brands, str):
        brands = [b.strip() for b in brands.split(",") if b.strip()]
    return tuple(str(b) for b in brands)


def build_card_reader(settings: Settings) -> SerialCardReader | SwipeParser:
    """A serial reader, or for `wedge:` the parser the till hands each swipe burst to."""
    address = address_of(settings, "card_reader")
    lrc = str(settings.get("lrc", "auto"))
    if address.kind == "wedge":
        return SwipeParser(card_brands(settings), lrc)
    if address.kind == "serial":
        return SerialCardReader(address, card_brands(settings), lrc_mode=lrc)
    raise DeviceError("device.address_unsupported", address=str(address), family="card")


def build_encoder(settings: Settings) -> Msr605:
    address = address_of(settings, "encoder")
    if address.kind != "serial":
        raise DeviceError("device.address_unsupported", address=str(address), family="encoder")
    return Msr605(SerialLink(address, "encoder"),
                  reply_timeout=float(settings.get("reply_timeout", 1.0)),
                  swipe_timeout=float(settings.get("swipe_timeout", 20.0)))


def build_display(settings: Settings) -> PoleDisplay:
    address = address_of(settings, "display")
    if address.kind != "serial":
        raise DeviceError("device.address_unsupported", address=str(address), family="display")
    return PoleDisplay(address, encoding=str(settings.get("encoding", "ascii")),
                       protocol=str(settings.get("protocol", "cd5220")),
                       columns=int(settings.get("columns", 20)))


def build_camera(settings: Settings) -> CameraScanner:
    address = address_of(settings, "camera")
    return CameraScanner(address, layouts_from_settings(settings.get("weighed")))


class DeviceRegistry:
    """The store's configured devices; each is built when first asked for."""

    def __init__(self, settings: Mapping[str, Settings]) -> None:
        unknown = set(settings) - set(ROLES)
        if unknown:
            raise DeviceError("device.setting_invalid", setting=sorted(unknown)[0])
        self.settings = settings
        self._built: dict[str, Any] = {}

    def configured(self) -> list[str]:
        return [role for role in ROLES if role in self.settings]

    def get(self, role: str) -> Any:
        """The driver for a role, or None when the store has none configured."""
        if role not in self.settings:
            return None
        if role not in self._built:
            self._built[role] = self._build(role)
        return self._built[role]

    def built(self) -> dict[str, Any]:
        """The drivers built so far, by role (to close them when the settings change)."""
        return dict(self._built)

    def _build(self, role: str) -> Any:
        options = self.settings[role]
        if role == "drawer":
            printer = self.get("printer")
            if printer is None:
                raise DeviceError("device.setting_invalid", setting="drawer.printer")
            return build_drawer(printer, options)
        builders = {"printer": build_printer, "scanner": build_scanner,
                    "card_reader": build_card_reader, "encoder": build_encoder,
                    "display": build_display, "camera": build_camera}
        return builders[role](options)

    def statuses(self) -> list[Configured]:
        return [Configured(role, str(self.settings[role].get("url", "(the printer's)")),
                           self.status(role)) for role in self.configured()]

    def status(self, role: str) -> DeviceStatus:
        """A device's state now; never raises."""
        try:
            return probe(self.get(role))
        except DeviceError as exc:
            return DeviceStatus(DeviceState.OFFLINE, exc.code)


def probe(device: Any) -> DeviceStatus:
    """Ask a driver whether it is there, closing whatever it opened to ask."""
    if isinstance(device, EscposPrinter):
        return device.status()
    if isinstance(device, CashDrawer):
        return device.printer.status()
    if isinstance(device, WedgeDecoder | SwipeParser):
        return DeviceStatus(DeviceState.UNKNOWN, detail="keyboard wedge")
    if isinstance(device, Msr605):
        return _probe_encoder(device)
    if isinstance(device, CameraScanner):
        device.open()
        device.close()
        return DeviceStatus(DeviceState.ONLINE)
    return _probe_port(device.link)


def _probe_encoder(encoder: Msr605) -> DeviceStatus:
    try:
        encoder.test_communication()
        return DeviceStatus(DeviceState.ONLINE, detail=encoder.firmware())
    finally:
        encoder.close()


def _probe_port(link: SerialLink) -> DeviceStatus:
    try:
        link.open()
    finally:
        link.close()
    return DeviceStatus(DeviceState.ONLINE)
