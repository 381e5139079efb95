"""What is plugged into this till: serial ports, USB printers, Windows queues, cameras.

Each thing found is a `Found` whose `address` is a URL `hardware.addresses.parse_address`
reads, so what the admin picks on the Devices page goes into the devices file as it is. A
part that cannot look (no libusb, no camera part) is reported in `Discovery.problems` and
the rest is still listed.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

import serial
from serial.tools import list_ports

from hardware.addresses import DEFAULT_BAUD, RAW_PRINTING_PORT, parse_address
from hardware.camera import camera_installed
from hardware.errors import DeviceError
from hardware.transports import device_error
from hardware.usb_backend import BackendFinder, require_backend, system_backend

PRINTER_CLASS = 7  # USB device class "printer" (on the device or on one of its interfaces)
# Makers of ESC/POS receipt printers whose USB printers often say "vendor specific" (0xff).
ESCPOS_VENDORS = {
    0x04B8: "Epson", 0x0519: "Star", 0x1504: "Bixolon", 0x1D90: "Citizen", 0x0DD4: "Custom",
    0x154F: "SNBC", 0x0416: "Winbond (Xprinter, Gprinter)", 0x0FE6: "ICS (58 mm printers)",
    0x28E9: "GigaDevice (Chinese printers)",
}
SERIAL_ROLES = ("printer", "scanner", "card_reader", "encoder", "display")


@dataclass(frozen=True, slots=True)
class Found:
    """One device or port: where it is (a devices-file URL), what to call it, what it fits."""

    kind: str  # serial, usb, win32, camera, tcp
    address: str
    label: str
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Discovery:
    found: tuple[Found, ...]
    problems: tuple[DeviceError, ...]  # a part that could not look, e.g. device.libusb_missing

    def for_role(self, role: str) -> list[Found]:
        return [f for f in self.found if role in f.roles]


def discover(typed_ports: Sequence[str] = (), *,
             usb_backend: BackendFinder = system_backend) -> Discovery:
    """Everything found, each part on its own: one that fails does not hide the others."""
    found: list[Found] = []
    problems: list[DeviceError] = []
    parts: list[Callable[[], Iterable[Found]]] = [
        serial_ports, lambda: usb_printers(usb_backend), windows_queues, cameras,
        *(lambda p=p: [typed_port(p)] for p in typed_ports if p.strip())]
    for part in parts:
        try:
            found += part()
        except DeviceError as err:
            problems.append(err)
    return Discovery(tuple(found), tuple(problems))


def serial_ports() -> list[Found]:
    """COM ports and /dev/tty* ports pyserial lists (USB virtual COM ports among them)."""
    ports = sorted(list_ports.comports(), key=lambda p: p.device)
    return [Found("serial", _serial_url(p.device), _port_label(p.device, p.description),
                  SERIAL_ROLES) for p in ports]


def typed_port(path: str, baud: int = DEFAULT_BAUD) -> Found:
    """A port the admin typed (one pyserial does not list: a pty, a symlink, a bridge);
    opened once to make sure it is one, else the fault (scanner.offline, ...) is raised."""
    address = parse_address(path.strip())
    if address.kind == "path":  # a bare path that is not /dev/tty*: try it as a port
        address = parse_address(_serial_url(address.target))
    if address.kind != "serial":
        raise DeviceError("device.address_unsupported", address=path, family="serial")
    try:
        port = serial.serial_for_url(address.target, baudrate=baud, timeout=0)
    except (OSError, ValueError, serial.SerialException) as exc:
        raise device_error(exc, "port", path) from exc  # port.offline, port.permission_denied
    port.close()
    url = path.strip() if "://" in address.target else _serial_url(address.target)
    return Found("serial", url, _port_label(address.target, ""), SERIAL_ROLES)


def network_printer(text: str) -> Found:
    """A network printer the admin types: `host` or `host:port` (9100 when none is given)."""
    cleaned = text.strip()
    if not cleaned:
        raise DeviceError("device.address_invalid", address=text, option="host")
    url = cleaned if cleaned.lower().startswith("tcp://") else f"tcp://{cleaned}"
    address = parse_address(url)
    port = address.port or RAW_PRINTING_PORT
    return Found("tcp", f"tcp://{address.target}:{port}", f"{address.target}:{port}",
                 ("printer",))


def usb_printers(usb_backend: BackendFinder = system_backend) -> list[Found]:
    """USB printers (class 7, or a known ESC/POS maker); device.libusb_missing without libusb."""
    try:
        import usb.core
    except ImportError:
        raise DeviceError("device.dependency_missing", library="pyusb") from None
    backend = require_backend(usb_backend)
    try:
        devices = list(usb.core.find(find_all=True, backend=backend))
    except usb.core.USBError as exc:
        raise device_error(exc, "printer", "usb") from exc
    return [Found("usb", f"usb://{d.idVendor:04x}:{d.idProduct:04x}", _usb_label(d),
                  ("printer",)) for d in devices if _is_printer(d)]


def _is_printer(device: object) -> bool:
    if getattr(device, "idVendor", None) in ESCPOS_VENDORS:
        return True
    if getattr(device, "bDeviceClass", None) == PRINTER_CLASS:
        return True
    try:
        return any(i.bInterfaceClass == PRINTER_CLASS for c in device for i in c)  # type: ignore[attr-defined]
    except Exception:  # a device that cannot be asked (busy, no permission): not ours to show
        return False


def _usb_label(device: object) -> str:
    vendor, product = getattr(device, "idVendor", 0), getattr(device, "idProduct", 0)
    maker = ESCPOS_VENDORS.get(vendor, "USB printer")
    return f"{maker} {vendor:04x}:{product:04x}"


def windows_queues() -> list[Found]:
    """Windows print queues (raw ESC/POS through the spooler); none where win32print is not."""
    try:
        import win32print
    except ImportError:
        return []
    flags = win32print.PRINTER_ENUM_LOCAL | win32print.PRINTER_ENUM_CONNECTIONS
    names = sorted({entry[2] for entry in win32print.EnumPrinters(flags)})
    return [Found("win32", "win32://" + quote(name, safe=""), name, ("printer",))
            for name in names]


def cameras() -> list[Found]:
    """Cameras, only when the optional camera part is installed (never an error without it).

    On Linux each /dev/videoN is one; elsewhere the first camera is offered unprobed, since
    opening a camera to look takes seconds on Windows.
    """
    if not camera_installed():
        return []
    if sys.platform.startswith("linux"):
        indices = sorted(int(p.removeprefix("/dev/video")) for p in glob.glob("/dev/video*")
                         if p.removeprefix("/dev/video").isdigit())
    else:
        indices = [0]
    return [Found("camera", f"camera://{i}", f"camera {i}", ("camera", "scanner"))
            for i in indices]


def _serial_url(device: str) -> str:
    return "serial://" + quote(device, safe="/\\:.-_")


def _port_label(device: str, description: str) -> str:
    name = os.path.basename(device) if device.startswith("/dev/") else device
    shown = description if description and description != "n/a" else ""
    return f"{name} — {shown}" if shown else name
