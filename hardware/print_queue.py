"""Receipts that could not be printed wait here for a reprint; a sale is never lost to paper."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol

from domain.ids import new_id_str
from hardware.errors import DeviceError
from hardware.receipt import Receipt


class Printing(Protocol):
    """Only printing is needed here (ReceiptPrinter in hardware.base has status too)."""

    def print_receipt(self, receipt: Receipt) -> None: ...


@dataclass(frozen=True, slots=True)
class QueuedReceipt:
    id: str
    receipt: Receipt
    error_code: str  # why the last attempt failed, e.g. "printer.paper_out"
    attempts: int


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    printed: bool
    queued_id: str | None = None
    error_code: str | None = None


class PrintQueue:
    """Print now or keep for later, in order; safe to use from a worker thread.

    While older receipts wait, a new one queues behind them rather than jumping ahead, so
    receipts come out in the order the sales were made once the printer is back.
    """

    def __init__(self, printer: Printing) -> None:
        self.printer = printer
        self._lock = threading.Lock()
        self._waiting: list[QueuedReceipt] = []

    def submit(self, receipt: Receipt) -> PrintOutcome:
        with self._lock:
            if self._waiting:
                item = QueuedReceipt(new_id_str(), receipt, self._waiting[-1].error_code, 0)
                self._waiting.append(item)
                return PrintOutcome(False, item.id, item.error_code)
            try:
                self.printer.print_receipt(receipt)
            except DeviceError as exc:
                item = QueuedReceipt(new_id_str(), receipt, exc.code, 1)
                self._waiting.append(item)
                return PrintOutcome(False, item.id, exc.code)
            return PrintOutcome(True)

    def retry(self) -> list[PrintOutcome]:
        """Reprint waiting receipts oldest first; stop at the first that fails again."""
        outcomes: list[PrintOutcome] = []
        with self._lock:
            while self._waiting:
                item = self._waiting[0]
                try:
                    self.printer.print_receipt(item.receipt)
                except DeviceError as exc:
                    self._waiting[0] = QueuedReceipt(item.id, item.receipt, exc.code,
                                                     item.attempts + 1)
                    outcomes.append(PrintOutcome(False, item.id, exc.code))
                    break
                self._waiting.pop(0)
                outcomes.append(PrintOutcome(True, item.id))
        return outcomes

    def use(self, printer: Printing) -> None:
        """Print on `printer` from now on; what waits stays, in order (after a print in
        progress, which holds the lock)."""
        with self._lock:
            self.printer = printer

    def pending(self) -> list[QueuedReceipt]:
        with self._lock:
            return list(self._waiting)

    def discard(self, queued_id: str) -> bool:
        """Drop a waiting receipt (the customer left); True if it was there."""
        with self._lock:
            before = len(self._waiting)
            self._waiting = [q for q in self._waiting if q.id != queued_id]
            return len(self._waiting) < before
