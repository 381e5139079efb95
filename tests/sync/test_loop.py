"""The till's background loop: full-jitter backoff, riding out an absent head office, waking."""

from __future__ import annotations

import time
from collections.abc import Callable

from sync.loop import SyncLoop, backoff_s, start_for
from tests.sync.harness import Server, Till


def test_backoff_is_full_jitter_doubling_up_to_thirty_seconds() -> None:
    assert [backoff_s(n, draw=lambda: 1.0) for n in (1, 2, 3, 4, 5, 6, 12)] == [
        2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    assert backoff_s(3, draw=lambda: 0.25) == 2.0
    assert backoff_s(40, draw=lambda: 0.0) == 0.0


def test_the_loop_waits_out_an_absent_head_office_then_sends_what_piled_up(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server = make_server("sqlite", stores=("S001",))
    till = make_till()
    till.enroll(server, "S001")
    assert till.client is not None
    loop = SyncLoop(till.client, interval_s=0.1, max_backoff_s=0.3)
    server.kill()
    till.sale(None, ("SOCKS", 1))
    till.advance(minutes=2)

    waits = [loop.run_once() for _ in range(3)]

    assert loop.failures == 3 and loop.last_error is not None
    assert loop.last_error.code == "sync.unreachable"
    assert all(0 <= w <= 0.3 for w in waits)
    status = till.client.status()
    # Nothing sent yet: the audit entries of the store's set-up and of its four staff accounts
    # (the harness makes them), and the sale.
    assert (status.online, status.unsynced, status.last_error) == (False, 6, "sync.unreachable")

    server.start()
    loop = start_for(till.app.store, till.clock, interval_s=0.1)  # as the till app starts it
    assert loop is not None
    try:
        till.sale(None, ("SOCKS", 2))
        loop.wake()
        deadline = time.monotonic() + 10
        while till.client.unsynced() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        loop.stop()
    status = till.client.status()
    assert (status.online, status.unsynced, status.last_error) == (True, 0, "")
    assert loop.failures == 0


def test_a_till_that_never_enrolled_runs_no_loop(make_till: Callable[..., Till]) -> None:
    assert start_for(make_till().app.store) is None
