"""What every device reports (its state, for the till's status icons) and the small
interfaces of the device families the till polls."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the device modules import this one: names only, for type checkers
    from hardware.receipt import Receipt
    from hardware.scan_codes import ScannedCode
    from hardware.tracks import Tracks


class DeviceState(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    ERROR = "error"
    UNKNOWN = "unknown"  # the transport cannot answer (a Windows queue, a device file)


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """A device's state plus the error code that explains it, if any."""

    state: DeviceState
    code: str | None = None  # e.g. "printer.offline"
    paper_low: bool = False
    detail: str = ""  # model, firmware or port name when the device tells it

    @property
    def is_ready(self) -> bool:
        return self.state in (DeviceState.ONLINE, DeviceState.UNKNOWN)


class ReceiptPrinter(Protocol):
    """What the till needs from a receipt printer (EscposPrinter, or a fake in tests)."""

    def print_receipt(self, receipt: Receipt) -> None: ...
    def status(self) -> DeviceStatus: ...


class CodeReader(Protocol):
    """A scanner the till polls: SerialScanner and CameraScanner."""

    def open(self) -> None: ...
    def read(self, timeout: float) -> ScannedCode | None: ...
    def close(self) -> None: ...


class SwipeReader(Protocol):
    """A serial stripe reader (a wedge reader's bursts go to SwipeParser instead)."""

    def read_swipe(self, timeout: float) -> Tracks | None: ...
    def close(self) -> None: ...
