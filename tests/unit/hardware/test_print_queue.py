"""A receipt that fails to print waits for a reprint, in order."""

from __future__ import annotations

from hardware.errors import DeviceError
from hardware.print_queue import PrintQueue
from hardware.receipt import Receipt


class FlakyPrinter:
    """Fails with a given code until `fixed`; records what it printed."""

    def __init__(self) -> None:
        self.failure: str | None = None
        self.printed: list[Receipt] = []

    def print_receipt(self, receipt: Receipt) -> None:
        if self.failure:
            raise DeviceError(self.failure)
        self.printed.append(receipt)


def receipts(n: int) -> list[Receipt]:
    return [Receipt().text(f"小票 {i}") for i in range(n)]


def test_prints_at_once_when_the_printer_works() -> None:
    printer = FlakyPrinter()
    queue = PrintQueue(printer)
    first = receipts(1)[0]
    outcome = queue.submit(first)
    assert outcome.printed and outcome.queued_id is None
    assert printer.printed == [first] and queue.pending() == []


def test_failed_receipts_wait_and_come_out_in_sale_order() -> None:
    printer = FlakyPrinter()
    queue = PrintQueue(printer)
    a, b, c = receipts(3)
    printer.failure = "printer.paper_out"
    first = queue.submit(a)
    assert (first.printed, first.error_code) == (False, "printer.paper_out")
    printer.failure = None
    # the printer works again, but b must not jump ahead of a
    second = queue.submit(b)
    assert not second.printed and printer.printed == []
    assert [q.receipt for q in queue.pending()] == [a, b]
    outcomes = queue.retry()
    assert [o.printed for o in outcomes] == [True, True]
    assert queue.submit(c).printed
    assert printer.printed == [a, b, c]


def test_retry_stops_at_the_first_failure_and_counts_attempts() -> None:
    printer = FlakyPrinter()
    queue = PrintQueue(printer)
    printer.failure = "printer.offline"
    queue.submit(receipts(1)[0])
    printer.failure = "printer.cover_open"
    outcomes = queue.retry()
    assert [(o.printed, o.error_code) for o in outcomes] == [(False, "printer.cover_open")]
    waiting = queue.pending()[0]
    assert (waiting.attempts, waiting.error_code) == (2, "printer.cover_open")


def test_discard() -> None:
    printer = FlakyPrinter()
    queue = PrintQueue(printer)
    printer.failure = "printer.offline"
    queued = queue.submit(receipts(1)[0]).queued_id
    assert queued is not None
    assert queue.discard(queued) and not queue.discard(queued)
    assert queue.pending() == []


def test_waiting_receipts_go_to_the_printer_the_queue_is_moved_to_in_order() -> None:
    old, new = FlakyPrinter(), FlakyPrinter()
    queue = PrintQueue(old)
    a, b, c = receipts(3)
    old.failure = "printer.offline"
    queue.submit(a)
    queue.submit(b)
    queue.use(new)  # the Devices page saved another printer
    assert [o.printed for o in queue.retry()] == [True, True]
    assert queue.submit(c).printed
    assert new.printed == [a, b, c] and old.printed == [] and queue.pending() == []
