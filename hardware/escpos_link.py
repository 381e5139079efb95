"""One printer job's connection over a python-escpos transport, with timeouts and status.

A connection is opened per job and closed after it: a network printer shared by two tills
(or a kitchen printer) is free between receipts, and a printer that was switched off is
simply found again on the next job.
"""

from __future__ import annotations

import functools
import socket
from typing import Any

import serial

from hardware import escpos_commands as cmd
from hardware.addresses import Address
from hardware.errors import DeviceError
from hardware.transports import device_error
from hardware.usb_backend import BackendFinder, require_backend, system_backend

FAMILY = "printer"
_READABLE = {"tcp", "serial", "usb"}
_FLOW = {"none": {}, "dsrdtr": {"dsrdtr": True}, "rtscts": {"rtscts": True},
         "xonxoff": {"xonxoff": True}}


class EscposConnection:
    """Raw bytes to a printer and one-byte status answers back."""

    def __init__(self, device: Any, address: Address, timeout: float) -> None:
        self.device = device
        self.address = address
        self.timeout = timeout
        self.can_read = address.kind in _READABLE

    def write(self, data: bytes) -> None:
        try:
            self.device._raw(data)
        except Exception as exc:  # transports raise OSError, SerialException, usb errors
            raise device_error(exc, FAMILY, self.address) from exc

    def query(self, kind: int) -> int:
        """Send DLE EOT `kind` and return the status byte (printer.timeout if none comes)."""
        self.write(cmd.status_query(kind))
        try:
            answer = self._read()
        except Exception as exc:
            raise device_error(exc, FAMILY, self.address) from exc
        if not answer:
            code = "disconnected" if self.address.kind == "tcp" else "timeout"
            raise DeviceError(f"{FAMILY}.{code}", address=str(self.address))
        return int(answer[-1])

    def _read(self) -> bytes:
        if self.address.kind == "serial":
            # escpos reads 16 bytes, which on a serial line waits out the whole timeout
            return bytes(self.device.device.read(1))
        data: bytes = self.device._read()
        return data

    def close(self) -> None:
        try:
            self.device.close()
        except Exception:  # a failed close must not hide the job's own error
            return


def connect(address: Address, timeout: float, *,
            usb_backend: BackendFinder = system_backend) -> EscposConnection:
    """Open the transport the address names; printer.offline when the printer is not there.

    `usb_backend` finds libusb for usb:// printers (device.libusb_missing when it finds none).
    """
    opener = _OPENERS.get(address.kind)
    if opener is None:
        raise DeviceError("device.address_unsupported", address=str(address), family=FAMILY)
    if address.kind == "usb":
        opener = functools.partial(_usb, usb_backend=usb_backend)
    try:
        device = opener(address, timeout)
    except DeviceError:
        raise
    except Exception as exc:
        raise device_error(exc, FAMILY, address) from exc
    return EscposConnection(device, address, timeout)


def _network(address: Address, timeout: float) -> Any:
    from escpos.printer import Network

    printer = Network(address.target, address.port, timeout=timeout)
    printer.open()
    printer.device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return printer


def _serial(address: Address, timeout: float) -> Any:
    from escpos.printer import Serial

    flow = _FLOW.get(address.options.get("flow", "none"))
    if flow is None:
        raise DeviceError("device.address_invalid", address=str(address), option="flow")
    printer = Serial(devfile=address.target, baudrate=address.baud, timeout=timeout)
    # serial_for_url accepts socket:// and loop:// too, and write_timeout stops a printer
    # that holds DSR low (busy or switched off) from blocking the till forever.
    printer.device = serial.serial_for_url(address.target, baudrate=address.baud,
                                           timeout=timeout, write_timeout=timeout, **flow)
    return printer


def _usb(address: Address, timeout: float, *,
         usb_backend: BackendFinder = system_backend) -> Any:
    from escpos.printer import Usb

    if not Usb.is_usable():
        raise DeviceError("device.dependency_missing", library="pyusb")
    # Found before opening: without libusb pyusb raises NoBackendError, which python-escpos
    # would pass on as a device that cannot be found ("unplug it") rather than a library.
    backend = require_backend(usb_backend)
    vendor, product = address.usb_ids
    printer = Usb(vendor, product, usb_args={"backend": backend}, timeout=int(timeout * 1000))
    printer.open()
    return printer


def _win32(address: Address, timeout: float) -> Any:
    from escpos.printer import Win32Raw

    if not Win32Raw.is_usable():
        raise DeviceError("device.dependency_missing", library="pywin32")
    printer = Win32Raw(address.target)
    printer.open()
    return printer


def _file(address: Address, timeout: float) -> Any:
    from escpos.printer import File

    printer = File(address.target, auto_flush=True)
    printer.open()
    return printer


_OPENERS = {"tcp": _network, "serial": _serial, "usb": _usb, "win32": _win32,
            "file": _file, "path": _file}
