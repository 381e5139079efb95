"""Trying a device before it is saved: a test page, the drawer, one swipe, one scan, a line on
the customer display, the card encoder's status.

Each trial builds the device from the settings being edited (not the till's running ones),
waits at most its timeout, closes what it opened and returns a `TrialResult`; a device
fault is the result's `error`, and anything else unexpected is `device.trial_failed` with
the exception's name, so the Devices page never shows a traceback.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.card_data import mask
from hardware.camera import CameraScanner
from hardware.card_reader import SerialCardReader
from hardware.drawer import CashDrawer
from hardware.errors import DeviceError
from hardware.escpos_link import connect
from hardware.printer import EscposPrinter
from hardware.profiles import profile_from_settings
from hardware.registry import (
    address_of,
    build_card_reader,
    build_display,
    build_encoder,
    build_scanner,
)
from hardware.scan_codes import CodeKind, ScannedCode
from hardware.scanner import SerialScanner
from hardware.testpage import test_page
from hardware.tracks import Tracks
from hardware.usb_backend import BackendFinder, system_backend

log = logging.getLogger(__name__)
Settings = Mapping[str, Any]
READ_SECONDS = 10.0  # how long a swipe or a scan is waited for


@dataclass(frozen=True, slots=True)
class TrialResult:
    """`code` says what happened: trial.printed, trial.drawer_kicked, trial.swiped,
    trial.scanned, trial.displayed, trial.encoder_ready, trial.nothing (no card or code in
    time), trial.use_field (a keyboard device: try it in the page's field), or the fault's
    code with `error` set."""

    code: str
    shown: str = ""  # what was read: the code, or a card number masked
    error: DeviceError | None = None
    params: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and self.code not in ("trial.nothing", "trial.use_field")


def print_test_page(printer: Settings, store_name: str, printed_at: datetime, *,
                    usb_backend: BackendFinder = system_backend) -> TrialResult:
    """The test page (hardware/testpage.py) on the printer these settings describe."""
    def job() -> TrialResult:
        device = _printer(printer, usb_backend)
        device.print_receipt(test_page(store_name, device.profile, str(device.address),
                                       printed_at))
        return TrialResult("trial.printed", params={"address": str(device.address)})
    return _guarded(job)


def kick_drawer(printer: Settings, drawer: Settings, *,
                usb_backend: BackendFinder = system_backend) -> TrialResult:
    """One pulse on the drawer port of the printer, with the drawer's pin and pulse."""
    def job() -> TrialResult:
        CashDrawer(_printer(printer, usb_backend), int(drawer.get("pin", 2)),
                   int(drawer.get("on_ms", 100)), int(drawer.get("off_ms", 100))).open()
        return TrialResult("trial.drawer_kicked")
    return _guarded(job)


def read_swipe(card_reader: Settings, timeout: float = READ_SECONDS) -> TrialResult:
    """One swipe from a serial stripe reader; a wedge reader is tried in the page's field."""
    def job() -> TrialResult:
        reader = build_card_reader(card_reader)
        if not isinstance(reader, SerialCardReader):
            return TrialResult("trial.use_field")
        try:
            tracks = reader.read_swipe(timeout)
        finally:
            reader.close()
        return TrialResult("trial.nothing") if tracks is None else swiped(tracks)
    return _guarded(job)


def read_scan(scanner: Settings, timeout: float = READ_SECONDS) -> TrialResult:
    """One code from a serial scanner or a camera; a wedge scanner is tried in the field."""
    def job() -> TrialResult:
        device = build_scanner(scanner)
        if not isinstance(device, SerialScanner | CameraScanner):
            return TrialResult("trial.use_field")
        try:
            device.open()
            code = device.read(timeout)
        finally:
            device.close()
        return TrialResult("trial.nothing") if code is None else scanned(code)
    return _guarded(job)


def show_line(display: Settings, upper: str = "KAIKA DISPLAY TEST",
              lower: str = "12345678901234567890") -> TrialResult:
    """Two lines on the customer display, for the person at the till to read (ASCII by
    default: most displays have no Chinese font; the lower line shows all 20 columns)."""
    def job() -> TrialResult:
        device = build_display(display)
        try:
            device.show(upper, lower)
        finally:
            device.close()
        return TrialResult("trial.displayed", shown=upper)
    return _guarded(job)


def probe_encoder(encoder: Settings) -> TrialResult:
    """The MSR605's communication test (ESC e, answered ESC y) and its firmware version."""
    def job() -> TrialResult:
        device = build_encoder(encoder)
        try:
            device.test_communication()
            firmware = device.firmware()
        finally:
            device.close()
        return TrialResult("trial.encoder_ready", shown=firmware.strip())
    return _guarded(job)


def scanned(code: ScannedCode) -> TrialResult:
    """A code read (by a trial, or by the till's wedge filter in the page's field)."""
    # A product code is shown whole; anything else may be a card number and is masked.
    shown = code.text if code.kind in (CodeKind.GTIN, CodeKind.WEIGHED) else mask(code.text)
    return TrialResult("trial.scanned", shown=shown, params={"kind": code.kind.value})


def swiped(tracks: Tracks) -> TrialResult:
    """A swipe read: the tracks that came through, the card number masked."""
    present = [str(n) for n in (1, 2, 3) if tracks.get(n)]
    return TrialResult("trial.swiped", shown=mask(_account(tracks)),
                       params={"tracks": ",".join(present)})


def _account(tracks: Tracks) -> str:
    """The card number alone: the expiry and check data after it are never shown."""
    if tracks.track2:
        return tracks.track2.split("=", 1)[0]
    if tracks.track1:
        return tracks.track1.removeprefix("B").split("^", 1)[0]
    return ""


def _printer(settings: Settings, usb_backend: BackendFinder) -> EscposPrinter:
    return EscposPrinter(address_of(settings, "printer"), profile_from_settings(settings),
                         timeout=float(settings.get("timeout", 3.0)),
                         query_status=bool(settings.get("status", True)),
                         connector=functools.partial(connect, usb_backend=usb_backend))


def _guarded(job: Callable[[], TrialResult]) -> TrialResult:
    try:
        return job()
    except DeviceError as err:
        return TrialResult(err.code, error=err)
    except Exception as exc:  # a driver's own bug: said as a code, logged in full
        log.exception("device trial failed")
        failed = DeviceError("device.trial_failed", reason=type(exc).__name__)
        return TrialResult(failed.code, error=failed)
