"""The Qt adapter over `hardware/`: device calls off the GUI thread, results back as signals.

Printer, drawer and customer display share one worker thread, so a status probe never races
a print job on a printer that takes one connection at a time. Serial scanners and stripe
readers each read on their own thread; the camera reads on demand on another. The keyboard
wedge arrives from `WedgeFilter` as a burst and is sorted here into a scan or a swipe.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hardware.base import DeviceState, DeviceStatus
from hardware.card_reader import SerialCardReader, SwipeParser, looks_like_swipe
from hardware.errors import DeviceError
from hardware.print_queue import PrintOutcome, PrintQueue
from hardware.receipt import Receipt
from hardware.registry import DeviceRegistry, card_brands, probe, wedge_settings
from hardware.scan_codes import interpret, layouts_from_settings
from hardware.wedge import WedgeDecoder

log = logging.getLogger(__name__)

POLLED = ("printer", "display")  # asked on the worker; readers report from their own loops
WEDGE = DeviceStatus(DeviceState.UNKNOWN, detail="keyboard wedge")


class TillDevices(QObject):
    """The till's devices. Every method returns at once; outcomes arrive as signals.

    Signals:
        status_changed(str, object): a role ("printer", "scanner", ...) and its DeviceStatus.
        printed(object): the PrintOutcome of a receipt handed to `print_receipt` or reprinted.
        queue_changed(int): how many receipts wait for a reprint.
        code_scanned(object): a ScannedCode from any scanner (wedge, serial, camera).
        card_swiped(object): stripe Tracks of a card that is not a bank card.
        failed(object): a DeviceError from a scan, a swipe or the drawer.
        rebuilt(list): the roles configured after `apply` put new settings in place.
    """

    status_changed = Signal(str, object)
    printed = Signal(object)
    queue_changed = Signal(int)
    code_scanned = Signal(object)
    card_swiped = Signal(object)
    failed = Signal(object)
    rebuilt = Signal(list)

    def __init__(self, registry: DeviceRegistry, *, poll_s: float = 5.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.queue = PrintQueue(registry.get("printer")) if "printer" in registry.settings \
            else None
        self.statuses: dict[str, DeviceStatus] = {}
        self._opened: dict[str, Any] = {}
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="kaika-devices")
        self._camera_worker = ThreadPoolExecutor(1, thread_name_prefix="kaika-camera")
        self._stop = threading.Event()
        self._readers: list[threading.Thread] = []
        self._poll = QTimer(self)
        self._poll.setInterval(int(poll_s * 1000))
        self._poll.timeout.connect(self.poll)
        scanner = registry.settings.get("scanner", {})
        self.layouts = layouts_from_settings(scanner.get("weighed"))
        self.decoder = self._decoder()
        self.swipes = self._swipe_parser()

    # --- life cycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Start reading serial devices and polling status (call once the window is up)."""
        for role in ("scanner", "card_reader"):
            device = self._safe_get(role)
            if device is not None and not isinstance(device, WedgeDecoder | SwipeParser):
                self._start_reader(role, device)
            elif role in self.registry.settings:
                self._set_status(role, WEDGE)
        self.poll()
        self._poll.start()

    def stop(self) -> None:
        self._stop_readers()
        self._worker.shutdown(wait=True, cancel_futures=True)
        self._camera_worker.shutdown(wait=False, cancel_futures=True)
        for role in ("display", "camera"):
            device = self._opened.get(role)
            if device is not None:
                _quietly(device.close)

    def _stop_readers(self) -> None:
        """Polling stops and each reader's thread ends, closing its port."""
        self._poll.stop()
        self._stop.set()
        for thread in self._readers:
            thread.join(timeout=2.0)
        self._readers = []

    def apply(self, settings: Mapping[str, Mapping[str, Any]]) -> None:
        """Use newly saved settings now, without a restart.

        The readers stop and close their ports, the new registry takes the place of the old,
        and the readers and polling start again. Receipts waiting for a reprint stay queued
        and go to the new printer; a print already handed to the worker finishes first,
        because the old devices are closed by a job on the same worker, after it.
        """
        registry = DeviceRegistry(settings)  # unknown roles refused before anything stops
        self._stop_readers()
        self._stop = threading.Event()
        old = {**self.registry.built(), **self._opened}
        self._opened = {}
        camera = old.pop("camera", None)
        if camera is not None:  # closed after any read in progress, on the camera's thread
            self._camera_worker.submit(_logged(camera.close))
        self.registry = registry
        queue, printer = self._requeue(registry)
        self.queue = queue
        self._submit(lambda: _switch(queue, printer, old))
        scanner = registry.settings.get("scanner", {})
        self.layouts = layouts_from_settings(scanner.get("weighed"))
        self.decoder, self.swipes = self._decoder(), self._swipe_parser()
        self.statuses = {}
        self.rebuilt.emit(self.registry.configured())
        self.queue_changed.emit(self.waiting())
        self.start()

    def _requeue(self, registry: DeviceRegistry) -> tuple[PrintQueue | None, Any]:
        """The queue to keep (its waiting receipts) and the printer it moves to (on the
        worker, after the prints already handed to it)."""
        if "printer" not in registry.settings:
            keep = self.queue is not None and bool(self.queue.pending())
            return (self.queue if keep else None), None
        printer = self._safe_get("printer")
        if printer is None or self.queue is None:
            return (PrintQueue(printer) if printer is not None else self.queue), None
        return self.queue, printer

    def configured(self) -> list[str]:
        return [r for r in self.registry.configured() if r not in ("encoder", "drawer")]

    # --- printing, drawer, display -----------------------------------------------------------

    def print_receipt(self, receipt: Receipt) -> None:
        """Print, or keep the receipt for reprint; `printed` tells which."""
        if self.queue is None:
            return
        queue = self.queue
        self._submit(lambda: self._printed([queue.submit(receipt)]))

    def reprint(self) -> None:
        """Print the receipts that are waiting, oldest first."""
        if self.queue is not None:
            queue = self.queue
            self._submit(lambda: self._printed(queue.retry()))

    def waiting(self) -> int:
        return len(self.queue.pending()) if self.queue is not None else 0

    def open_drawer(self) -> None:
        drawer = self._safe_get("drawer")
        if drawer is not None:
            self._submit(lambda: self._guard("printer", drawer.open))

    def show_item(self, name: str, price_fen: int, total_fen: int) -> None:
        self._display(lambda d: d.show_item(name, price_fen, total_fen))

    def show_total(self, total_fen: int) -> None:
        self._display(lambda d: d.show_total(total_fen))

    def show_text(self, upper: str, lower: str = "") -> None:
        self._display(lambda d: d.show(upper, lower))

    def _display(self, job: Callable[[Any], None]) -> None:
        display = self._safe_get("display")
        if display is not None:
            self._submit(lambda: self._guard("display", lambda: job(display)))

    def _printed(self, outcomes: list[PrintOutcome]) -> None:
        for outcome in outcomes:
            self.printed.emit(outcome)
        self.queue_changed.emit(self.waiting())
        self._probe("printer")

    # --- status ------------------------------------------------------------------------------

    def poll(self) -> None:
        """Ask the printer and display how they are (on the worker thread)."""
        for role in POLLED:
            if role in self.registry.settings:
                self._submit(functools.partial(self._probe, role))

    def _probe(self, role: str) -> None:
        try:
            status = probe(self.registry.get(role))
        except DeviceError as exc:
            status = DeviceStatus(DeviceState.OFFLINE, exc.code)
        before = self.statuses.get(role)
        self._set_status(role, status)
        if role == "printer" and status.is_ready and (before is None or not before.is_ready) \
                and self.queue is not None and self.queue.pending():
            # The printer is back, or is a new one (`apply`): waiting receipts go out.
            self._printed(self.queue.retry())

    def _set_status(self, role: str, status: DeviceStatus) -> None:
        if self.statuses.get(role) != status:
            self.statuses[role] = status
            self.status_changed.emit(role, status)

    def _guard(self, role: str, job: Callable[[], object]) -> None:
        try:
            job()
        except DeviceError as exc:
            self._set_status(role, DeviceStatus(DeviceState.OFFLINE, exc.code))
            self.failed.emit(exc)
        else:
            known = self.statuses.get(role)
            if known is None or not known.is_ready:
                self._set_status(role, DeviceStatus(DeviceState.ONLINE))

    def _submit(self, job: Callable[[], None]) -> None:
        if self._stop.is_set():
            return
        self._worker.submit(_logged(job))

    # --- scanning and swiping ----------------------------------------------------------------

    def handle_burst(self, text: str) -> None:
        """A keyboard-wedge burst: a stripe swipe (%…? ;…?) or a scanned code."""
        try:
            if looks_like_swipe(text):
                self.card_swiped.emit(self.swipes.parse(text))
            else:
                self.code_scanned.emit(interpret(text, self.layouts))
        except DeviceError as exc:
            self.failed.emit(exc)

    def scan_with_camera(self, seconds: float = 8.0) -> None:
        """Read the camera until a code shows or `seconds` pass (a customer's phone QR)."""
        camera = self._safe_get("camera")
        if camera is None:
            return

        def read() -> None:
            try:
                if camera.ended:
                    camera.close()  # a video file (demo) plays again from the start
                code = camera.read(seconds)
                self._set_status("camera", DeviceStatus(DeviceState.ONLINE))
                if code is not None:
                    self.code_scanned.emit(code)
            except DeviceError as exc:
                self._set_status("camera", DeviceStatus(DeviceState.OFFLINE, exc.code))
                self.failed.emit(exc)
        self._camera_worker.submit(_logged(read))

    def has(self, role: str) -> bool:
        return role in self.registry.settings

    def _start_reader(self, role: str, device: Any) -> None:
        stop = self._stop  # this reader's own: `apply` gives the next readers a new one
        thread = threading.Thread(target=_logged(lambda: self._read_loop(role, device, stop)),
                                  name=f"kaika-{role}", daemon=True)
        self._readers.append(thread)
        thread.start()

    def _read_loop(self, role: str, device: Any, stop: threading.Event) -> None:
        swipe = isinstance(device, SerialCardReader)
        while not stop.is_set():
            try:
                found = device.read_swipe(0.2) if swipe else device.read(0.2)
            except DeviceError as exc:
                self._reader_failed(role, exc, stop)
                continue
            self._set_status(role, DeviceStatus(DeviceState.ONLINE))
            if found is not None:
                (self.card_swiped if swipe else self.code_scanned).emit(found)
        _quietly(device.close)

    def _reader_failed(self, role: str, exc: DeviceError, stop: threading.Event) -> None:
        fault = exc.code.rsplit(".", 1)[-1]
        if fault in ("offline", "disconnected", "timeout", "permission_denied", "io_error"):
            self._set_status(role, DeviceStatus(DeviceState.OFFLINE, exc.code))
            stop.wait(1.0)  # the port reopens by itself; do not spin while it is gone
        else:
            self.failed.emit(exc)  # a bad scan or swipe: say so, keep reading

    # --- building ----------------------------------------------------------------------------

    def _decoder(self) -> WedgeDecoder:
        device = self._safe_get("scanner")
        if isinstance(device, WedgeDecoder):
            return device
        return WedgeDecoder(wedge_settings(self.registry.settings.get("scanner", {})))

    def _swipe_parser(self) -> SwipeParser:
        device = self._safe_get("card_reader")
        if isinstance(device, SwipeParser):
            return device
        return SwipeParser(card_brands(self.registry.settings.get("card_reader", {})))

    def _safe_get(self, role: str) -> Any:
        try:
            device = self.registry.get(role)
        except DeviceError as exc:
            log.warning("device %s cannot be built: %s", role, exc)
            self._set_status(role, DeviceStatus(DeviceState.OFFLINE, exc.code))
            return None
        if device is not None:
            self._opened[role] = device
        return device


def _logged(job: Callable[[], None]) -> Callable[[], None]:
    """Worker jobs must not die silently: anything unexpected is logged in full."""
    def run() -> None:
        try:
            job()
        except Exception:
            log.exception("device job failed")
    return run


def _switch(queue: PrintQueue | None, printer: Any, old: Mapping[str, Any]) -> None:
    """On the worker: the queue moves to the new printer, the old devices' ports close."""
    if queue is not None and printer is not None:
        queue.use(printer)
    for device in old.values():
        close = getattr(device, "close", None)
        if close is not None:
            _quietly(close)


def _quietly(close: Callable[[], None]) -> None:
    try:
        close()
    except Exception:  # closing a device that is already gone
        log.debug("closing a device failed", exc_info=True)
