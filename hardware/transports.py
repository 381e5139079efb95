"""Byte transports with timeouts: python-escpos printer connections and pyserial ports.

Every OS-level failure is turned into a DeviceError named after the device family
(`printer.timeout`, `scanner.offline`, ...), so callers handle one exception type.
"""

from __future__ import annotations

import contextlib
import errno
import socket
import time
from collections.abc import Callable
from typing import Any, NoReturn

import serial

from hardware.addresses import Address
from hardware.errors import DeviceError

_UNREACHABLE = {errno.ECONNREFUSED, errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ENOENT,
                errno.ENODEV, errno.ENXIO}
_DROPPED = {errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.EIO}


def device_error(exc: BaseException, family: str, address: Address | str) -> DeviceError:
    """Sort a transport exception into the family's stable fault code."""
    where = str(address)
    if isinstance(exc, DeviceError):
        return exc
    if isinstance(exc, TimeoutError | socket.timeout | serial.SerialTimeoutException):
        return DeviceError(f"{family}.timeout", address=where)
    if isinstance(exc, PermissionError):
        return DeviceError(f"{family}.permission_denied", address=where)
    if isinstance(exc, BrokenPipeError | ConnectionResetError | ConnectionAbortedError):
        return DeviceError(f"{family}.disconnected", address=where)
    if isinstance(exc, socket.gaierror | ConnectionRefusedError | FileNotFoundError):
        return DeviceError(f"{family}.offline", address=where)
    if type(exc).__name__ == "NoBackendError":  # pyusb without libusb: not the device's fault
        return DeviceError("device.libusb_missing", library="libusb-1.0", address=where)
    if type(exc).__name__ in ("DeviceNotFoundError", "USBNotFoundError"):
        return DeviceError(f"{family}.offline", address=where)
    return _by_errno(exc, family, where)


def _by_errno(exc: BaseException, family: str, where: str) -> DeviceError:
    number = getattr(exc, "errno", None)
    if number in _UNREACHABLE:
        return DeviceError(f"{family}.offline", address=where)
    if number in _DROPPED:
        return DeviceError(f"{family}.disconnected", address=where)
    message = str(exc).lower()
    if isinstance(exc, serial.SerialException) and "could not open" in message:
        return DeviceError(f"{family}.offline", address=where)
    if isinstance(exc, serial.SerialException) and "disconnected" in message:
        return DeviceError(f"{family}.disconnected", address=where)
    return DeviceError(f"{family}.io_error", address=where, reason=type(exc).__name__)


class ReconnectGate:
    """Space out reopening attempts after a failure so a missing device costs nothing."""

    def __init__(self, retry_after: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self._retry_after = retry_after
        self._clock = clock
        self._failed_at: float | None = None

    def may_try(self) -> bool:
        return self._failed_at is None or self._clock() - self._failed_at >= self._retry_after

    def failed(self) -> None:
        self._failed_at = self._clock()

    def succeeded(self) -> None:
        self._failed_at = None


class SerialLink:
    """A pyserial port opened on demand and reopened after a fault (virtual COM unplugged)."""

    def __init__(self, address: Address, family: str, *, write_timeout: float = 2.0,
                 gate: ReconnectGate | None = None,
                 opener: Callable[..., Any] = serial.serial_for_url) -> None:
        self.address = address
        self.family = family
        self._write_timeout = write_timeout
        self._gate = gate or ReconnectGate()
        self._opener = opener
        self._port: Any = None

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def open(self) -> None:
        if self._port is not None:
            return
        if not self._gate.may_try():
            raise DeviceError(f"{self.family}.offline", address=str(self.address))
        try:
            self._port = self._opener(self.address.target, baudrate=self.address.baud,
                                      timeout=0.1, write_timeout=self._write_timeout)
        except (OSError, ValueError, serial.SerialException) as exc:
            self._gate.failed()
            raise device_error(exc, self.family, self.address) from exc
        self._gate.succeeded()

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            # closing a vanished port must not hide the fault that closed it
            with contextlib.suppress(OSError, serial.SerialException):
                port.close()

    def write(self, data: bytes) -> None:
        self.open()
        try:
            self._port.write(data)
            self._port.flush()
        except (OSError, serial.SerialException) as exc:
            self.close()
            raise device_error(exc, self.family, self.address) from exc

    def read_some(self, timeout: float) -> bytes:
        """Whatever arrives within `timeout` (b"" when nothing did)."""
        self.open()
        try:
            self._port.timeout = max(timeout, 0.0)
            waiting = self._port.in_waiting
            return bytes(self._port.read(max(waiting, 1)))
        except (OSError, serial.SerialException, TypeError) as exc:
            # pyserial raises TypeError when a pty's other side vanished mid-read
            self.close()
            raise device_error(exc, self.family, self.address) from exc

    def discard_input(self) -> None:
        self.open()
        try:
            self._port.reset_input_buffer()
        except (OSError, serial.SerialException) as exc:
            self.close()
            raise device_error(exc, self.family, self.address) from exc


class FrameReader:
    """Cut a serial byte stream into frames ended by CR/LF, with a deadline per frame.

    Bytes that start a frame but never reach a terminator within `frame_timeout` are
    reported as `<family>.truncated` and dropped, so the next frame starts clean.
    """

    def __init__(self, link: SerialLink, terminators: bytes = b"\r\n",
                 frame_timeout: float = 0.5, max_length: int = 1024,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.link = link
        self._terminators = terminators
        self._frame_timeout = frame_timeout
        self._max_length = max_length
        self._clock = clock
        self._pending = bytearray()

    def read_frame(self, timeout: float) -> bytes | None:
        """The next non-empty frame without its terminator; None if none began in time."""
        deadline = self._clock() + timeout
        frame_deadline: float | None = None
        while True:
            frame = self._take_frame()
            if frame is not None:
                return frame
            now = self._clock()
            if not self._pending:
                frame_deadline = None
            elif frame_deadline is None:
                frame_deadline = now + self._frame_timeout  # a frame began: it must end soon
            if frame_deadline is not None and now >= frame_deadline:
                self._truncated()
            if frame_deadline is None and now >= deadline:
                return None
            limit = deadline if frame_deadline is None else frame_deadline
            self._pending.extend(self.link.read_some(min(limit - now, 0.1)))

    def _take_frame(self) -> bytes | None:
        while True:
            cut = next((i for i, b in enumerate(self._pending) if b in self._terminators), -1)
            if cut < 0:
                if len(self._pending) > self._max_length:
                    self._pending.clear()
                    raise DeviceError(f"{self.link.family}.garbage", address=str(self.link.address))
                return None
            frame = bytes(self._pending[:cut])
            del self._pending[: cut + 1]
            if frame:
                return frame  # an empty frame is the LF of a CR LF pair

    def _truncated(self) -> NoReturn:
        length = len(self._pending)
        self._pending.clear()
        raise DeviceError(f"{self.link.family}.truncated", address=str(self.link.address),
                          received=length)
