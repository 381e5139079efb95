"""The receipt printer driver: render, check status, send, confirm — or a device error."""

from __future__ import annotations

from collections.abc import Callable

from hardware import escpos_commands as cmd
from hardware.addresses import Address
from hardware.base import DeviceState, DeviceStatus
from hardware.errors import DeviceError
from hardware.escpos_link import EscposConnection, connect
from hardware.profiles import PrinterProfile
from hardware.receipt import Receipt

# Status bits (Epson DLE EOT): n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 stopped at
# paper end, bit 6 error; n=4 bits 2-3 paper near end, bits 5-6 paper end.
_OFFLINE, _COVER, _PAPER_STOP, _ERROR, _NEAR_END, _PAPER_END = 0x08, 0x04, 0x20, 0x40, 0x0C, 0x60

Connector = Callable[[Address, float], EscposConnection]


class EscposPrinter:
    """A receipt printer behind any python-escpos transport.

    Before a job the printer is asked whether it is ready (when the transport can answer),
    and after it whether it is still there, so a printer that dropped the line or hung
    mid-print is reported (printer.disconnected / printer.timeout) instead of the receipt
    silently vanishing. Every call opens its own connection and never waits longer than
    `timeout` seconds for one step.
    """

    def __init__(self, address: Address, profile: PrinterProfile, *, timeout: float = 3.0,
                 query_status: bool = True, connector: Connector = connect) -> None:
        self.address = address
        self.profile = profile
        self.timeout = timeout
        self.query_status = query_status
        self._connect = connector

    def print_receipt(self, receipt: Receipt) -> None:
        """Print or raise DeviceError (printer.paper_out, printer.offline, ...)."""
        from hardware.escpos_render import render  # Pillow and qrcode: at the first receipt

        self.send(render(receipt, self.profile))

    def send(self, data: bytes, *, check_ready: bool = True) -> None:
        """Send one job of raw ESC/POS bytes."""
        conn = self._connect(self.address, self.timeout)
        try:
            asks = conn.can_read and self.query_status
            if asks and check_ready:
                _raise_if_not_ready(conn)
            conn.write(data)
            if asks and check_ready:
                _confirm(conn)
            elif asks:
                conn.query(cmd.STATUS_PRINTER)  # still there? paper does not matter here
        finally:
            conn.close()

    def status(self) -> DeviceStatus:
        """The printer's state now; never raises (an unreachable printer is OFFLINE)."""
        try:
            conn = self._connect(self.address, self.timeout)
        except DeviceError as exc:
            return DeviceStatus(DeviceState.OFFLINE, exc.code)
        try:
            if not (conn.can_read and self.query_status):
                return DeviceStatus(DeviceState.UNKNOWN)
            return _read_status(conn)
        except DeviceError as exc:
            return DeviceStatus(DeviceState.OFFLINE, exc.code)
        finally:
            conn.close()


def _read_status(conn: EscposConnection) -> DeviceStatus:
    paper = conn.query(cmd.STATUS_PAPER)
    low = bool(paper & _NEAR_END)
    if paper & _PAPER_END:
        return DeviceStatus(DeviceState.PAPER_OUT, "printer.paper_out", paper_low=True)
    if not conn.query(cmd.STATUS_PRINTER) & _OFFLINE:
        return DeviceStatus(DeviceState.ONLINE, paper_low=low)
    cause = conn.query(cmd.STATUS_OFFLINE_CAUSE)
    if cause & _COVER:
        return DeviceStatus(DeviceState.COVER_OPEN, "printer.cover_open", paper_low=low)
    if cause & _PAPER_STOP:
        return DeviceStatus(DeviceState.PAPER_OUT, "printer.paper_out", paper_low=True)
    if cause & _ERROR:
        return DeviceStatus(DeviceState.ERROR, "printer.error", paper_low=low)
    return DeviceStatus(DeviceState.OFFLINE, "printer.offline", paper_low=low)


def _raise_if_not_ready(conn: EscposConnection) -> None:
    status = _read_status(conn)
    if not status.is_ready:
        raise DeviceError(status.code or "printer.offline", address=str(conn.address))


def _confirm(conn: EscposConnection) -> None:
    """The job went out; make sure the printer is still there and did not run dry."""
    paper = conn.query(cmd.STATUS_PAPER)
    if paper & _PAPER_END:
        raise DeviceError("printer.paper_out", address=str(conn.address))
