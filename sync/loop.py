"""The till's background sync loop: never in the cashier's way, always catching up.

A daemon thread runs a sync round every `interval_s` seconds, or at once when woken (the till
wakes it after each sale). After a failure it waits a full-jitter exponential backoff (a random
time up to min(30 s, 1 s x 2^failures)), so a thousand tills coming back after a regional
outage do not reconnect in step; then it resends the same events. A revoked terminal stops.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from db.store import StoreDb
from domain.clock import Clock, SystemClock
from sync import credentials
from sync.client import SyncClient
from sync.http import SyncError
from sync.status import RoundResult, SyncStatus

log = logging.getLogger(__name__)
BASE_BACKOFF_S = 1.0
MAX_BACKOFF_S = 30.0


def backoff_s(failures: int, draw: Callable[[], float] = random.random,
              base: float = BASE_BACKOFF_S, cap: float = MAX_BACKOFF_S) -> float:
    """Full jitter: uniform in [0, min(cap, base x 2^failures)]."""
    return float(draw() * min(cap, base * 2 ** min(failures, 16)))


class SyncLoop:
    def __init__(self, client: SyncClient, interval_s: float = 15.0,
                 on_round: Callable[[RoundResult | None, SyncError | None], None] | None = None,
                 max_backoff_s: float = MAX_BACKOFF_S) -> None:
        self.client = client
        self.interval_s = interval_s
        self.max_backoff_s = max_backoff_s
        self.failures = 0
        self.last_error: SyncError | None = None
        self._on_round = on_round
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kaika-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def wake(self) -> None:
        """Sync now (a sale was just committed)."""
        self._wake.set()

    def status(self) -> SyncStatus:
        return self.client.status()

    def run_once(self) -> float:
        """One round; returns how long to wait before the next."""
        try:
            result = self.client.sync_round()
        except SyncError as err:
            if err.code == "sync.in_use":  # another process is syncing this store right now:
                return self.interval_s  # not a failure of the link, so no back-off
            self.failures += 1
            self.last_error = err
            if self._on_round:
                self._on_round(None, err)
            if err.code == "auth.terminal_revoked":
                self._stop.set()
            if not err.retryable and err.code != "auth.clock_skew":
                return self.interval_s
            return backoff_s(self.failures, cap=self.max_backoff_s)
        except Exception:  # a bug must not kill the loop: log it, back off, try again
            log.exception("sync round failed")
            self.failures += 1
            return backoff_s(self.failures, cap=self.max_backoff_s)
        self.failures = 0
        self.last_error = None
        if self._on_round:
            self._on_round(result, None)
        return self.interval_s

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = self.run_once()
            if self._stop.is_set():
                break
            self._wake.wait(wait)
            self._wake.clear()


def start_for(store: StoreDb, clock: Clock | None = None,
              interval_s: float = 15.0) -> SyncLoop | None:
    """The till's background sync, started, if the till is enrolled (None otherwise).

    The till wires it once: `loop = start_for(store)`; after each sale `loop.wake()`; the
    status bar shows `loop.status()` (online, unsynced); on exit `loop.stop()`.
    """
    path = credentials.path_for(store.path)
    if not path.exists():
        return None
    loop = SyncLoop(SyncClient(store, credentials.load(path), clock or SystemClock()),
                    interval_s)
    loop.start()
    return loop
