"""Device addresses: the URLs a store writes in its settings, parsed into one small value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from hardware.errors import DeviceError

DEFAULT_BAUD = 9600
RAW_PRINTING_PORT = 9100
VIDEO_SUFFIXES = (".avi", ".mp4", ".mkv", ".mov", ".webm", ".mjpg", ".mjpeg")
# pyserial opens these URLs itself: tests and bridges use them in place of a port name.
PYSERIAL_SCHEMES = ("socket", "loop", "rfc2217", "spy", "hwgrep", "alt")
_WINDOWS_COM = re.compile(r"^(\\\\\.\\)?COM\d+$", re.IGNORECASE)
_UNIX_TTY = re.compile(r"^/dev/(tty|cu\.|pts/|serial/)")
_USB_IDS = re.compile(r"^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$")


@dataclass(frozen=True, slots=True)
class Address:
    """Where a device is. `kind` picks the transport; `target` is what that transport opens.

    kinds: tcp (host + port), serial (a port name or a pyserial URL), usb (vendor:product),
    win32 (a Windows printer queue, "" for the default), file (a device file), path (a bare
    path: a device file for printers, a video for cameras), wedge (keyboard), camera (index).
    """

    kind: str
    target: str
    text: str
    port: int = 0
    baud: int = DEFAULT_BAUD
    options: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text

    @property
    def usb_ids(self) -> tuple[int, int]:
        vendor, product = self.target.split(":")
        return int(vendor, 16), int(product, 16)

    def option_float(self, name: str, default: float) -> float:
        raw = self.options.get(name)
        if raw is None:
            return default
        try:
            return float(raw)
        except ValueError:
            raise DeviceError("device.address_invalid", address=self.text, option=name) from None


def parse_address(text: str) -> Address:
    """Parse a device URL from the settings; raise device.address_invalid when it is not one.

    Examples: tcp://192.168.1.50:9100, serial:///dev/ttyUSB0?baud=9600, COM3,
    usb://04b8:0202, win32://XP-58, file:///dev/usb/lp0, wedge:, camera://0, scan.avi.
    """
    cleaned = text.strip()
    if not cleaned:
        raise DeviceError("device.address_invalid", address=text)
    if _WINDOWS_COM.match(cleaned) or _UNIX_TTY.match(cleaned):
        return Address("serial", cleaned, text)
    if "://" not in cleaned:
        return _bare(cleaned, text)
    scheme = cleaned.split("://", 1)[0].lower()
    parser = _PARSERS.get(scheme)
    if parser is not None:
        return parser(cleaned, text)
    if scheme in PYSERIAL_SCHEMES:
        return _pyserial_url(cleaned, text)
    raise DeviceError("device.address_unsupported", address=text, scheme=scheme)


def _bare(cleaned: str, text: str) -> Address:
    if cleaned.rstrip(":").lower() == "wedge":
        return Address("wedge", "", text)
    return Address("path", cleaned, text)


def _options(query: str, text: str) -> tuple[int, dict[str, str]]:
    options = dict(parse_qsl(query, keep_blank_values=True))
    baud_text = options.pop("baud", str(DEFAULT_BAUD))
    if not baud_text.isdigit() or int(baud_text) <= 0:
        raise DeviceError("device.address_invalid", address=text, option="baud")
    return int(baud_text), options


def _tcp(cleaned: str, text: str) -> Address:
    parts = urlsplit(cleaned)
    try:
        port = parts.port or RAW_PRINTING_PORT
    except ValueError:
        raise DeviceError("device.address_invalid", address=text, option="port") from None
    if not parts.hostname:
        raise DeviceError("device.address_invalid", address=text, option="host")
    _, options = _options(parts.query, text)
    return Address("tcp", parts.hostname, text, port=port, options=options)


def _serial(cleaned: str, text: str) -> Address:
    rest = cleaned.split("://", 1)[1]
    location, _, query = rest.partition("?")
    target = unquote(location)
    if not target:
        raise DeviceError("device.address_invalid", address=text, option="port")
    baud, options = _options(query, text)
    return Address("serial", target, text, baud=baud, options=options)


def _pyserial_url(cleaned: str, text: str) -> Address:
    # The baud option is ours; every other query option belongs to pyserial's URL handler.
    location, _, query = cleaned.partition("?")
    baud, options = _options(query, text)
    rest = "&".join(f"{k}={v}" if v else k for k, v in options.items())
    target = f"{location}?{rest}" if rest else location
    return Address("serial", target, text, baud=baud)


def _usb(cleaned: str, text: str) -> Address:
    location, _, query = cleaned.split("://", 1)[1].partition("?")
    if not _USB_IDS.match(location):
        raise DeviceError("device.address_invalid", address=text, option="usb_ids")
    _, options = _options(query, text)
    return Address("usb", location.lower(), text, options=options)


def _win32(cleaned: str, text: str) -> Address:
    # Queue names carry spaces and brackets, so take everything after the scheme verbatim.
    return Address("win32", unquote(cleaned.split("://", 1)[1]).strip("/"), text)


def _file(cleaned: str, text: str) -> Address:
    path = unquote(urlsplit(cleaned).path)
    if not path:
        raise DeviceError("device.address_invalid", address=text, option="path")
    return Address("file", path, text)


def _camera(cleaned: str, text: str) -> Address:
    location, _, query = cleaned.split("://", 1)[1].partition("?")
    if not location.isdigit():
        raise DeviceError("device.address_invalid", address=text, option="index")
    _, options = _options(query, text)
    return Address("camera", location, text, options=options)


def _wedge(cleaned: str, text: str) -> Address:
    return Address("wedge", "", text)


_PARSERS = {
    "tcp": _tcp,
    "serial": _serial,
    "usb": _usb,
    "win32": _win32,
    "file": _file,
    "camera": _camera,
    "wedge": _wedge,
}


def is_video_path(address: Address) -> bool:
    return address.kind in ("path", "file") and address.target.lower().endswith(VIDEO_SUFFIXES)


def with_baud(text: str, baud: int) -> str:
    """A serial address with its baud rate set (other options kept); others as they are."""
    address = parse_address(text)
    if address.kind != "serial":
        return text
    location = text.strip().split("?", 1)[0]
    if "://" not in location:  # COM3, /dev/ttyUSB0: the URL form carries options
        location = "serial://" + location
    query = dict(parse_qsl(urlsplit(text.strip()).query, keep_blank_values=True))
    query["baud"] = str(baud)
    return location + "?" + "&".join(f"{k}={v}" if v else k for k, v in query.items())
